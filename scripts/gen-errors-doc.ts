// Writes docs/errors.md from the error catalogue (src/core/errors.ts). Run: node --import tsx scripts/gen-errors-doc.ts
// A test (src/core/errors.test.ts) fails when the committed file is out of date.
import { writeFileSync } from 'node:fs';
import { renderErrorsDoc } from '../src/core/errors-doc.ts';

writeFileSync(new URL('../docs/errors.md', import.meta.url), renderErrorsDoc());
console.log('docs/errors.md written');
