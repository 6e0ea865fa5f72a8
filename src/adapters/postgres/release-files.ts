/**
 * @module adapters/postgres/release-files
 * Renders a release table as the published files (CSV with a header line, Parquet) with an in-process, in-memory DuckDB
 * (`COPY`), the same writer as the DuckDB adapter's, so both engines publish files of the same shape. PostgreSQL only
 * stores the bytes (postgres-release-ledger.ts). The temporary files live in a private directory removed at once.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { CourantError } from '../../core/errors.ts';
import type { ReleaseFormat, ReleaseTable } from '../../ports/release-ledger.ts';

const COLUMN = /^[a-z][a-z0-9_]{0,62}$/;
const ROWS_PER_INSERT = 200;
const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`;

export async function renderRelease(table: ReleaseTable): Promise<Record<ReleaseFormat, Uint8Array>> {
  for (const c of table.columns)
    if (!COLUMN.test(c.name)) throw new CourantError('INPUT_INVALID', `release column ${JSON.stringify(c.name)}`);
  const dir = mkdtempSync(join(tmpdir(), 'courant-release-'));
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const conn = await instance.connect();
  try {
    await conn.run(`CREATE TABLE cells (${table.columns.map((c) => `${c.name} ${c.type}`).join(', ')})`);
    const width = table.columns.length;
    for (let i = 0; i < table.rows.length; i += ROWS_PER_INSERT) {
      const chunk = table.rows.slice(i, i + ROWS_PER_INSERT);
      const values = chunk
        .map((_, r) => `(${table.columns.map((c, k) => `CAST($${r * width + k + 1} AS ${c.type})`).join(', ')})`)
        .join(', ');
      await conn.run(`INSERT INTO cells VALUES ${values}`, chunk.flat() as DuckDBValue[]);
    }
    await conn.run(`COPY cells TO ${sqlString(join(dir, 'r.csv'))} (FORMAT CSV, HEADER)`);
    await conn.run(`COPY cells TO ${sqlString(join(dir, 'r.parquet'))} (FORMAT PARQUET)`);
    return { csv: readFileSync(join(dir, 'r.csv')), parquet: readFileSync(join(dir, 'r.parquet')) };
  } finally {
    conn.closeSync();
    instance.closeSync();
    rmSync(dir, { recursive: true, force: true });
  }
}
