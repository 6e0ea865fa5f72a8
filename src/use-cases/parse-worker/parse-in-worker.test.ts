import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isCourantError } from '../../core/errors.ts';
import { isNotice, type ImportItem } from '../../importers/importer.ts';
import { HEAD_BYTES, detectImporter } from '../../importers/registry.ts';
import { readWorkbook } from '../../importers/portal-xlsx/xlsx-workbook.ts';
import { parseInWorker } from './parse-in-worker.ts';

const dir = join(import.meta.dirname, '../../../test/fixtures/enedis');
const chunks = (name: string) =>
  (createReadStream(join(dir, name), { highWaterMark: 4096 }) as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
const head = async (name: string) => {
  const it = chunks(name);
  const r = await it.next();
  await it.return?.();
  return (r.value as Uint8Array).subarray(0, HEAD_BYTES);
};

/** Items made comparable: typed arrays as plain arrays. */
const plain = (items: ImportItem[]) =>
  items.map((it) =>
    isNotice(it)
      ? it
      : { key: it.key, ts: [...it.ts], values: [...it.values], quality: it.quality ? [...it.quality] : [] },
  );

async function collect(items: AsyncIterable<ImportItem>): Promise<{ items: ImportItem[]; error?: unknown }> {
  const out: ImportItem[] = [];
  try {
    for await (const it of items) out.push(it);
  } catch (error) {
    return { items: out, error };
  }
  return { items: out };
}

test('fixtures of every format parse to the same items and the same errors in the worker thread as in place', async () => {
  const files = readdirSync(dir).filter(
    (f) => !f.endsWith('.expected.json') && !f.endsWith('.md') && !f.endsWith('.ts') && !f.includes('.source.'),
  );
  // every bad-input fixture, and two good ones per format (a thread per file: the whole set would take 20 s)
  const perFormat = new Map<string, number>();
  let errors = 0;
  for (const name of files) {
    let importer;
    try {
      importer = detectImporter(await head(name), name);
    } catch {
      continue; // unrecognised formats never reach a parser
    }
    const seen = perFormat.get(importer.id) ?? 0;
    if (!name.startsWith('bad-') && seen >= 2) continue;
    perFormat.set(importer.id, seen + 1);
    const ctx = { fileName: name, workbook: readWorkbook };
    const inPlace = await collect(importer.parse({ [Symbol.asyncIterator]: () => chunks(name) }, ctx));
    const inWorker = await collect(parseInWorker(importer, chunks(name), ctx));
    assert.deepEqual(plain(inWorker.items), plain(inPlace.items), name);
    if (inPlace.error) {
      errors++;
      assert.ok(isCourantError(inWorker.error), `${name}: ${String(inWorker.error)}`);
      assert.ok(isCourantError(inPlace.error));
      assert.equal(inWorker.error.code, inPlace.error.code, name);
      assert.equal(inWorker.error.message, inPlace.error.message, name);
      assert.deepEqual(inWorker.error.details, inPlace.error.details, name);
    } else assert.equal(inWorker.error, undefined, name);
  }
  assert.ok(errors >= 3, 'the bad-input fixtures fail in both');
  assert.equal(perFormat.size, 6, 'every format was tried');
});

test('stopping early stops the thread (the iteration returns, nothing hangs)', async () => {
  const name = 'sge-hdm-dst-fall.csv';
  const importer = detectImporter(await head(name), name);
  let n = 0;
  for await (const it of parseInWorker(importer, chunks(name), { fileName: name })) {
    if (!isNotice(it)) n++;
    break;
  }
  assert.equal(n, 1);
});
