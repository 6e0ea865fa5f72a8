// The data directory holds readings, password and session hashes, the consent ledger and the signing key: the hub
// keeps it 0700 and every file in it 0600 (the database's WAL included), and tightens an older, wider set-up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/load.ts';
import type { Prm } from '../core/prm.ts';
import { createLogger } from '../backend/logging.ts';
import { buildHub, startHub } from './main.ts';

const PRM = '99999999999955' as Prm;
const mode = (p: string) => statSync(p).mode & 0o777;

/** Every entry under `dir` with its mode, e.g. `courant.duckdb 600`. */
function modes(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const p = join(e.parentPath, e.name);
    out.push(`${p.slice(dir.length + 1)} ${mode(p).toString(8)}`);
  }
  return out.sort();
}

async function writeSomething(store: { write: (b: never) => Promise<unknown> }): Promise<void> {
  const key = { prm: PRM, quantity: 'energy', direction: 'consumption', register: '', step: 'P1D', source: 'csv' };
  await store.write([{ key, ts: [Date.UTC(2024, 0, 1)], values: [1234] }] as never);
}

test('a fresh data directory is created 0700 and every file in it (database, WAL, hub.json, key) 0600', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'courant-modes-'));
  const dir = join(parent, 'data');
  try {
    const running = await startHub({ dataDir: dir, port: 0, demo: false, env: {} });
    try {
      await writeSomething(running.hub.store);
      const entries = modes(dir);
      assert.ok(
        entries.some((e) => e.startsWith('courant.duckdb.wal ')),
        `the WAL exists: ${entries.join(', ')}`,
      );
      assert.equal(mode(dir), 0o700, 'data directory');
      for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
        const p = join(e.parentPath, e.name);
        assert.equal(mode(p), e.isDirectory() ? 0o700 : 0o600, `${p}: ${mode(p).toString(8)}`);
      }
    } finally {
      await running.close();
    }
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});

test('a data directory left 0755 with 0644 files is tightened at start, with a warning naming each', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'courant-modes-'));
  const { config } = loadConfig({ env: {}, cwd: dir, overrides: { dataDir: dir, demo: { enabled: false } } });
  try {
    const first = await buildHub(config, createLogger({ level: 'silent' }));
    await writeSomething(first.store);
    await first.close();
    // an installation from before: world-readable directory and files
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'courant.duckdb'), 0o644);
    chmodSync(join(dir, 'keys'), 0o755);
    chmodSync(join(dir, 'keys', 'receipt-signing.jwk'), 0o644);
    const lines: string[] = [];
    const hub = await buildHub(config, createLogger({ level: 'warn', write: (l) => lines.push(l) }));
    try {
      await writeSomething(hub.store);
      const log = lines.join('\n');
      assert.match(log, /warn .*data directory .* was 0755, now 0700/);
      assert.match(log, /warn .*courant\.duckdb was 0644, now 0600/);
      assert.match(log, /warn .*receipt-signing\.jwk was 0644, now 0600/);
      assert.equal(mode(dir), 0o700);
      for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
        const p = join(e.parentPath, e.name);
        assert.equal(mode(p), e.isDirectory() ? 0o700 : 0o600, `${p}: ${mode(p).toString(8)}`);
      }
    } finally {
      await hub.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
