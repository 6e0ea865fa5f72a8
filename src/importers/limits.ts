/**
 * @module importers/limits
 * What one imported file may cost. The values come from the configuration (`limits`, validated once at start and
 * passed down); the defaults below are the schema's defaults, for importers used without a configuration (tests,
 * tools). docs/importers.md § Limits lists each limit with its key and error code.
 */

export interface ImportLimits {
  /** Longest line of a text file, and longest single JSON value read whole, in bytes (characters for JSON). */
  readonly lineBytes: number;
  /** Bytes an XLSX workbook may expand to once unzipped (declared sizes, and the bytes actually inflated). */
  readonly xlsxDecompressedBytes: number;
  /** Entries an XLSX workbook's zip may hold. */
  readonly xlsxEntries: number;
  /** Readings (stored rows) one file may give. */
  readonly rowsPerFile: number;
  /** Seconds the parser thread may work on one file while the import waits for it. */
  readonly parseSeconds: number;
  /** Heap ceiling of the parser thread, in MiB. */
  readonly parserMemoryMb: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = Object.freeze({
  lineBytes: 64 * 1024,
  xlsxDecompressedBytes: 64 * 1024 * 1024,
  xlsxEntries: 256,
  rowsPerFile: 100_000_000,
  parseSeconds: 300,
  parserMemoryMb: 1024,
});

/** 65536 → "64 KiB", 67108864 → "64 MiB", 1000 → "1000 bytes" (messages meant for people). */
export function formatBytes(n: number): string {
  for (const [unit, size] of [
    ['GiB', 1 << 30],
    ['MiB', 1 << 20],
    ['KiB', 1 << 10],
  ] as const) {
    if (n >= size) return `${Number((n / size).toFixed(1))} ${unit}`;
  }
  return `${n} bytes`;
}
