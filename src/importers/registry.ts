/**
 * @module importers/registry
 * The supported formats, in detection order (most specific first), and format detection from a file's head.
 */
import { CourantError } from '../core/errors.ts';
import { dcV5Importer } from './dataconnect/v5.ts';
import { dc2026Importer } from './dataconnect/v2026.ts';
import { enedisCsvImporter } from './enedis-csv/enedis-csv.ts';
import { decodeHead, type Importer } from './importer.ts';
import { plainCsvImporter } from './plain-csv/plain-csv.ts';
import { portalXlsxImporter } from './portal-xlsx/portal-xlsx.ts';
import { sgeR63Importer } from './sge-r63/sge-r63.ts';

export const IMPORTERS: readonly Importer[] = [
  enedisCsvImporter,
  sgeR63Importer,
  dcV5Importer,
  dc2026Importer,
  portalXlsxImporter,
  plainCsvImporter,
];

/** Bytes of the head given to `detect`. */
export const HEAD_BYTES = 8192;

/**
 * A saved Enedis error answer (`{"error": "no_data_found", "error_description": …}`) is a common thing to try to
 * import after a failed download: say what it is rather than only "unrecognised".
 */
function enedisErrorIn(head: Uint8Array): string | undefined {
  const text = decodeHead(head);
  const code = /^\s*\{[^[]*?"error"\s*:\s*"([^"]{1,80})"/.exec(text)?.[1];
  if (code === undefined) return undefined;
  const description = /"error_description"\s*:\s*"([^"]{1,200})"/.exec(text)?.[1];
  return description ? `${code}: ${description}` : code;
}

export function detectImporter(head: Uint8Array, fileName: string): Importer {
  const found = IMPORTERS.find((imp) => imp.detect(head, fileName));
  if (found) return found;
  const enedisError = enedisErrorIn(head);
  if (enedisError !== undefined)
    throw new CourantError(
      'IMPORT_UNRECOGNISED_FORMAT',
      `${fileName}: this is an error answer from Enedis (${enedisError}), not meter data: nothing to import`,
      {
        details: { file: fileName, enedisError, supported: IMPORTERS.map((i) => i.id) },
      },
    );
  throw new CourantError(
    'IMPORT_UNRECOGNISED_FORMAT',
    `${fileName}: unrecognised format. Supported: ${IMPORTERS.map((i) => i.label).join('; ')}`,
    {
      details: { file: fileName, supported: IMPORTERS.map((i) => i.id) },
    },
  );
}

export function importerById(id: string): Importer | undefined {
  return IMPORTERS.find((i) => i.id === id);
}
