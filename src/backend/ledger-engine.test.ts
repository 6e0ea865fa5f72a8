// `ledger.engine: postgres` in the composition root, against a real PostgreSQL server (test/postgres-server.ts): the
// repositories besides readings live in PostgreSQL and the readings stay in the DuckDB file; a missing connection
// string is a configuration error, a wrong password stops the start with STORE_UNAVAILABLE naming the setting and not
// the password; closing the backend closes the pool.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../config/load.ts';
import { isCourantError } from '../core/errors.ts';
import type { Prm } from '../core/prm.ts';
import { startPostgres } from '../../test/postgres-server.ts';
import { openBackend } from './open-backend.ts';
import { openStorage } from './open-storage.ts';

const server = await startPostgres();
after(() => server.stop());

const P = '99999999999931' as Prm;

function configFor(dataDir: string, env: Record<string, string>) {
  return loadConfig({ env, cwd: dataDir, overrides: { dataDir, demo: { enabled: false } } }).config;
}

test('ledger.engine postgres without a connection string is refused by the configuration, naming the setting', () => {
  assert.throws(
    () => loadConfig({ env: { COURANT_LEDGER_ENGINE: 'postgres' }, cwd: tmpdir() }),
    (e) => isCourantError(e) && e.code === 'CONFIG_INVALID' && /ledger\.postgresUrl/.test(e.message),
  );
  assert.throws(
    () => loadConfig({ env: { COURANT_LEDGER_POSTGRES_URL: 'mysql://x' }, cwd: tmpdir() }),
    (e) => isCourantError(e) && e.code === 'CONFIG_INVALID' && /ledger\.postgresUrl/.test(e.message),
  );
  assert.equal(loadConfig({ env: {}, cwd: tmpdir() }).config.ledger.engine, 'duckdb', 'DuckDB by default');
});

test('on postgres, the profiles and the ledger live in PostgreSQL, readings in the DuckDB file; close ends the pool', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'courant-ledger-engine-'));
  const url = await server.createDatabase();
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const config = configFor(dataDir, { COURANT_LEDGER_ENGINE: 'postgres', COURANT_LEDGER_POSTGRES_URL: url });
    const backend = await openBackend(config);
    await backend.profiles.setArea(P, 'commune', '92071', Date.UTC(2026, 0, 1));
    assert.deepEqual((await admin.query('SELECT prm, code FROM usage_point_areas')).rows, [{ prm: P, code: '92071' }]);
    assert.equal(backend.consent.ledger.integrity.status, 'ok');
    const { event } = await backend.consent.ledger.append({ kind: 'operator', id: 'op' }, () => ({
      type: 'occupancy-started',
      prm: P,
      subject: 'alice',
    }));
    const rows = (
      await admin.query('SELECT seq::int AS seq, event_id, receipt IS NOT NULL AS signed FROM consent_ledger')
    ).rows;
    assert.deepEqual(rows, [{ seq: 1, event_id: event.eventId, signed: true }]);
    await backend.close();
    const mine = () =>
      admin.query<{ n: string }>(
        'SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      );
    // a closed connection's server process ends a moment after the client hangs up: wait for it, boundedly
    let open = Number((await mine()).rows[0]!.n);
    for (let i = 0; open > 0 && i < 600; i++) {
      await new Promise((r) => setTimeout(r, 50));
      open = Number((await mine()).rows[0]!.n);
    }
    assert.equal(open, 0, 'the pool is closed with the backend');
    // the DuckDB file holds no profile: nothing was written beside PostgreSQL
    const duck = await openStorage({ dataDir, threads: 1 });
    try {
      assert.deepEqual(await (await duck.repositories.profiles()).areas(), []);
    } finally {
      await duck.store.close();
    }
  } finally {
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a wrong password stops the start with STORE_UNAVAILABLE naming ledger.postgresUrl, never the password', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'courant-ledger-engine-'));
  try {
    const url = (await server.createDatabase()).replace(server.password, 'wrong-secret');
    const config = configFor(dataDir, { COURANT_LEDGER_ENGINE: 'postgres', COURANT_LEDGER_POSTGRES_URL: url });
    await assert.rejects(openBackend(config), (e) => {
      assert.ok(isCourantError(e) && e.code === 'STORE_UNAVAILABLE');
      assert.match(
        e.message,
        /^ledger\.postgresUrl \(COURANT_LEDGER_POSTGRES_URL\): database postgres:\/\/127\.0\.0\.1/,
      );
      assert.match(e.message, /password authentication failed/);
      assert.doesNotMatch(e.message, /wrong-secret/);
      assert.doesNotMatch(JSON.stringify(e.details), /wrong-secret/);
      return true;
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
