// What an import says matches what it stored: repeated rows are merged and named in the notices (or refuse the file
// when their values differ), a Paris wall time inside the spring gap refuses the file naming its line, and the
// summary's point counts equal the points the store holds afterwards (docs/importers.md § Repeated rows, § Daylight
// saving).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isCourantError } from '../core/errors.ts';
import type { Prm } from '../core/prm.ts';
import { openReadingStore } from '../backend/open-storage.ts';
import type { ReadingStore } from '../ports/reading-store.ts';
import { fileSources, importSources, type ImportSummary } from './import-files.ts';

const PRM = '00000000000071';

async function withFile<T>(
  name: string,
  text: string,
  run: (store: ReadingStore, path: string) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'courant-honesty-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  const store = await openReadingStore({ dataDir: dir });
  try {
    return await run(store, path);
  } finally {
    await store.close();
  }
}

async function held(store: ReadingStore): Promise<number> {
  return (await store.list(PRM as Prm)).reduce((a, s) => a + s.count, 0);
}

const plain = (rows: string[]) => ['prm,start,step,unit,value', ...rows.map((r) => `${PRM},${r}`)].join('\n') + '\n';

test('a row repeated with the same value is merged, named by line in the notices, and not counted twice', async () => {
  const text = plain([
    '2025-01-10T00:00:00+01:00,PT30M,W,500',
    '2025-01-10T00:30:00+01:00,PT30M,W,600',
    '2025-01-10T00:30:00+01:00,PT30M,W,600',
    '2025-01-10T01:00:00+01:00,PT30M,W,700',
  ]);
  await withFile('repeat.csv', text, async (store, path) => {
    const s = await importSources(store, await fileSources([path]));
    assert.equal(s.points, 6, 'three intervals, each a power and an energy point');
    assert.equal(s.added, 6);
    assert.equal(
      s.series.reduce((a, x) => a + x.points, 0),
      6,
    );
    assert.equal(await held(store), s.points);
    assert.equal(s.notices.length, 1, JSON.stringify(s.notices));
    assert.match(s.notices[0]!, /repeat\.csv/);
    assert.match(s.notices[0]!, /line 4\b/);
    assert.match(s.notices[0]!, /merged/);
  });
});

test('many repeated rows: the first few are named, then "and N more"', async () => {
  const rows: string[] = [];
  for (let i = 0; i < 12; i++) {
    const t = new Date(Date.parse('2025-01-10T00:00:00Z') + i * 1_800_000).toISOString().replace('.000Z', 'Z');
    rows.push(`${t},PT30M,W,${100 + i}`, `${t},PT30M,W,${100 + i}`);
  }
  await withFile('many.csv', plain(rows), async (store, path) => {
    const s = await importSources(store, await fileSources([path]));
    assert.equal(s.points, 24);
    assert.equal(await held(store), 24);
    const n = s.notices.join('\n');
    assert.match(n, /12 rows/);
    assert.match(n, /line 3\b/);
    assert.match(n, /and 7 more/);
  });
});

test('a row giving another value for an interval already given refuses the file and stores nothing', async () => {
  const text = plain([
    '2025-01-10T00:00:00+01:00,PT30M,W,500',
    '2025-01-10T00:30:00+01:00,PT30M,W,600',
    '2025-01-10T00:30:00+01:00,PT30M,W,650',
  ]);
  await withFile('conflict.csv', text, async (store, path) => {
    await assert.rejects(importSources(store, await fileSources([path])), (e: unknown) => {
      assert.ok(isCourantError(e), String(e));
      assert.equal(e.code, 'IMPORT_CONFLICTING_ROWS', e.message);
      assert.match(e.message, /conflict\.csv, line 4/);
      assert.match(e.message, /600/);
      assert.match(e.message, /650/);
      return true;
    });
    assert.equal(await held(store), 0);
  });
});

test('a Paris wall time inside the spring gap refuses the file, naming the line; nothing is stored', async () => {
  // 30 March 2025: clocks go from 02:00 to 03:00, so 02:30 does not exist
  const text = plain([
    '2025-03-30T01:30:00,PT30M,W,100',
    '2025-03-30T02:00:00,PT30M,W,200',
    '2025-03-30T02:30:00,PT30M,W,300',
    '2025-03-30T03:00:00,PT30M,W,400',
  ]);
  await withFile('spring.csv', text, async (store, path) => {
    await assert.rejects(importSources(store, await fileSources([path])), (e: unknown) => {
      assert.ok(isCourantError(e), String(e));
      assert.equal(e.code, 'IMPORT_NONEXISTENT_TIME', e.message);
      assert.match(e.message, /spring\.csv, line 3, field "start"/);
      assert.match(e.message, /2025-03-30T02:00:00/);
      return true;
    });
    assert.equal(await held(store), 0);
  });
});

test('the summary counts what the store holds, file by file', async () => {
  const text = plain([
    '2025-01-10T00:00:00+01:00,PT30M,W,500',
    '2025-01-10T00:00:00+01:00,PT30M,W,500',
    '2025-01-10T00:00:00+01:00,P1D,kWh,12',
    '2025-01-10T00:00:00+01:00,P1D,kWh,12',
  ]);
  await withFile('counts.csv', text, async (store, path) => {
    const s: ImportSummary = await importSources(store, await fileSources([path]));
    assert.equal(s.files[0]!.points, 3);
    assert.equal(s.files[0]!.added + s.files[0]!.replaced, 3);
    assert.equal(await held(store), 3);
    assert.match(s.notices.join('\n'), /2 rows/);
  });
});
