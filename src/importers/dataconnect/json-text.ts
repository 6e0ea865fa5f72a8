/**
 * @module importers/dataconnect/json-text
 * Data Connect answers are small (one call covers ≤ 7 days of curve or ≤ 1 year of daily values), so they are
 * read whole and parsed with JSON.parse, capped at MAX_JSON_BYTES. Syntax errors (a truncated answer) are reported
 * with the line and column computed from JSON.parse's position.
 */
import { CourantError } from '../../core/errors.ts';
import { parseError, type ImportContext } from '../importer.ts';
import { readAllText } from '../lines.ts';

export const MAX_JSON_BYTES = 256 * 1024 * 1024;

export async function readJson(chunks: AsyncIterable<Uint8Array>, ctx: ImportContext): Promise<unknown> {
  const text = await readAllText(chunks, MAX_JSON_BYTES, () =>
    new CourantError('IMPORT_TOO_LARGE', `${ctx.fileName}: JSON answers larger than ${MAX_JSON_BYTES / 1024 / 1024} MiB are not accepted; Data Connect answers are far smaller`, { details: { file: ctx.fileName } }),
  );
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const m = /position (\d+)/.exec(msg);
    const pos = m ? Number(m[1]) : text.length;
    const before = text.slice(0, pos);
    const line = before.split('\n').length;
    const column = pos - before.lastIndexOf('\n');
    throw parseError(ctx, { line, path: `column ${column}` }, `invalid JSON (${/end of JSON/.test(msg) || pos >= text.length ? 'truncated' : msg.replace(/ in JSON at position \d+.*$/, '')})`);
  }
}

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Typed access with JSON-path error messages. */
export class JsonReader {
  constructor(private readonly ctx: ImportContext) {}
  obj(v: unknown, path: string): Record<string, unknown> {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw parseError(this.ctx, { path }, 'expected an object');
    return v as Record<string, unknown>;
  }
  arr(v: unknown, path: string): unknown[] {
    if (!Array.isArray(v)) throw parseError(this.ctx, { path }, 'expected an array');
    return v;
  }
  str(v: unknown, path: string): string {
    if (typeof v !== 'string') throw parseError(this.ctx, { path }, `expected a string, found ${JSON.stringify(v)?.slice(0, 30)}`);
    return v;
  }
  /** A numeric value given as a string or a number; "null"/null → null (missing, never 0). */
  num(v: unknown, path: string): number | null {
    if (v === null || v === 'null' || v === '') return null;
    const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : Number.NaN;
    if (!Number.isFinite(n)) throw parseError(this.ctx, { path }, `${JSON.stringify(v)?.slice(0, 30)} is not a number`);
    return n;
  }
}
