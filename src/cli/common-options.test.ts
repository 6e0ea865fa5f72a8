/**
 * Every command takes --config FILE and --data-dir DIR (README's promise): parsing reaches an unknown option placed
 * after them, so neither was refused. Also: `courant help` lists exactly the registry.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './test-support.ts';
import { COMMANDS } from './commands/index.ts';

/** Words some commands read before their options. */
const LEAD: Record<string, string[]> = { enedis: ['fetch'], stats: ['area', 'list'] };

test('every command accepts --config FILE and --data-dir DIR', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'courant-common-'));
  try {
    const config = join(dir, 'courant.config.json');
    writeFileSync(config, '{ "locale": "en" }\n');
    for (const c of COMMANDS) {
      const r = await runCli([
        c.name,
        ...(LEAD[c.name] ?? []),
        '--config',
        config,
        '--data-dir',
        join(dir, 'data'),
        '--no-such-option',
      ]);
      assert.equal(r.code, 2, `${c.name}: ${r.err}`);
      assert.match(r.err, /error CLI_USAGE: Unknown option '--no-such-option'/, `${c.name}: ${r.err}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('courant help lists every command of the registry, and help COMMAND prints its usage', async () => {
  const r = await runCli(['help']);
  assert.equal(r.code, 0);
  for (const c of COMMANDS)
    assert.match(r.out, new RegExp(`^  ${c.name} +${c.summary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
  for (const c of COMMANDS) {
    const h = await runCli(['help', c.name]);
    assert.match(h.out, /usage: courant /, c.name);
    assert.match(h.out, /--config FILE/, `${c.name}: its usage names --config`);
  }
});
