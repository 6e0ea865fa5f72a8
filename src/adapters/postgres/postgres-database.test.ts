// The PostgreSQL database of the repositories on a real server: its own migrations bring a new database to the code's
// version once (two instances starting at once: one migrates), a newer database is refused untouched, a failing
// migration leaves the database as it was, and a wrong password fails the open naming the database, not the password.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { isCourantError } from '../../core/errors.ts';
import { startPostgres } from '../../../test/postgres-server.ts';
import { PG_MIGRATIONS, PG_SCHEMA_VERSION } from './migrations/index.ts';
import { sqlMigration } from './migrations/migration.ts';
import { PostgresDatabase } from './postgres-database.ts';

const server = await startPostgres();
after(() => server.stop());

const tables = async (db: PostgresDatabase): Promise<string[]> =>
  (
    await db.query<{ t: string }>(
      "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
    )
  ).rows.map((r) => r.t);

test('a new database is migrated once, by one of two instances opening it at the same moment', async () => {
  const url = await server.createDatabase();
  const [a, b] = await Promise.all([PostgresDatabase.open({ url }), PostgresDatabase.open({ url })]);
  try {
    assert.deepEqual([a.schema.from, b.schema.from].sort(), [0, PG_SCHEMA_VERSION]);
    assert.equal(a.schema.to, PG_SCHEMA_VERSION);
    assert.ok((await tables(a)).includes('consent_ledger'));
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
  const again = await PostgresDatabase.open({ url });
  assert.deepEqual(again.schema, { from: PG_SCHEMA_VERSION, to: PG_SCHEMA_VERSION });
  await again.close();
});

test('a database newer than the code is refused untouched', async () => {
  const url = await server.createDatabase();
  const db = await PostgresDatabase.open({ url });
  await db.query("UPDATE store_meta SET value = '99' WHERE key = 'schema_version'");
  const before = await tables(db);
  await db.close();
  await assert.rejects(PostgresDatabase.open({ url }), (e) => {
    assert.ok(isCourantError(e) && e.code === 'STORE_SCHEMA_TOO_NEW');
    assert.match(e.message, /schema version 99, newer than this courant's \(1\)/);
    return true;
  });
  const raw = await PostgresDatabase.open({
    url,
    migrations: Array.from({ length: 99 }, (_, i) => sqlMigration(i + 1, 'noop', [])),
  });
  assert.deepEqual(await tables(raw), before);
  await raw.close();
});

test('a failing migration rolls back every migration of the open: the database is as it was', async () => {
  const url = await server.createDatabase();
  const failing = sqlMigration(PG_SCHEMA_VERSION + 1, 'a broken step', [
    'CREATE TABLE half_done (a INTEGER)',
    'ALTER TABLE consent_ledger ADD COLUMN extra TEXT',
    'SELECT * FROM no_such_table',
  ]);
  // on a new database: not even migration 1 stays
  await assert.rejects(PostgresDatabase.open({ url, migrations: [...PG_MIGRATIONS, failing] }), (e) => {
    assert.ok(isCourantError(e) && e.code === 'STORE_MIGRATION_FAILED');
    assert.match(e.message, /failed at migration 2 \(a broken step\).*unchanged at version 0/);
    return true;
  });
  const db = await PostgresDatabase.open({ url, migrations: [] });
  assert.deepEqual(await tables(db), ['store_meta']);
  await db.close();
  // on a database at version 1: it stays at version 1, without the new table or column
  const v1 = await PostgresDatabase.open({ url });
  await v1.close();
  await assert.rejects(PostgresDatabase.open({ url, migrations: [...PG_MIGRATIONS, failing] }), {
    code: 'STORE_MIGRATION_FAILED',
  });
  const back = await PostgresDatabase.open({ url });
  assert.deepEqual(back.schema, { from: 1, to: 1 });
  assert.ok(!(await tables(back)).includes('half_done'));
  const cols = await back.query(
    "SELECT 1 FROM information_schema.columns WHERE table_name = 'consent_ledger' AND column_name = 'extra'",
  );
  assert.equal(cols.rowCount, 0);
  await back.close();
});

test('a wrong password fails the open with STORE_UNAVAILABLE naming the database, never the password', async () => {
  const url = await server.createDatabase();
  const wrong = url.replace(server.password, 'not-the-password');
  await assert.rejects(PostgresDatabase.open({ url: wrong }), (e) => {
    assert.ok(isCourantError(e) && e.code === 'STORE_UNAVAILABLE');
    assert.match(
      e.message,
      /^database postgres:\/\/127\.0\.0\.1:\d+\/courant_test_\d+_\d+ cannot be opened: password authentication failed/,
    );
    assert.doesNotMatch(e.message, /not-the-password/);
    assert.equal((e.details as { pgCode?: string }).pgCode, '28P01');
    return true;
  });
});
