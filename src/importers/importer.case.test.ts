/**
 * Conformance suite of the importers: every `test/fixtures/enedis/<name>.<ext>` that has a
 * `<name>.expected.json` is detected, parsed and compared (series, counts, UTC interval starts of the first and last
 * points, value sums, quality, notices), or must fail with the expected error code and message parts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isCourantError } from '../core/errors.ts';
import { runFixture, type Expected } from '../../test/import-harness.ts';
import { IMPORTERS } from './registry.ts';

const dir = join(import.meta.dirname, '../../test/fixtures/enedis');
const files = readdirSync(dir);
const cases = files.filter((f) => f.endsWith('.expected.json')).map((f) => f.replace(/\.expected\.json$/, ''));

test('every importer is covered by at least one fixture', () => {
  const covered = new Set(
    cases
      .map((c) => (JSON.parse(readFileSync(join(dir, `${c}.expected.json`), 'utf8')) as Expected).format)
      .filter(Boolean),
  );
  for (const imp of IMPORTERS) assert.ok(covered.has(imp.id), `no fixture for ${imp.id}`);
});

for (const name of cases) {
  const data = files.find((f) => f.startsWith(`${name}.`) && !f.endsWith('.expected.json'));
  test(`fixture ${name}`, async () => {
    assert.ok(data, `no data file for ${name}`);
    const expected = JSON.parse(readFileSync(join(dir, `${name}.expected.json`), 'utf8')) as Expected;
    if (expected.error) {
      await assert.rejects(runFixture(join(dir, data), expected.ctx), (e: unknown) => {
        assert.ok(isCourantError(e), String(e));
        assert.equal(e.code, expected.error!.code, e.message);
        for (const part of expected.error!.includes)
          assert.ok(e.message.includes(part), `message ${JSON.stringify(e.message)} lacks ${JSON.stringify(part)}`);
        return true;
      });
      return;
    }
    const got = await runFixture(join(dir, data), expected.ctx);
    assert.equal(got.format, expected.format);
    assert.deepEqual(Object.keys(got.series), Object.keys(expected.series ?? {}));
    for (const [k, s] of Object.entries(expected.series ?? {})) assert.deepEqual(got.series[k], s, k);
    assert.deepEqual(got.notices, expected.notices);
  });
}
