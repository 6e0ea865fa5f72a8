// Schema migrations on real DuckDB files: a file written before the schema was versioned (test/fixtures/store) is
// recognised as version 1 and upgraded with nothing lost; migration 1 is exactly the schema that code created; a file
// newer than the code is refused untouched; a failing migration leaves the file as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { verify as argonVerify } from '@node-rs/argon2';
import type { JWK } from 'jose';
import { isCourantError } from '../../../core/errors.ts';
import type { Prm } from '../../../core/prm.ts';
import { verifyLedger } from '../../../use-cases/consent/ledger-service.ts';
import { DuckDbDatabase } from '../duckdb-database.ts';
import { DuckDbReadingStore } from '../duckdb-store.ts';
import { DuckDbConsentRepository } from '../duckdb-consent-repository.ts';
import { DuckDbAccountRepository } from '../duckdb-accounts-repository.ts';
import { DuckDbUsagePointRepository } from '../duckdb-usage-point-repository.ts';
import { LEDGER_DDL } from '../duckdb-ledger-salvage.ts';
import { MIGRATIONS, SCHEMA_VERSION, type Migration } from './index.ts';
import { sqlMigration } from './migration.ts';
import { VERSION_KEY } from './migrate.ts';

const FIXTURES = new URL('../../../../test/fixtures/store/', import.meta.url);
const P1 = '99999999999901' as Prm;
const P2 = '99999999999902' as Prm;
const T0 = Date.UTC(2024, 0, 1);
const DAY = 86_400_000;

/** A temp dir holding a copy of the database written before versioning (test/fixtures/store/README.md). */
function legacyFile(): { dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'courant-migrations-'));
  const path = join(dir, 'courant.duckdb');
  writeFileSync(path, gunzipSync(readFileSync(new URL('courant-v1.duckdb.gz', FIXTURES))));
  return { dir, path };
}

/** Run `fn` on the file through DuckDB directly: no migration, nothing the hub's code would do at open. */
async function raw<T>(path: string, fn: (c: DuckDBConnection) => Promise<T>): Promise<T> {
  const inst = await DuckDBInstance.create(path);
  const c = await inst.connect();
  try {
    return await fn(c);
  } finally {
    c.closeSync();
    inst.closeSync();
  }
}

const rowsOf = async (c: DuckDBConnection, sql: string) => (await c.runAndReadAll(sql)).getRowObjectsJson();

/** The schema as DuckDB's catalogue describes it: tables (with their SQL), columns, constraints, sequences. */
async function schemaOf(c: DuckDBConnection) {
  const here = "database_name = current_database() AND schema_name = 'main'";
  return {
    tables: await rowsOf(c, `SELECT table_name, sql FROM duckdb_tables() WHERE ${here} ORDER BY table_name`),
    columns: await rowsOf(
      c,
      `SELECT table_name, column_name, column_index, data_type, column_default, is_nullable FROM duckdb_columns() WHERE ${here} ORDER BY table_name, column_index`,
    ),
    constraints: await rowsOf(
      c,
      `SELECT table_name, constraint_type, constraint_column_names FROM duckdb_constraints() WHERE ${here} ORDER BY table_name, constraint_type, constraint_text, CAST(constraint_column_names AS VARCHAR)`,
    ),
    sequences: await rowsOf(
      c,
      `SELECT sequence_name, increment_by, min_value, max_value, cycle FROM duckdb_sequences() WHERE ${here} ORDER BY sequence_name`,
    ),
  };
}

/** Tables the migrations after the first add (registered clients, codes, tokens), with what they create. */
const LATER_TABLES = [
  'oauth_clients',
  'oauth_codes',
  'oauth_tokens',
  'stats_releases',
  'stats_spend',
  'usage_point_areas',
];
/** The schema without what later migrations added: what migration 1 alone must match. */
function firstSchema(s: Awaited<ReturnType<typeof schemaOf>>) {
  const keep = (r: Record<string, unknown>) => !LATER_TABLES.includes(String(r.table_name));
  return {
    ...s,
    tables: s.tables.filter(keep),
    columns: s.columns.filter(keep),
    constraints: s.constraints.filter(keep),
  };
}

/** Every table's rows (in a stable order) with the schema and the sequence's position: what "as it was" means. */
async function snapshot(path: string) {
  return raw(path, async (c) => {
    const schema = await schemaOf(c);
    const data: Record<string, unknown> = {};
    for (const t of schema.tables)
      data[String(t.table_name)] = await rowsOf(c, `SELECT * FROM ${String(t.table_name)} ORDER BY ALL`);
    const seq = await rowsOf(c, 'SELECT sequence_name, last_value FROM duckdb_sequences()');
    return { schema, data, seq };
  });
}

const versionIn = (path: string) =>
  raw(path, async (c) => {
    const meta = await rowsOf(c, "SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'store_meta'");
    if (Number(meta[0]!.n) === 0) return undefined;
    return (await rowsOf(c, `SELECT value FROM store_meta WHERE key = '${VERSION_KEY}'`))[0]?.value;
  });

test('a file written before versioning is recognised as schema version 1 and upgraded with nothing lost', async () => {
  const { dir, path } = legacyFile();
  try {
    const before = await snapshot(path);
    assert.equal(await versionIn(path), undefined, 'the fixture has no schema version');
    assert.deepEqual(Object.keys(before.data).sort(), [
      'auth_accounts',
      'auth_sessions',
      'consent_access_log',
      'consent_deletions',
      'consent_ledger',
      'consent_legal_requests',
      'readings',
      'series',
      'store_meta',
      'usage_point_calendars',
      'usage_point_contract',
    ]);

    const db = await DuckDbDatabase.open({ path, threads: 1 });
    try {
      assert.deepEqual(db.schema, { from: 0, to: SCHEMA_VERSION });
      // readings, as stored
      const store = await DuckDbReadingStore.create(db);
      const held = (await store.list()).map((s) => [
        s.prm,
        s.quantity,
        s.direction,
        s.step,
        s.source,
        s.count,
        s.first,
        s.last,
      ]);
      assert.deepEqual(held, [
        [P1, 'power', 'consumption', 'PT1M', 'tic', 1440, T0, T0 + DAY - 60_000],
        [P1, 'energy', 'consumption', 'PT30M', 'enedis_api', 96, T0, T0 + 2 * DAY - 1_800_000],
        [P1, 'energy', 'consumption', 'P1D', 'enedis_api', 2, T0, T0 + DAY],
        [P2, 'energy', 'production', 'P1D', 'csv', 7, T0, T0 + 6 * DAY],
      ]);
      const key = { prm: P1, quantity: 'energy', direction: 'consumption', register: '' } as const;
      const half = await store.read({
        ...key,
        step: 'PT30M',
        source: 'enedis_api',
        range: { from: T0, to: T0 + 2 * DAY },
      });
      assert.deepEqual(
        Array.from(half.values),
        Array.from({ length: 96 }, (_, i) => 100 + ((i * 37) % 250) + 0.5),
      );
      const daily = await store.read({
        ...key,
        step: 'P1D',
        source: 'enedis_api',
        range: { from: T0, to: T0 + 2 * DAY },
      });
      assert.deepEqual(Array.from(daily.quality), [0, 1]);
      const prod = await store.read({
        prm: P2,
        quantity: 'energy',
        direction: 'production',
        step: 'P1D',
        source: 'csv',
        range: { from: T0, to: T0 + 7 * DAY },
      });
      assert.deepEqual(Array.from(prod.values), [1200, 0, 850.25, 3100, 2200, 400, 1999]);

      // accounts and sessions: the owner signs in with the password it had
      const accounts = new DuckDbAccountRepository(await db.connect());
      const alice = await accounts.byUsername('alice');
      assert.equal(alice?.displayName, 'Alice Test');
      assert.equal(alice?.email, 'alice@courant.invalid');
      assert.equal(await argonVerify(alice!.passwordHash, 'correct horse battery staple'), true);
      const c = await db.connect();
      assert.deepEqual(await rowsOf(c, 'SELECT account_id FROM auth_sessions'), [{ account_id: alice!.accountId }]);

      // the consent ledger verifies: chain, hashes and the receipts against the original signing key
      const consent = new DuckDbConsentRepository(await db.connect());
      const publicJwk = JSON.parse(
        readFileSync(new URL('courant-v1.receipt-signing.public.jwk', FIXTURES), 'utf8'),
      ) as JWK;
      const report = await verifyLedger(consent, publicJwk);
      assert.equal(report.status, 'ok');
      assert.equal(report.count, 3);
      assert.equal(report.verified, 3);
      assert.equal(report.receipts.checked, 3);
      assert.deepEqual(
        (await consent.events()).map((e) => e.body.type),
        ['occupancy-started', 'given', 'control'],
      );
      const log = await consent.accessLog(P1);
      assert.equal(log.length, 1);
      assert.equal(log[0]!.actorId, 'conseil-energie');

      // usage-point profile
      const profiles = await DuckDbUsagePointRepository.open(db);
      const p = await profiles.profile(P1);
      assert.equal(p.contract.subscribedKva?.value, 9);
      assert.equal(p.contract.tariffOption?.value, 'BTINFCUST');
      assert.equal(p.contract.offpeakHours?.source, 'dataconnect-v5');
      assert.deepEqual(
        p.calendars.map((k) => [k.calendarId, k.from, k.to, Object.keys(k.registers)]),
        [['FC000050', Date.parse('2024-01-01T00:00:00+01:00'), undefined, ['EASF01', 'EASF02']]],
      );

      // and it goes on working: a new access-log entry takes the next number of the sequence, a new reading is added
      await consent.logAccess([{ ...log[0]!, entryId: 'after-upgrade', at: log[0]!.at + 1 }]);
      assert.deepEqual((await consent.accessLog(P1)).map((e) => e.entryId).at(-1), 'after-upgrade');
      assert.deepEqual(await rowsOf(c, 'SELECT n FROM consent_access_log ORDER BY n'), [{ n: '1' }, { n: '2' }]);
      const w = await store.write([
        {
          key: { prm: P2, quantity: 'energy', direction: 'production', register: '', step: 'P1D', source: 'csv' },
          ts: [T0 + 7 * DAY],
          values: [5],
        },
      ]);
      assert.equal(w.added, 1);
      await store.close();
    } finally {
      await db.close();
    }

    // nothing else changed: same schema plus the later migrations' tables (empty), same rows, plus the version
    const after = await snapshot(path);
    assert.deepEqual(firstSchema(after.schema), before.schema);
    for (const t of LATER_TABLES) assert.deepEqual(after.data[t], [], t);
    assert.deepEqual(after.data.store_meta, [{ key: VERSION_KEY, value: String(SCHEMA_VERSION) }]);
    for (const t of [
      'auth_accounts',
      'auth_sessions',
      'consent_ledger',
      'usage_point_contract',
      'usage_point_calendars',
    ])
      assert.deepEqual(after.data[t], before.data[t], t);

    // reopening finds the version and applies nothing
    const again = await DuckDbDatabase.open({ path, threads: 1 });
    assert.deepEqual(again.schema, { from: SCHEMA_VERSION, to: SCHEMA_VERSION });
    await again.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('migration 1 is exactly the schema the code created before versioning; the tables re-created at run time match it', async () => {
  const legacy = legacyFile();
  const dir = mkdtempSync(join(tmpdir(), 'courant-migrations-'));
  try {
    const old = await raw(legacy.path, schemaOf);
    const path = join(dir, 'fresh.duckdb');
    const db = await DuckDbDatabase.open({ path, threads: 1 });
    assert.deepEqual(db.schema, { from: 0, to: SCHEMA_VERSION });
    const c = await db.connect();
    // DuckDB renders each table's SQL from its catalogue, so equal SQL means equal columns, types, defaults and keys
    assert.deepEqual(firstSchema(await schemaOf(c)), old);
    assert.deepEqual(
      (await schemaOf(c)).tables.map((t) => t.table_name).filter((t) => LATER_TABLES.includes(String(t))),
      LATER_TABLES,
    );

    // setting a damaged ledger aside re-creates consent_ledger with LEDGER_DDL
    const ledger = async () => (await schemaOf(c)).tables.filter((t) => t.table_name === 'consent_ledger');
    const migrated = await ledger();
    await c.run('ALTER TABLE consent_ledger RENAME TO consent_ledger_damaged_1');
    await c.run(LEDGER_DDL);
    assert.deepEqual(await ledger(), migrated);

    // compaction re-creates readings
    const readingsSql = async () => (await schemaOf(c)).tables.filter((t) => t.table_name === 'readings');
    const before = await readingsSql();
    const store = await DuckDbReadingStore.create(db);
    await store.write([
      {
        key: { prm: P1, quantity: 'energy', direction: 'consumption', register: '', step: 'P1D', source: 'csv' },
        ts: [T0, T0 + DAY],
        values: [1, 2],
      },
    ]);
    await store.compact();
    assert.deepEqual(await readingsSql(), before);
    await store.close();
    await db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(legacy.dir, { recursive: true, force: true });
  }
});

test("a file whose schema version is above the code's is refused with both versions and left untouched", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'courant-migrations-'));
  const path = join(dir, 'courant.duckdb');
  try {
    await (await DuckDbDatabase.open({ path, threads: 1 })).close();
    const newer = SCHEMA_VERSION + 1;
    await raw(path, (c) => c.run(`UPDATE store_meta SET value = '${newer}' WHERE key = '${VERSION_KEY}'`));
    const before = await snapshot(path);

    await assert.rejects(DuckDbDatabase.open({ path, threads: 1 }), (e: unknown) => {
      assert.ok(isCourantError(e));
      assert.equal(e.code, 'STORE_SCHEMA_TOO_NEW');
      assert.match(e.message, new RegExp(`schema version ${newer}, newer than this courant's \\(${SCHEMA_VERSION}\\)`));
      assert.ok(e.message.includes(path), 'names the file');
      assert.deepEqual(e.details, { fileVersion: newer, codeVersion: SCHEMA_VERSION });
      return true;
    });
    // untouched, and not left locked: DuckDB can open it again in this process
    assert.deepEqual(await snapshot(path), before);
    assert.equal(await versionIn(path), String(newer));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a failing migration leaves the file as it was, whether it had a version or not', async () => {
  // migration 2 changes a lot before it fails: a new table, a new column, rows rewritten and deleted, the version row
  const failing: Migration = sqlMigration(SCHEMA_VERSION + 1, 'deliberately failing', [
    'CREATE TABLE migration_scratch (x INTEGER)',
    'INSERT INTO migration_scratch VALUES (1)',
    'ALTER TABLE readings ADD COLUMN extra DOUBLE',
    'UPDATE readings SET value = 0',
    'DELETE FROM consent_ledger WHERE seq > 1',
    "UPDATE store_meta SET value = '99'",
    'CREATE SEQUENCE migration_scratch_n',
    "SELECT error('this migration fails on purpose')",
  ]);
  const migrations = [...MIGRATIONS, failing];

  for (const versioned of [false, true]) {
    const { dir, path } = legacyFile();
    try {
      if (versioned) await (await DuckDbDatabase.open({ path, threads: 1 })).close();
      const from = versioned ? SCHEMA_VERSION : 0;
      const before = await snapshot(path);

      await assert.rejects(DuckDbDatabase.open({ path, threads: 1, migrations }), (e: unknown) => {
        assert.ok(isCourantError(e));
        assert.equal(e.code, 'STORE_MIGRATION_FAILED');
        assert.match(
          e.message,
          new RegExp(
            `from version ${from} to ${SCHEMA_VERSION + 1} failed at migration ${SCHEMA_VERSION + 1} \\(deliberately failing\\): .*this migration fails on purpose`,
          ),
        );
        assert.match(e.message, new RegExp(`the file is unchanged at version ${from}$`));
        return true;
      });
      assert.deepEqual(await snapshot(path), before, versioned ? 'version-1 file' : 'file without a version');
      assert.equal(await versionIn(path), versioned ? String(SCHEMA_VERSION) : undefined);

      // the published migrations still open it
      const db = await DuckDbDatabase.open({ path, threads: 1 });
      assert.deepEqual(db.schema, { from, to: SCHEMA_VERSION });
      await db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});

test('migrations must be numbered 1, 2, 3… in order', async () => {
  const gap = [...MIGRATIONS, sqlMigration(SCHEMA_VERSION + 2, 'skips a number', [])];
  await assert.rejects(
    DuckDbDatabase.open({ path: ':memory:', migrations: gap }),
    new RegExp(`skips a number" at position ${SCHEMA_VERSION + 1} is numbered ${SCHEMA_VERSION + 2}`),
  );
});
