/**
 * @module adapters/duckdb/duckdb-usage-point-repository
 * UsagePointRepository on DuckDB, in its own tables: `usage_point_contract` (one row per usage point and contract
 * field, each with its origin) and `usage_point_calendars` (one row per usage point and validity start; the register
 * map as JSON). Takes a connection from the hub's shared instance; its writes are serialised (one transaction per
 * imported file on one connection).
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { CourantError } from '../../core/errors.ts';
import type { Prm } from '../../core/prm.ts';
import {
  CONTRACT_FIELDS,
  type ContractFacts,
  type ContractField,
  type FactOrigin,
  type LearntFacts,
  type RegisterCalendar,
  type UsagePointProfile,
  type UsagePointRepository,
  type AreaAssignment,
  type AreaFact,
} from '../../ports/usage-point-repository.ts';
import { AREA_KINDS, type AreaKind } from '../../statistics/query.ts';
import type { DuckDbDatabase } from './duckdb-database.ts';
import { Mutex } from './mutex.ts';

type Row = Record<string, DuckDBValue>;
const num = (v: DuckDBValue | undefined): number => Number(v as number | bigint);

export class DuckDbUsagePointRepository implements UsagePointRepository {
  private readonly mutex = new Mutex();
  constructor(private readonly conn: DuckDBConnection) {}

  /** A repository on its own connection of the shared database (tables created by the schema migrations). */
  static async open(db: DuckDbDatabase): Promise<DuckDbUsagePointRepository> {
    return new DuckDbUsagePointRepository(await db.connect());
  }

  private async rows(sql: string, params: DuckDBValue[] = []): Promise<Row[]> {
    return (await this.conn.runAndReadAll(sql, params)).getRowObjects() as Row[];
  }

  /** One transaction on this connection, serialised with the other writes of this repository. */
  private transaction<T>(what: string, fn: () => Promise<T>): Promise<T> {
    return this.mutex.run(async () => {
      try {
        await this.conn.run('BEGIN TRANSACTION');
        const r = await fn();
        await this.conn.run('COMMIT');
        return r;
      } catch (cause) {
        await this.conn.run('ROLLBACK').catch(() => undefined);
        throw new CourantError(
          'STORE_WRITE_FAILED',
          `${what}: ${(cause as Error).message.split('\n')[0]}; nothing written`,
          { cause },
        );
      }
    });
  }

  record(facts: LearntFacts, origin: FactOrigin): Promise<void> {
    return this.transaction(`usage point ${facts.prm} profile`, async () => {
      for (const field of CONTRACT_FIELDS) {
        const v = facts.contract[field];
        if (v === undefined) continue;
        await this.conn.run('INSERT OR REPLACE INTO usage_point_contract VALUES ($1, $2, $3, $4, $5, $6)', [
          facts.prm,
          field,
          String(v),
          origin.source,
          origin.file,
          origin.updatedAt,
        ]);
      }
      for (const c of facts.calendars) {
        await this.conn.run(
          'INSERT OR REPLACE INTO usage_point_calendars VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
          [
            facts.prm,
            c.from,
            c.to ?? null,
            c.calendarId,
            c.label,
            JSON.stringify(c.registers),
            origin.source,
            origin.file,
            origin.updatedAt,
          ],
        );
      }
    });
  }

  async profile(prm: Prm): Promise<UsagePointProfile> {
    const contract: Partial<Record<ContractField, unknown>> = {};
    for (const x of await this.rows('SELECT * FROM usage_point_contract WHERE prm = $1', [prm])) {
      const field = String(x.field) as ContractField;
      if (!CONTRACT_FIELDS.includes(field)) continue;
      const value = field === 'subscribedKva' ? Number(x.value) : String(x.value);
      contract[field] = { value, source: String(x.source), file: String(x.file), updatedAt: num(x.updated_ms) };
    }
    const calendars: RegisterCalendar[] = (
      await this.rows('SELECT * FROM usage_point_calendars WHERE prm = $1 ORDER BY valid_from', [prm])
    ).map((x) => ({
      from: num(x.valid_from),
      to: x.valid_to == null ? undefined : num(x.valid_to),
      calendarId: String(x.calendar_id),
      label: String(x.label),
      registers: JSON.parse(String(x.registers)) as RegisterCalendar['registers'],
      source: String(x.source),
      file: String(x.file),
      updatedAt: num(x.updated_ms),
    }));
    const areas: Partial<Record<AreaKind, AreaFact>> = {};
    for (const a of await this.areasWhere('prm = $1', [prm])) areas[a.kind] = { code: a.code, updatedAt: a.updatedAt };
    return Object.keys(areas).length
      ? { prm, contract: contract as ContractFacts, calendars, areas }
      : { prm, contract: contract as ContractFacts, calendars };
  }

  async usagePoints(): Promise<Prm[]> {
    const r = await this.rows(
      `SELECT prm FROM usage_point_contract UNION SELECT prm FROM usage_point_calendars
       UNION SELECT prm FROM usage_point_areas ORDER BY prm`,
    );
    return r.map((x) => String(x.prm) as Prm);
  }

  setArea(prm: Prm, kind: AreaKind, code: string | null, at: number): Promise<void> {
    return this.transaction(`usage point ${prm} ${kind} area`, async () => {
      if (code === null) await this.conn.run('DELETE FROM usage_point_areas WHERE prm = $1 AND kind = $2', [prm, kind]);
      else
        await this.conn.run('INSERT OR REPLACE INTO usage_point_areas VALUES ($1, $2, $3, $4)', [prm, kind, code, at]);
    });
  }

  areas(kind?: AreaKind): Promise<AreaAssignment[]> {
    return kind === undefined ? this.areasWhere('true', []) : this.areasWhere('kind = $1', [kind]);
  }

  private async areasWhere(where: string, params: DuckDBValue[]): Promise<AreaAssignment[]> {
    const rows = await this.rows(`SELECT * FROM usage_point_areas WHERE ${where} ORDER BY kind, prm`, params);
    return rows
      .filter((x) => (AREA_KINDS as readonly string[]).includes(String(x.kind)))
      .map((x) => ({
        prm: String(x.prm) as Prm,
        kind: String(x.kind) as AreaKind,
        code: String(x.code),
        updatedAt: num(x.updated_ms),
      }));
  }

  delete(prm: Prm): Promise<number> {
    return this.transaction(`usage point ${prm} profile deletion`, async () => {
      let n = 0;
      for (const table of ['usage_point_contract', 'usage_point_calendars', 'usage_point_areas'])
        n += Number((await this.conn.run(`DELETE FROM ${table} WHERE prm = $1`, [prm])).rowsChanged);
      return n;
    });
  }
}
