/** Renders the error catalogue as Markdown (docs/errors.md). Pure: the script writes it, a test compares it. */
import { ERROR_CATALOGUE } from './errors.ts';

export function renderErrorsDoc(): string {
  const rows = Object.entries(ERROR_CATALOGUE)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, spec]) => `| \`${code}\` | ${spec.status} | ${spec.doc.replace(/\|/g, '\\|')} |`);
  return [
    '# Error codes',
    '',
    'Every error courant reports carries one of these stable codes: in the JSON body of an HTTP error',
    '(`{"error": {"code", "message"}}`), and in the CLI message (`error CODE: message`, non-zero exit).',
    'Generated from `src/core/errors.ts` by `node --import tsx scripts/gen-errors-doc.ts`; a test keeps it in sync.',
    '',
    '| code | HTTP | meaning |',
    '| --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
