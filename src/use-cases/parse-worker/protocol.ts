/**
 * @module use-cases/parse-worker/protocol
 * Messages between an import and the worker thread that parses its file. Flow control both ways keeps memory flat:
 * the import sends file chunks only a few ahead of the worker (which says `pull` as it takes each), and the worker
 * stops posting batches while MAX_UNACKED are not yet consumed.
 */
import type { Direction } from '../../core/series.ts';
import type { ImportItem } from '../../importers/importer.ts';
import type { XlsxLimits } from '../../importers/portal-xlsx/xlsx-guard.ts';

/** Batches the worker may post ahead of the store (each ≤ 10,000 points, ~170 KB): ~5 MB in flight at most. */
export const MAX_UNACKED = 32;

export interface WorkerInput {
  readonly importerId: string;
  readonly fileName: string;
  readonly prm: string | undefined;
  readonly zerosMasked: boolean | undefined;
  readonly direction: Direction | undefined;
  /** `limits.lineBytes`. */
  readonly lineBytes: number;
  /** What an XLSX workbook may expand to (`limits.xlsxDecompressedBytes`, `limits.xlsxEntries`). */
  readonly xlsx: XlsxLimits;
}

export type ToWorker =
  | { readonly type: 'start'; readonly input: WorkerInput }
  | { readonly type: 'chunk'; readonly bytes: Uint8Array }
  | { readonly type: 'end' }
  | { readonly type: 'ack' };

export interface SerialisedError {
  readonly name: string;
  readonly message: string;
  readonly code?: string | undefined;
  readonly details?: Record<string, unknown> | undefined;
}

export type FromWorker =
  | { readonly type: 'pull' }
  | { readonly type: 'item'; readonly item: ImportItem }
  | { readonly type: 'done' }
  | { readonly type: 'error'; readonly error: SerialisedError };
