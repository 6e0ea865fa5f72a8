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
    'options (`--port`, `--host`, `--data-dir`, `--no-demo`, `--demo-calendar`). Unknown keys and bad values stop the',
    'start with `CONFIG_INVALID` naming the key and the file. Generated from `src/config/schema.ts`',
    '(`node --import tsx scripts/gen-config-doc.ts`).',
    '',
    '| key | environment | type | default | meaning |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    '## Logs',
    '',
    'The hub logs through pino, the logger Fastify uses, to stderr (stdout carries only the start banner). By default',
    '(`log.level` `info`, `log.format` `auto`) it writes a few start-up notices, imports, retention sweeps, warnings and',
    'errors, and no line per request. On a terminal the lines read:',
    '',
    '```',
    '2026-12-03T12:02:48.992Z info  [courant] first start: no account yet; create the owner at the one-time set-up link printed where the hub was started, or with `courant account create-owner`',
    '2026-12-03T12:05:10.114Z warn  [courant:live] live ingest: write of 12 readings failed, kept for the next flush: …',
    '```',
    '',
    "Under systemd, Docker or any other pipe they are pino's JSON lines (`level` by name, ISO `time`, `ns` the area),",
    'ready for a log collector; set `log.format` to `text` to keep the lines above there too. At `debug`, Fastify adds',
    'its listening line and an `incoming request` / `request completed` pair per request. Authorization headers, cookies,',
    'CSRF tokens, passwords and tokens in logged objects are replaced by `[redacted]`.',
    '',
  ].join('\n');
}
