/** Renders docs/configuration.md from the schema (pure; a test keeps the committed file in sync). */
import { z } from 'zod';
import { configLeaves } from './load.ts';

export function renderConfigDoc(): string {
  const rows = configLeaves().map((l) => {
    let s: z.ZodType = l.schema;
    let def: unknown;
    while (s instanceof z.ZodDefault || s instanceof z.ZodOptional) {
      if (s instanceof z.ZodDefault) def = (s as z.ZodDefault<z.ZodType>).def.defaultValue;
      s = (s as z.ZodDefault<z.ZodType>).unwrap() as z.ZodType;
    }
    const desc = (l.schema.description ?? s.description ?? '').replace(/\|/g, '\\|');
    const type = s instanceof z.ZodEnum ? (s.options as string[]).map((o) => `\`${o}\``).join(' \\| ') : l.kind;
    return `| \`${l.path.join('.')}\` | ${l.env ? `\`${l.env}\`` : '(file only)'} | ${type} | ${def === undefined ? '—' : `\`${JSON.stringify(def)}\``} | ${desc} |`;
  });
  return [
    '# Configuration',
    '',
    'courant reads its configuration once at start: defaults, then the JSON file (`courant.config.json` in the working',
    'directory, or `--config FILE`, or `$COURANT_CONFIG`), then `COURANT_*` environment variables, then command-line',
    'options (`--port`, `--host`, `--data-dir`, `--no-demo`). Unknown keys and bad values stop the start with',
    '`CONFIG_INVALID` naming the key and the file. Generated from `src/config/schema.ts`',
    '(`node --import tsx scripts/gen-config-doc.ts`).',
    '',
    '| key | environment | type | default | meaning |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
