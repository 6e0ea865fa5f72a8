/**
 * @module adapters/postgres/postgres-release-ledger
 * The release ledger on PostgreSQL: tables stats_releases and stats_spend, and the release files as bytes
 * (stats_release_staging until published, then stats_release_files), so every hub instance on the database serves the
 * same files. `publish` is one transaction under the release-ledger advisory lock (postgres-locks.ts): head read, the
 * chained row, the spend and the move of the staged files; publications from several instances are strictly ordered
 * and the chain never forks. A failure rolls everything back and forgets the staged files.
 */
import { createHash } from 'node:crypto';
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
import { writeFailed, type Params, type PostgresDatabase } from './postgres-database.ts';
import { LOCKS, LOCK_SQL } from './postgres-locks.ts';
import { renderRelease } from './release-files.ts';

type Row = Record<string, unknown>;

export class PostgresReleaseLedger implements ReleaseLedger {
  constructor(private readonly db: PostgresDatabase) {}

  private async rows(sql: string, params: Params = []): Promise<Row[]> {
    return (await this.db.query(sql, params)).rows;
  }

  async stage(releaseId: string, table: ReleaseTable): Promise<ReleaseFiles> {
    checkReleaseId(releaseId);
    let files: Record<ReleaseFormat, Uint8Array>;
    try {
      files = await renderRelease(table);
      await this.db.transaction(async (client) => {
        for (const f of RELEASE_FORMATS)
          await client.query(
            `INSERT INTO stats_release_staging VALUES ($1, $2, $3)
             ON CONFLICT (release_id, format) DO UPDATE SET bytes = EXCLUDED.bytes`,
            [releaseId, f, Buffer.from(files[f])],
          );
      });
    } catch (cause) {
      if (cause instanceof CourantError && cause.code === 'INPUT_INVALID') throw cause;
      throw new CourantError(
        'STORE_WRITE_FAILED',
        `release ${releaseId}: files not written: ${(cause as Error).message.split('\n')[0]}`,
        { cause },
      );
    }
    const out = {} as Record<ReleaseFormat, { sha256: string; bytes: number }>;
    for (const f of RELEASE_FORMATS)
      out[f] = { sha256: createHash('sha256').update(files[f]).digest('hex'), bytes: files[f].length };
    return out;
  }

  async discard(releaseId: string): Promise<void> {
    checkReleaseId(releaseId);
    await this.db.query('DELETE FROM stats_release_staging WHERE release_id = $1', [releaseId]);
  }

  async publish(
    record: ReleaseRecord,
    spend: readonly HouseholdSpend[],
    confirm?: (recorded: RecordedSpend) => void,
  ): Promise<ChainedRelease> {
    const id = checkReleaseId(record.releaseId);
    try {
      return await this.db.transaction(async (client) => {
        await client.query(LOCK_SQL, [LOCKS.releaseLedger]);
        // read under the lock: a release another instance published meanwhile is counted
        if (confirm) {
          const ds = await client.query<Row>(
            'SELECT coalesce(sum(rho), 0) AS rho FROM stats_releases WHERE dataset = $1',
            [record.dataset],
          );
          const households = new Map<string, number>(spend.map((s) => [s.subject, 0]));
          const hs = await client.query<Row>(
            'SELECT subject, sum(rho) AS rho FROM stats_spend WHERE subject = ANY($1::text[]) GROUP BY subject',
            [spend.map((s) => s.subject)],
          );
          for (const x of hs.rows) households.set(String(x.subject), Number(x.rho));
          confirm({ dataset: Number(ds.rows[0]?.rho ?? 0), households });
        }
        const staged = await client.query<Row>('SELECT format FROM stats_release_staging WHERE release_id = $1', [id]);
        for (const f of RELEASE_FORMATS)
          if (!staged.rows.some((r) => r.format === f))
            throw new CourantError('STORE_WRITE_FAILED', `release ${id}: its ${f} file is not staged`);
        const head = (await client.query<Row>('SELECT seq, hash FROM stats_releases ORDER BY seq DESC LIMIT 1'))
          .rows[0];
        const prev = head ? { seq: Number(head.seq), hash: String(head.hash) } : null;
        const row = await chainRelease(prev, record, sha256Hex);
        await client.query('INSERT INTO stats_releases VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)', [
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
        await client.query('INSERT INTO stats_spend SELECT $1, s, r FROM unnest($2::text[], $3::float8[]) AS x(s, r)', [
          id,
          spend.map((s) => s.subject),
          spend.map((s) => s.rho),
        ]);
        await client.query(
          `INSERT INTO stats_release_files SELECT release_id, format, bytes FROM stats_release_staging
           WHERE release_id = $1`,
          [id],
        );
        await client.query('DELETE FROM stats_release_staging WHERE release_id = $1', [id]);
        return row;
      });
    } catch (cause) {
      await this.discard(id).catch(() => undefined);
      throw writeFailed(`release ${id}: not published`, cause);
    }
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
      'SELECT subject, sum(rho) AS rho FROM stats_spend WHERE subject = ANY($1::text[]) GROUP BY subject',
      [subjects],
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
    const r = await this.rows(
      `SELECT f.bytes FROM stats_release_files f JOIN stats_releases r ON r.release_id = f.release_id
       WHERE f.release_id = $1 AND f.format = $2`,
      [releaseId, format],
    );
    return r[0] ? new Uint8Array(r[0].bytes as Buffer) : null;
  }
}
