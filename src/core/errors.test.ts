import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { renderErrorsDoc } from './errors-doc.ts';
import { CourantError, ERROR_CATALOGUE } from './errors.ts';

test('docs/errors.md is in sync with the catalogue (regenerate with scripts/gen-errors-doc.ts)', () => {
  const onDisk = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
  assert.equal(onDisk, renderErrorsDoc());
});

test('every code is UPPER_SNAKE with an area prefix and a 4xx/5xx status', () => {
  for (const [code, spec] of Object.entries(ERROR_CATALOGUE)) {
    assert.match(code, /^[A-Z]+(_[A-Z0-9]+)+$/);
    assert.ok(spec.status >= 400 && spec.status < 600, code);
    assert.ok(spec.doc.length > 10, code);
  }
});

test('CourantError carries code, status and serialises without the stack', () => {
  const e = new CourantError('INPUT_INVALID_PRM', 'bad', { details: { where: 'x' } });
  assert.equal(e.status, 400);
  assert.deepEqual(JSON.parse(JSON.stringify(e)), {
    code: 'INPUT_INVALID_PRM',
    message: 'bad',
    details: { where: 'x' },
  });
});
