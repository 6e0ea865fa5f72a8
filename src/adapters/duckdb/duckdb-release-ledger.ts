/**
 * @module adapters/duckdb/duckdb-release-ledger
 * The release ledger on DuckDB (tables stats_releases and stats_spend, schema migration 3) and the release files,
 * written by DuckDB `COPY` (CSV with a header line, Parquet) from a temporary table of the published cells.
 *
 * Files are staged in `<data-dir>/releases/.staging/` and moved into `<data-dir>/releases/` by `publish`, inside the
 * transaction that stores the chained row and the spend: the transaction commits only once both files are in place,
 * and a failure rolls the row back and takes the files out again. One connection and one queue: appends are strictly
 * ordered and the chain never forks.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { sha256Hex } from '../../consent/canonical.ts';
import {
  chainRelease,
  verifyReleaseChain,
  type ChainedRelease,
  type ReleaseRecord,
} from '../../consent/release-chain.ts';
import { CourantError } from '../../core/errors.ts';
import {
  RELEASE_FORMATS,
  type HouseholdSpend,
  type RecordedSpend,
  type ReleaseFiles,
  type ReleaseFormat,
  type ReleaseLedger,
  type ReleaseTable,
} from '../../ports/release-ledger.ts';
import { checkReleaseId, isReleaseId, toRelease } from '../sql-schema/release-rows.ts';
import { Mutex } from './mutex.ts';

type Row = Record<string, DuckDBValue>;
const COLUMN = /^[a-z][a-z0-9_]{0,62}$/;
const ROWS_PER_INSERT = 200;

const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`;

export class DuckDbReleaseLedger implements ReleaseLedger {
  private readonly mutex = new Mutex();
  private readonly folder: string;
  private readonly staging: string;

  constructor(
    private readonly conn: DuckDBConnection,
    dataDir: string,
  ) {
    this.folder = join(dataDir, 'releases');
    this.staging = join(this.folder, '.staging');
    // Files left staged by a process that stopped mid-release were never published (publish moves them under the
    // same lock that writes their row); only one process opens the database file, so none of them is in use now.
    if (dataDir !== ':memory:') rmSync(this.staging, { recursive: true, force: true });
  }

  private async rows(sql: string, params: DuckDBValue[] = []): Promise<Row[]> {
    return (await this.conn.runAndReadAll(sql, params)).getRowObjects() as Row[];
  }

  private staged(releaseId: string, f: ReleaseFormat): string {
    return join(this.staging, `${releaseId}.${f}.tmp`);
  }

  private published(releaseId: string, f: ReleaseFormat): string {
    return join(this.folder, `${releaseId}.${f}`);
  }

  stage(releaseId: string, table: ReleaseTable): Promise<ReleaseFiles> {
    checkReleaseId(releaseId);
    for (const c of table.columns)
      if (!COLUMN.test(c.name)) throw new CourantError('INPUT_INVALID', `release column ${JSON.stringify(c.name)}`);
    return this.mutex.run(async () => {
      mkdirSync(this.staging, { recursive: true, mode: 0o700 });
      const temp = `release_${releaseId.replaceAll('-', '_')}`;
      try {
        await this.conn.run(
          `CREATE OR REPLACE TEMP TABLE ${temp} (${table.columns.map((c) => `${c.name} ${c.type}`).join(', ')})`,
        );
        const width = table.columns.length;
        for (let i = 0; i < table.rows.length; i += ROWS_PER_INSERT) {
          const chunk = table.rows.slice(i, i + ROWS_PER_INSERT);
          const values = chunk
            .map((_, r) => `(${table.columns.map((c, k) => `CAST($${r * width + k + 1} AS ${c.type})`).join(', ')})`)
            .join(', ');
          await this.conn.run(`INSERT INTO ${temp} VALUES ${values}`, chunk.flat() as DuckDBValue[]);
        }
        await this.conn.run(
          `COPY (SELECT * FROM ${temp}) TO ${sqlString(this.staged(releaseId, 'csv'))} (FORMAT CSV, HEADER)`,
        );
        await this.conn.run(
          `COPY (SELECT * FROM ${temp}) TO ${sqlString(this.staged(releaseId, 'parquet'))} (FORMAT PARQUET)`,
        );
      } catch (cause) {
        this.removeStaged(releaseId);
        throw new CourantError(
          'STORE_WRITE_FAILED',
          `release ${releaseId}: files not written: ${(cause as Error).message.split('\n')[0]}`,
          { cause },
        );
      } finally {
        await this.conn.run(`DROP TABLE IF EXISTS ${temp}`).catch(() => undefined);
      }
      const out = {} as Record<ReleaseFormat, { sha256: string; bytes: number }>;
      for (const f of RELEASE_FORMATS) {
        const bytes = readFileSync(this.staged(releaseId, f));
        out[f] = { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
      }
      return out;
    });
  }

  private removeStaged(releaseId: string): void {
    for (const f of RELEASE_FORMATS) rmSync(this.staged(releaseId, f), { force: true });
  }

  async discard(releaseId: string): Promise<void> {
    checkReleaseId(releaseId);
    await this.mutex.run(async () => this.removeStaged(releaseId));
  }

  publish(
    record: ReleaseRecord,
    spend: readonly HouseholdSpend[],
    confirm?: (recorded: RecordedSpend) => void,
  ): Promise<ChainedRelease> {
    checkReleaseId(record.releaseId);
    return this.mutex.run(async () => {
      for (const f of RELEASE_FORMATS) {
        try {
          statSync(this.staged(record.releaseId, f));
        } catch {
          throw new CourantError('STORE_WRITE_FAILED', `release ${record.releaseId}: its ${f} file is not staged`);
        }
      }
      const moved: ReleaseFormat[] = [];
      await this.conn.run('BEGIN TRANSACTION');
      try {
        if (confirm)
          confirm({
            dataset: await this.spentOnDataset(record.dataset),
            households: await this.spentByHousehold(spend.map((s) => s.subject)),
          });
        const head = (await this.rows('SELECT seq, hash FROM stats_releases ORDER BY seq DESC LIMIT 1'))[0];
        const prev = head ? { seq: Number(head.seq as bigint), hash: String(head.hash) } : null;
        const row = await chainRelease(prev, record, sha256Hex);
        await this.conn.run('INSERT INTO stats_releases VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)', [
          row.seq,
          row.releaseId,
          row.at,
          row.publisher,
          row.dataset,
          row.rho,
          JSON.stringify(row.body),
          row.prevHash,
          row.hash,
        ]);
        for (let i = 0; i < spend.length; i += ROWS_PER_INSERT) {
          const chunk = spend.slice(i, i + ROWS_PER_INSERT);
          await this.conn.run(
            `INSERT INTO stats_spend VALUES ${chunk.map((_, k) => `($1, $${2 * k + 2}, $${2 * k + 3})`).join(', ')}`,
            [record.releaseId, ...chunk.flatMap((s) => [s.subject, s.rho])],
          );
        }
        for (const f of RELEASE_FORMATS) {
          renameSync(this.staged(record.releaseId, f), this.published(record.releaseId, f));
          moved.push(f);
        }
        await this.conn.run('COMMIT');
        return row;
      } catch (cause) {
        await this.conn.run('ROLLBACK').catch(() => undefined);
        for (const f of moved) rmSync(this.published(record.releaseId, f), { force: true });
        this.removeStaged(record.releaseId);
        if (cause instanceof CourantError) throw cause;
        throw new CourantError(
          'STORE_WRITE_FAILED',
          `release ${record.releaseId}: not published: ${(cause as Error).message.split('\n')[0]}`,
          { cause },
        );
      }
    });
  }

  async list(): Promise<ChainedRelease[]> {
    return (await this.rows('SELECT * FROM stats_releases ORDER BY seq')).map(toRelease);
  }

  async get(releaseId: string): Promise<ChainedRelease | null> {
    const r = await this.rows('SELECT * FROM stats_releases WHERE release_id = $1', [releaseId]);
    return r[0] ? toRelease(r[0]) : null;
  }

  async verify() {
    return verifyReleaseChain(await this.list(), sha256Hex);
  }

  async spentByHousehold(subjects: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>(subjects.map((s) => [s, 0]));
    if (!subjects.length) return out;
    const r = await this.rows(
      `SELECT subject, sum(rho) AS rho FROM stats_spend
       WHERE list_contains(CAST(json_extract_string($1, '$[*]') AS VARCHAR[]), subject) GROUP BY subject`,
      [JSON.stringify(subjects)],
    );
    for (const x of r) out.set(String(x.subject), Number(x.rho));
    return out;
  }

  async spentOnDataset(dataset: string): Promise<number> {
    const r = await this.rows('SELECT coalesce(sum(rho), 0) AS rho FROM stats_releases WHERE dataset = $1', [dataset]);
    return Number(r[0]?.rho ?? 0);
  }

  async releasesOf(subject: string): Promise<ChainedRelease[]> {
    return (
      await this.rows(
        `SELECT r.* FROM stats_releases r JOIN stats_spend s ON s.release_id = r.release_id
         WHERE s.subject = $1 ORDER BY r.seq`,
        [subject],
      )
    ).map(toRelease);
  }

  async file(releaseId: string, format: ReleaseFormat): Promise<Uint8Array | null> {
    if (!isReleaseId(releaseId) || !RELEASE_FORMATS.includes(format)) return null;
    if (!(await this.get(releaseId))) return null;
    try {
      return readFileSync(this.published(releaseId, format));
    } catch {
      return null;
    }
  }
}
