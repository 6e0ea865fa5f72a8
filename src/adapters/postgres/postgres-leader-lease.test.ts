// The live sources' lease on a real PostgreSQL server: of two instances (two pools) one runs the task; when it stops
// the other takes over at its next try; when its process is killed (SIGKILL: no release, the server sees the socket
// close) the other takes over too; a holder whose session the server ends stops its task at its next check.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startPostgres } from '../../../test/postgres-server.ts';
import { until } from '../../../test/wait.ts';
import { runAsLeader, type Leadership } from '../../use-cases/leadership.ts';
import { PostgresDatabase } from './postgres-database.ts';
import { PostgresLeaderLease } from './postgres-leader-lease.ts';
import { LOCKS } from './postgres-locks.ts';

const server = await startPostgres();
after(() => server.stop());

const HOLDER = fileURLToPath(new URL('../../../test/lease-holder.ts', import.meta.url));

/** One instance: its pool, its lease, and the task it runs under the lease (counted). */
async function instance(url: string, name: string, log: string[]) {
  const db = await PostgresDatabase.open({ url, max: 2 });
  const lease = new PostgresLeaderLease(db);
  const leadership = await runAsLeader({
    lease,
    everyMs: 50,
    start: async () => void log.push(`${name} started`),
    stop: async () => void log.push(`${name} stopped`),
  });
  return { db, lease, leadership };
}

const closeAll = async (...xs: { db: PostgresDatabase; leadership: Leadership }[]) => {
  for (const x of xs) {
    await x.leadership.stop();
    await x.db.close();
  }
};

test('one of two instances runs the task; when it stops, the other takes over', async () => {
  const url = await server.createDatabase();
  const log: string[] = [];
  const a = await instance(url, 'a', log);
  const b = await instance(url, 'b', log);
  try {
    assert.equal(a.leadership.leading, true, 'the first instance took the lease at its start');
    assert.equal(b.leadership.leading, false);
    assert.equal(await b.lease.tryAcquire(), false, 'the lease is held: the other cannot take it');
    assert.deepEqual(log, ['a started']);
    await a.leadership.stop();
    await until('b to take the lease', () => b.leadership.leading);
    assert.deepEqual(log, ['a started', 'a stopped', 'b started'], 'never both at once');
  } finally {
    await closeAll(a, b);
  }
});

test('the holder killed with SIGKILL: the other instance takes over', async () => {
  const url = await server.createDatabase();
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, url], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_ENV: 'test' },
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise((r) => child.once('exit', r));
  const log: string[] = [];
  let b: Awaited<ReturnType<typeof instance>> | undefined;
  try {
    await until('the other process to lead', () => out.includes('leading'), { on: [[child.stdout!, 'data']] });
    b = await instance(url, 'b', log);
    assert.equal(b.leadership.leading, false, 'the process holds the lease');
    assert.equal(await b.lease.tryAcquire(), false);
    child.kill('SIGKILL');
    await exited;
    await until('b to take the lease after the holder died', () => b!.leadership.leading);
    assert.deepEqual(log, ['b started']);
  } finally {
    child.kill('SIGKILL');
    if (b) await closeAll(b);
  }
});

test('a holder whose session the server ends stops its task at its next check, and the other takes over', async () => {
  const url = await server.createDatabase();
  const log: string[] = [];
  const a = await instance(url, 'a', log);
  const b = await instance(url, 'b', log);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    assert.equal(a.leadership.leading, true);
    // the server ends the holder's session (what it does to a session whose client went silent)
    const r = await admin.query<{ n: number }>(
      `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_locks
       WHERE locktype = 'advisory' AND objid = $1 AND objsubid = 1 AND granted`,
      [LOCKS.liveSources],
    );
    assert.equal(r.rows[0]!.n, 1, 'one session held the lease');
    await until('a to stop its task and b to start it', () => !a.leadership.leading && b.leadership.leading);
    assert.deepEqual([...log].sort(), ['a started', 'a stopped', 'b started']);
  } finally {
    await admin.end();
    await closeAll(a, b);
  }
});
