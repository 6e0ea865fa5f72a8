// Writes docs/configuration.md from the config schema. Run: node --import tsx scripts/gen-config-doc.ts
import { writeFileSync } from 'node:fs';
import { renderConfigDoc } from '../src/config/config-doc.ts';

writeFileSync(new URL('../docs/configuration.md', import.meta.url), renderConfigDoc());
console.log('docs/configuration.md written');
