/**
 * @module importers/dataconnect/lazy-where
 * The `where` a fast path gives the collector for a curve point: `{ path: "<array>[<index>]" }` as the general path
 * passes it, but the string is built only if the collector reads it (a repeated point or an error). One reused object
 * per reader, whose only enumerable property is a getter; the reader sets `arrayPath` and `index` per point.
 */
import type { Where } from '../importer.ts';

export type LazyArrayWhere = Where & { arrayPath: string; index: number };

export function lazyArrayWhere(): LazyArrayWhere {
  return Object.defineProperties({ arrayPath: '', index: 0 } as LazyArrayWhere, {
    arrayPath: { enumerable: false, writable: true },
    index: { enumerable: false, writable: true },
    path: {
      enumerable: true,
      get(this: { arrayPath: string; index: number }) {
        return `${this.arrayPath}[${this.index}]`;
      },
    },
  });
}
