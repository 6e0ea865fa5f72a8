import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { openReadingStore } from '../../backend/open-storage.ts';
import { loadDemoIfEmpty } from '../../adapters/demo/demo.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const courant = (args: string[]) =>
  spawnSync(process.execPath, ['bin/courant.mjs', ...args], { cwd: root, encoding: 'utf8' });

test('courant reveal --prm reads the store: the demo household at 30 minutes and at daily step', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'courant-reveal-'));
  try {
    const store = await openReadingStore({ dataDir: dir });
    await loadDemoIfEmpty(store);
    await store.close();
    const r = courant([
      'reveal',
      '--prm',
      '99999999999901',
      '--step',
      'PT30M',
      '--json',
      '--data-dir',
      dir,
      '--locale',
      'en',
    ]);
    assert.equal(r.status, 0, r.stderr);
    const s = JSON.parse(r.stdout);
    assert.equal(s.step, 'PT30M');
    assert.match(s.sentence, /^With 30-minute data, a recipient could estimate that you usually wake around/);
    assert.ok(
      s.absences.periods.some((p: { from: string; to: string }) => p.from <= '2007-02-27' && p.to >= '2007-03-01'),
    );
    const d = courant(['reveal', '--prm', '99999999999901', '--step', 'P1D', '--data-dir', dir]);
    assert.equal(d.status, 0, d.stderr);
    assert.match(
      d.stdout,
      /^Avec des données journalières, un destinataire pourrait estimer que votre logement était inoccupé du/,
    );
    const none = courant(['reveal', '--prm', '12345678901234', '--data-dir', dir]);
    assert.notEqual(none.status, 0);
    assert.match(none.stderr, /12345678901234/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
