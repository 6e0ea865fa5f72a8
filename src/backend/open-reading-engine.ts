/**
 * @module backend/open-reading-engine
 * The reading store on the engine `storage.engine` names, when it is not the data directory's DuckDB file:
 * "clickhouse" opens the cluster of `storage.clickhouseUrls` once at start (creating the tables where absent), so a
 * wrong address stops the start with STORE_UNAVAILABLE naming the setting (never the password).
 */
import { CourantError, isCourantError } from '../core/errors.ts';
import type { ReadingStore } from '../ports/reading-store.ts';
import { ClickHouseReadingStore } from '../adapters/clickhouse/clickhouse-store.ts';

export interface ReadingEngineOptions {
  readonly engine: 'duckdb' | 'clickhouse';
  readonly clickhouseUrls?: string | undefined;
  readonly clickhouseCluster?: string | undefined;
  readonly clickhouseDatabase?: string | undefined;
  readonly clickhouseUser?: string | undefined;
  readonly clickhousePassword?: string | undefined;
}

const SETTING = 'storage.clickhouseUrls (COURANT_STORAGE_CLICKHOUSE_URLS)';

export async function openClickHouseReadings(o: ReadingEngineOptions): Promise<ReadingStore> {
  if (!o.clickhouseUrls || !o.clickhouseCluster)
    throw new CourantError(
      'CONFIG_INVALID',
      `storage.engine is "clickhouse": set ${SETTING} and storage.clickhouseCluster (COURANT_STORAGE_CLICKHOUSE_CLUSTER)`,
      { details: { where: 'storage.clickhouseUrls' } },
    );
  try {
    return await ClickHouseReadingStore.open({
      nodes: o.clickhouseUrls.split(','),
      cluster: o.clickhouseCluster,
      database: o.clickhouseDatabase ?? 'courant',
      username: o.clickhouseUser,
      password: o.clickhousePassword,
    });
  } catch (cause) {
    if (!isCourantError(cause)) throw cause;
    throw new CourantError(cause.code, `${SETTING}: ${cause.message}`, {
      cause,
      details: { where: 'storage.clickhouseUrls' },
    });
  }
}
