/**
 * @module importers/dataconnect/json-text
 * Typed access to decoded JSON values with JSON-path error messages (the streaming reader is json-stream.ts).
 */
import { parseError, type ImportContext } from '../importer.ts';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Typed access with JSON-path error messages. */
export class JsonReader {
  constructor(private readonly ctx: ImportContext) {}
  obj(v: unknown, path: string): Record<string, unknown> {
    if (v === null || typeof v !== 'object' || Array.isArray(v))
      throw parseError(this.ctx, { path }, 'expected an object');
    return v as Record<string, unknown>;
  }
  arr(v: unknown, path: string): unknown[] {
    if (!Array.isArray(v)) throw parseError(this.ctx, { path }, 'expected an array');
    return v;
  }
  str(v: unknown, path: string): string {
    if (typeof v !== 'string')
      throw parseError(this.ctx, { path }, `expected a string, found ${JSON.stringify(v)?.slice(0, 30)}`);
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
