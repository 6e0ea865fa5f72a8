/**
 * @module adapters/postgres/postgres-usage-point-repository
 * UsagePointRepository on PostgreSQL: `usage_point_contract` (one row per usage point and contract field, each with its
 * origin), `usage_point_calendars` (one row per usage point and validity start; the register map as JSON text) and
 * `usage_point_areas`. Each write is one transaction (one imported file: all facts or none).
 */
import type { PoolClient } from 'pg';
import type { Prm } from '../../core/prm.ts';
import {
  CONTRACT_FIELDS,
  type AreaAssignment,
  type AreaFact,
  type ContractFacts,
  type ContractField,
  type FactOrigin,
  type LearntFacts,
  type RegisterCalendar,
  type UsagePointProfile,
  type UsagePointRepository,
} from '../../ports/usage-point-repository.ts';
import { AREA_KINDS, type AreaKind } from '../../statistics/query.ts';
import { writeFailed, type Params, type PostgresDatabase } from './postgres-database.ts';

type Row = Record<string, unknown>;

export class PostgresUsagePointRepository implements UsagePointRepository {
  constructor(private readonly db: PostgresDatabase) {}

  private async rows(sql: string, params: Params = []): Promise<Row[]> {
    return (await this.db.query(sql, params)).rows;
  }

  private async transaction<T>(what: string, fn: (c: PoolClient) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction(fn);
    } catch (cause) {
      throw writeFailed(what, cause);
    }
  }

  record(facts: LearntFacts, origin: FactOrigin): Promise<void> {
    return this.transaction(`usage point ${facts.prm} profile`, async (client) => {
      // serialised first: a calendar that cannot be written fails the whole file before any statement
      const calendars = facts.calendars.map((c) => ({ c, registers: JSON.stringify(c.registers) }));
      for (const field of CONTRACT_FIELDS) {
        const v = facts.contract[field];
        if (v === undefined) continue;
        await client.query(
          `INSERT INTO usage_point_contract VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (prm, field) DO UPDATE SET
             value = EXCLUDED.value, source = EXCLUDED.source, file = EXCLUDED.file, updated_ms = EXCLUDED.updated_ms`,
          [facts.prm, field, String(v), origin.source, origin.file, origin.updatedAt],
        );
      }
      for (const { c, registers } of calendars) {
        await client.query(
          `INSERT INTO usage_point_calendars VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
           ON CONFLICT (prm, valid_from) DO UPDATE SET valid_to = EXCLUDED.valid_to,
             calendar_id = EXCLUDED.calendar_id, label = EXCLUDED.label, registers = EXCLUDED.registers,
             source = EXCLUDED.source, file = EXCLUDED.file, updated_ms = EXCLUDED.updated_ms`,
          [
            facts.prm,
            c.from,
            c.to ?? null,
            c.calendarId,
            c.label,
            registers,
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
      contract[field] = { value, source: String(x.source), file: String(x.file), updatedAt: Number(x.updated_ms) };
    }
    const calendars: RegisterCalendar[] = (
      await this.rows('SELECT * FROM usage_point_calendars WHERE prm = $1 ORDER BY valid_from', [prm])
    ).map((x) => ({
      from: Number(x.valid_from),
      to: x.valid_to == null ? undefined : Number(x.valid_to),
      calendarId: String(x.calendar_id),
      label: String(x.label),
      registers: JSON.parse(String(x.registers)) as RegisterCalendar['registers'],
      source: String(x.source),
      file: String(x.file),
      updatedAt: Number(x.updated_ms),
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
    return this.transaction(`usage point ${prm} ${kind} area`, async (client) => {
      if (code === null) await client.query('DELETE FROM usage_point_areas WHERE prm = $1 AND kind = $2', [prm, kind]);
      else
        await client.query(
          `INSERT INTO usage_point_areas VALUES ($1, $2, $3, $4)
           ON CONFLICT (prm, kind) DO UPDATE SET code = EXCLUDED.code, updated_ms = EXCLUDED.updated_ms`,
          [prm, kind, code, at],
        );
    });
  }

  areas(kind?: AreaKind): Promise<AreaAssignment[]> {
    return kind === undefined ? this.areasWhere('true', []) : this.areasWhere('kind = $1', [kind]);
  }

  private async areasWhere(where: string, params: Params): Promise<AreaAssignment[]> {
    // COLLATE "C": byte order, as DuckDB sorts, whatever the database's locale
    const rows = await this.rows(
      `SELECT * FROM usage_point_areas WHERE ${where} ORDER BY kind COLLATE "C", prm COLLATE "C"`,
      params,
    );
    return rows
      .filter((x) => (AREA_KINDS as readonly string[]).includes(String(x.kind)))
      .map((x) => ({
        prm: String(x.prm) as Prm,
        kind: String(x.kind) as AreaKind,
        code: String(x.code),
        updatedAt: Number(x.updated_ms),
      }));
  }

  delete(prm: Prm): Promise<number> {
    return this.transaction(`usage point ${prm} profile deletion`, async (client) => {
      let n = 0;
      for (const table of ['usage_point_contract', 'usage_point_calendars', 'usage_point_areas'])
        n += (await client.query(`DELETE FROM ${table} WHERE prm = $1`, [prm])).rowCount ?? 0;
      return n;
    });
  }
}
