/**
 * @module adapters/duckdb/duckdb-database
 * Owns the one DuckDB instance of the hub process. DuckDB lets a single OS process open a database file
 * (even read-only), so every DuckDB-backed repository of the hub (readings, consent ledger, accounts…) shares
 * this instance and takes its own connection from it.
 *
 * Opening brings the file to the code's schema version (migrations/, in one transaction) before any repository gets a
 * connection, so repositories never create or change tables themselves.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { CourantError } from '../../core/errors.ts';
import { MIGRATIONS, migrate, type Migrated, type Migration } from './migrations/index.ts';

export interface DuckDbOptions {
  /** Database file path, or ':memory:'. */
  readonly path: string;
  readonly threads?: number | undefined;
  readonly memoryLimit?: string | undefined;
  /** Schema migrations to apply; the published list (migrations/index.ts) unless a test injects others. */
  readonly migrations?: readonly Migration[] | undefined;
}

export class DuckDbDatabase {
  private closed = false;
  private readonly connections: DuckDBConnection[] = [];

  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    /** Schema version found in the file when it opened, and its version now. */
    readonly schema: Migrated,
  ) {}

  static async open(opts: DuckDbOptions): Promise<DuckDbDatabase> {
    // see backend/data-dir.ts
    if (opts.path !== ':memory:') mkdirSync(dirname(opts.path), { recursive: true, mode: 0o700 });
    const settings: Record<string, string> = {};
    if (opts.threads) settings.threads = String(opts.threads);
    if (opts.memoryLimit) settings.memory_limit = opts.memoryLimit;
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(opts.path, settings);
    } catch (cause) {
      const msg = (cause as Error).message ?? String(cause);
      if (/lock/i.test(msg)) {
        throw new CourantError(
          'STORE_LOCKED',
          `database ${opts.path} is held by another process (is the hub running?): ${msg.split('\n')[0]}`,
          { cause },
        );
      }
      throw new CourantError('STORE_UNREADABLE', `database ${opts.path} cannot be opened: ${msg.split('\n')[0]}`, {
        cause,
      });
    }
    try {
      const conn = await instance.connect();
      try {
        return new DuckDbDatabase(opts.path, instance, await migrate(conn, opts.path, opts.migrations ?? MIGRATIONS));
      } finally {
        conn.closeSync();
      }
    } catch (cause) {
      instance.closeSync();
      throw cause;
    }
  }

  /** A new connection on the shared instance; closed with the database. */
  async connect(): Promise<DuckDBConnection> {
    if (this.closed) throw new CourantError('STORE_CLOSED', `database ${this.path} is closed`);
    const c = await this.instance.connect();
    this.connections.push(c);
    return c;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const c of this.connections) {
      try {
        c.closeSync();
      } catch {
        /* already closed */
      }
    }
    this.instance.closeSync();
  }
}
