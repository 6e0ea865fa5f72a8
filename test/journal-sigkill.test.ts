// Nothing acknowledged is missing from the household's journal, even when the hub dies mid-flight: a real hub in a
// child process serves many concurrent Data Connect load-curve reads to a client the household has granted; once a
// fixed number of answers have arrived (never after a timer) the child is killed with SIGKILL while reads are still
// in flight. The data dir is then reopened through the composition root (the database replays its write-ahead log)
// and every read the client received a 200 for must have its journal row.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'node:http';
import { loadConfig } from '../src/config/load.ts';
import { openBackend } from '../src/backend/open-backend.ts';
import { SYNTHETIC_DEMO_PRM } from '../src/core/prm.ts';
import { parisDayStartOf } from '../src/enedis/serve/wall.ts';
import { fetchSend } from '../src/server/oauth-test-support.ts';
import { loadCurveReader } from '../src/server/dataconnect-test-support.ts';
import { OWNER } from './journal-sigkill-hub.ts';

const HUB = fileURLToPath(new URL('./journal-sigkill-hub.ts', import.meta.url));
const CLIENT_ID = 'conseil-sigkill';
/** Concurrent connections reading, and the answers after which the hub is killed. */
const CONNECTIONS = 24;
const KILL_AFTER = 150;
const DAY = 86_400_000;
const parisDay = (t: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(t));

function startChild(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', HUB, dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_ENV: 'test' },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve({ child, url: out.split('\n')[0]!.trim() });
    });
    child.once('exit', (code, signal) => reject(new Error(`the hub exited (${code ?? signal}) before listening`)));
  });
}

/** One GET; resolves with the status once the whole body has arrived, rejects when the connection fails. */
function get(agent: Agent, origin: URL, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ agent, hostname: origin.hostname, port: origin.port, path, headers }, (res) => {
      res.on('data', () => {});
      res.on('end', () => (res.complete ? resolve(res.statusCode ?? 0) : reject(new Error('answer cut short'))));
      res.on('error', reject);
      res.on('aborted', () => reject(new Error('answer aborted')));
    });
    req.on('error', reject);
    req.end();
  });
}

test('every load-curve read answered 200 before a SIGKILL of the hub is in the journal after it restarts', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'courant-sigkill-'));
  let child: ChildProcess | undefined;
  try {
    const started = await startChild(dataDir);
    child = started.child;
    const exited = new Promise<void>((r) => child!.once('exit', () => r()));
    const { accessToken } = await loadCurveReader(fetchSend(started.url), {
      dataDir,
      owner: OWNER,
      clientId: CLIENT_ID,
    });
    const headers = { authorization: `Bearer ${accessToken}` };
    const now = Date.now();
    // each read its own window (389 of them, more than are ever sent before the kill), so each answer is matched to
    // its own journal row by the range it names
    const windows = Array.from({ length: 389 }, (_, i) => {
      const back = 8 + i;
      return { start: parisDay(now - back * DAY), end: parisDay(now - (back - 7) * DAY) };
    });
    const pathOf = (w: { start: string; end: string }) =>
      `/metering_data_clc/v5/consumption_load_curve?${new URLSearchParams({ usage_point_id: SYNTHETIC_DEMO_PRM, ...w })}`;
    const origin = new URL(started.url);
    const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
    let answers = 0;
    const answered: string[] = [];
    let refused = 0;
    let failed = 0;
    let next = 0;
    let killed = false;
    let early: unknown;
    const loop = async () => {
      for (;;) {
        let status: number;
        const w = windows[next++ % windows.length]!;
        try {
          status = await get(agent, origin, pathOf(w), headers);
        } catch (e) {
          failed++;
          if (!killed) {
            early ??= e; // a read failed with the hub alive: stop everything and report it
            killed = true;
            child!.kill('SIGKILL');
          }
          return; // the hub is gone: this read was in flight (or not sent), never acknowledged
        }
        if (status === 200) {
          answers++;
          answered.push(w.start);
        } else refused++;
        if (answers >= KILL_AFTER && !killed) {
          killed = true;
          child!.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: CONNECTIONS }, loop));
    agent.destroy();
    await exited;
    assert.equal(early, undefined, 'no read failed before the hub was killed');
    assert.equal(refused, 0, 'every read before the kill was allowed');
    assert.ok(answers >= KILL_AFTER, `${answers} answers`);
    assert.ok(next <= windows.length, `${next} reads sent: each had its own window`);
    assert.ok(failed >= CONNECTIONS, `every connection ended on the killed hub (${failed} reads not answered)`);

    const { config } = loadConfig({ env: {}, cwd: dataDir, overrides: { dataDir } });
    const backend = await openBackend(config);
    let rows: number;
    let missing: string[];
    try {
      const log = (await backend.consent.ledger.repo.accessLog(SYNTHETIC_DEMO_PRM)).filter(
        (e) => e.actorKind === 'recipient' && e.actorId === CLIENT_ID && e.allowed,
      );
      rows = log.length;
      const journalled = new Set(log.map((e) => e.rangeFrom));
      missing = answered.filter((start) => !journalled.has(parisDayStartOf(start)));
    } finally {
      await backend.close();
    }
    assert.ok(
      rows >= answers,
      `journal rows for the client after the restart: ${rows}; 200 answers received before the kill: ${answers}`,
    );
    assert.deepEqual(missing, [], `answered windows with no journal row (${rows} rows for ${answers} answers)`);
  } finally {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
});
