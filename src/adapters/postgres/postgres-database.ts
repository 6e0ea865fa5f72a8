/**
 * @module adapters/postgres/postgres-database
 * The PostgreSQL database of the hub's repositories (consent, accounts, clients, profiles, releases): one connection
 * pool per hub instance. Several instances may share the database; what must be serialised across them takes an
 * advisory lock inside its transaction (postgres-locks.ts).
 *
 * Opening brings the database to the code's schema version (migrations/, one transaction) before any repository gets
 * it, so repositories never create or change tables themselves. BIGINT columns come back as JS numbers (every value
 * stored is a millisecond instant, a seq or a count, far below 2^53).
 */
import pg from 'pg';
import { CourantError } from '../../core/errors.ts';
import { PG_MIGRATIONS, migrate, type Migrated, type Migration } from './migrations/index.ts';

export interface PostgresOptions {
  /** Connection string (postgres://user:password@host:port/database). */
  readonly url: string;
  /** Connections in the pool (default 8). */
  readonly max?: number | undefined;
  /** Schema migrations to apply; the published list unless a test injects others. */
  readonly migrations?: readonly Migration[] | undefined;
}

const INT8 = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

const firstLine = (e: unknown): string => String((e as Error)?.message ?? e).split('\n')[0]!;

/** host:port/database of a connection string, never its password. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `postgres://${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'postgres (malformed connection string)';
  }
}

export type Params = readonly unknown[];

export class PostgresDatabase {
  private closed = false;
  private constructor(
    /** The database named without its password, for messages. */
    readonly where: string,
    private readonly url: string,
    private readonly pool: pg.Pool,
    /** Schema version found when it opened, and its version now. */
    readonly schema: Migrated,
  ) {}

  static async open(opts: PostgresOptions): Promise<PostgresDatabase> {
    const where = describeUrl(opts.url);
    const pool = new pg.Pool({
      connectionString: opts.url,
      max: opts.max ?? 8,
      connectionTimeoutMillis: 15_000,
      types,
    });
    pool.on('error', () => undefined); // an idle client lost its connection: the next query gets another one
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (cause) {
      await pool.end().catch(() => undefined);
      const code = (cause as { code?: string }).code;
      throw new CourantError('STORE_UNAVAILABLE', `database ${where} cannot be opened: ${firstLine(cause)}`, {
        cause,
        details: { engine: 'postgres', ...(code ? { pgCode: code } : {}) },
      });
    }
    try {
      const schema = await migrate(client, where, opts.migrations ?? PG_MIGRATIONS);
      client.release();
      return new PostgresDatabase(where, opts.url, pool, schema);
    } catch (cause) {
      client.release();
      await pool.end().catch(() => undefined);
      throw cause;
    }
  }

  private check(): void {
    if (this.closed) throw new CourantError('STORE_CLOSED', `database ${this.where} is closed`);
  }

  /** One statement on any pooled connection; rows as objects. */
  async query<R extends Record<string, unknown> = Record<string, unknown>>(
    sql: string,
    params: Params = [],
  ): Promise<{ rows: R[]; rowCount: number }> {
    this.check();
    const r = await this.pool.query<R>(sql, params as unknown[]);
    return { rows: r.rows, rowCount: r.rowCount ?? 0 };
  }

  /** `fn` in one transaction on one connection: COMMIT when it returns, ROLLBACK when it throws (rethrown as is). */
  async transaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    this.check();
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const r = await fn(client);
      await client.query('COMMIT');
      return r;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  /** A connection of its own, outside the pool (a session-level lock lives as long as it): the caller ends it. */
  async dedicated(): Promise<pg.Client> {
    this.check();
    const client = new pg.Client({
      connectionString: this.url,
      connectionTimeoutMillis: 15_000,
      keepAlive: true,
      keepAliveInitialDelayMillis: 5_000,
      types,
    });
    client.on('error', () => undefined); // a lost connection shows as a failed query on it
    await client.connect();
    return client;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

/** Turns a failed write into STORE_WRITE_FAILED naming `what` (a CourantError passes through as is). */
export function writeFailed(what: string, cause: unknown): CourantError {
  if (cause instanceof CourantError) return cause;
  return new CourantError('STORE_WRITE_FAILED', `${what}: ${firstLine(cause)}; nothing written`, { cause });
}
