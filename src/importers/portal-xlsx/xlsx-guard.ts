/**
 * @module importers/portal-xlsx/xlsx-guard
 * An XLSX workbook is a zip, and a zip of a few hundred kilobytes can expand to gigabytes. Before the XLSX library
 * sees a workbook, this module lists its entries from the zip's central directory and refuses it past
 * `limits.xlsxEntries` entries or `limits.xlsxDecompressedBytes` declared uncompressed bytes; then it inflates the
 * entries the library reads (XML parts and their relationships) itself, each bounded by the size it declares, so a
 * size that lies is caught as soon as the output passes it, and hands the library a new archive of exactly these
 * entries, stored without compression: the library never inflates anything the guard did not count.
 *
 * The central directory is read here rather than through fflate's `unzipSync({ filter })`: that filter gives each
 * entry's declared size but not where its data lies, and `unzipSync` inflates into a buffer of the declared size
 * while it keeps decoding past its end (dropping the output), so an entry that lies about its size would still cost
 * time in proportion to its real size. zlib's `maxOutputLength` stops at the bound instead.
 */
import { inflateRawSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { CourantError } from '../../core/errors.ts';
import { formatBytes } from '../limits.ts';

export interface XlsxLimits {
  /** Bytes all entries may expand to (`limits.xlsxDecompressedBytes`). */
  readonly decompressedBytes: number;
  /** Entries the zip may hold (`limits.xlsxEntries`). */
  readonly entries: number;
}

interface Entry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Parts the XLSX reader reads (the rest, images and printer settings, it skips). */
const READ = /\.(xml|rels)$/i;

const damaged = (why: string) => new CourantError('IMPORT_PARSE_ERROR', `not a readable XLSX workbook (${why})`);

/** The entries of the central directory; refuses before reading them all when there are too many. */
function centralDirectory(zip: Uint8Array, limits: XlsxLimits): Entry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  // the end record is in the last 22 + 65 535 bytes (its comment is at most 65 535 bytes long)
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged('no zip directory at its end');
  const count = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  const offset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || offset === 0xffffffff)
    throw damaged('a ZIP64 archive, which no spreadsheet of this size needs');
  if (count > limits.entries) throw tooManyEntries(count, limits);
  if (offset + size > eocd) throw damaged('its zip directory lies outside the file');
  const entries: Entry[] = [];
  let at = offset;
  for (let k = 0; k < count; k++) {
    if (at + 46 > eocd || view.getUint32(at, true) !== CENTRAL) throw damaged('a damaged zip directory');
    const nameLength = view.getUint16(at + 28, true);
    const next = at + 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (next > eocd) throw damaged('a damaged zip directory');
    entries.push({
      name: new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength)),
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
    });
    at = next;
  }
  return entries;
}

function tooManyEntries(count: number, limits: XlsxLimits): CourantError {
  return new CourantError(
    'IMPORT_TOO_MANY_ENTRIES',
    `the workbook's zip holds ${count} entries, more than the ${limits.entries} accepted (limits.xlsxEntries); a portal export holds about ten. Nothing from this file was stored.`,
    {
      details: { entries: count, limit: limits.entries },
    },
  );
}

function tooLarge(what: string, limits: XlsxLimits, limitText = formatBytes(limits.decompressedBytes)): CourantError {
  return new CourantError(
    'IMPORT_DECOMPRESSED_TOO_LARGE',
    `${what}, more than the ${limitText} accepted (limits.xlsxDecompressedBytes). Nothing from this file was stored.`,
    {
      details: { limit: limits.decompressedBytes },
    },
  );
}

/** The compressed bytes of an entry, found through its local header. */
function dataOf(zip: Uint8Array, e: Entry): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  if (e.localOffset + 30 > zip.length || view.getUint32(e.localOffset, true) !== LOCAL)
    throw damaged(`a damaged entry "${e.name}"`);
  const start =
    e.localOffset + 30 + view.getUint16(e.localOffset + 26, true) + view.getUint16(e.localOffset + 28, true);
  if (start + e.compressedSize > zip.length) throw damaged(`a truncated entry "${e.name}"`);
  return zip.subarray(start, start + e.compressedSize);
}

function inflate(zip: Uint8Array, e: Entry, limits: XlsxLimits): Uint8Array {
  const data = dataOf(zip, e);
  if (e.method === 0) {
    if (data.length > e.size)
      throw tooLarge(`the entry "${e.name}" holds more than the ${e.size} bytes it declares`, limits);
    return data;
  }
  if (e.method !== 8) throw damaged(`the entry "${e.name}" uses an unknown compression method (${e.method})`);
  try {
    // Node needs a bound of at least 1; an entry declaring 0 bytes is checked below
    return inflateRawSync(data, { maxOutputLength: Math.max(1, e.size) });
  } catch (cause) {
    if ((cause as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw tooLarge(`the entry "${e.name}" expands beyond the ${e.size} bytes it declares`, limits);
    throw damaged(`the entry "${e.name}" cannot be inflated`);
  }
}

/**
 * The workbook as an archive of its XML parts, stored uncompressed, once its entry count and its declared and actual
 * uncompressed sizes are within `limits`. Throws IMPORT_TOO_MANY_ENTRIES, IMPORT_DECOMPRESSED_TOO_LARGE or
 * IMPORT_PARSE_ERROR (the messages do not name the file: the importer adds it).
 */
export function guardXlsx(zip: Uint8Array, limits: XlsxLimits): Uint8Array {
  const entries = centralDirectory(zip, limits);
  const declared = entries.reduce((sum, e) => sum + e.size, 0);
  if (declared > limits.decompressedBytes) {
    // in bytes when both sizes would round to the same figure ("64 MiB, more than the 64 MiB accepted")
    const [size, limit] =
      formatBytes(declared) === formatBytes(limits.decompressedBytes)
        ? [`${declared} bytes`, `${limits.decompressedBytes} bytes`]
        : [formatBytes(declared), undefined];
    throw tooLarge(`the workbook would expand to ${size} once unzipped`, limits, limit);
  }
  const parts: Record<string, Uint8Array> = {};
  for (const e of entries) {
    if (!READ.test(e.name)) continue;
    if (e.flags & 1) throw damaged(`the entry "${e.name}" is encrypted`);
    const bytes = inflate(zip, e, limits);
    if (bytes.length > e.size)
      throw tooLarge(`the entry "${e.name}" expands beyond the ${e.size} bytes it declares`, limits);
    parts[e.name] = bytes;
  }
  return zipSync(parts, { level: 0 });
}
