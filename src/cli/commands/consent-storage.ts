/**
 * @module cli/commands/consent-storage
 * Opens the consent repository for CLI commands that read the ledger directly (the hub is not running).
 * When the hub holds the database, the commands ask it over its local API instead (routes owned by the hub).
 */
import { join } from 'node:path';
import { isCourantError } from '../../core/errors.ts';
import type { Config } from '../../config/schema.ts';
import { consentConfigSchema, type ConsentConfig } from '../../consent/config.ts';
import { DuckDbDatabase } from '../../store/duckdb/duckdb-database.ts';
import { DuckDbConsentRepository } from '../../store/duckdb/duckdb-consent-repository.ts';
import { DATABASE_FILE } from '../../store/open.ts';
import { secureDataDir } from '../../store/data-dir.ts';
import { readHubFile } from '../hub-access.ts';

export type ConsentAccess = { kind: 'repo'; repo: DuckDbConsentRepository; close: () => Promise<void> } | { kind: 'hub'; url: string };

export async function openConsentAccess(config: Readonly<Config>): Promise<ConsentAccess> {
  let db: DuckDbDatabase;
  secureDataDir(config.dataDir);
  try {
    db = await DuckDbDatabase.open({ path: join(config.dataDir, DATABASE_FILE), threads: config.storage.threads });
  } catch (e) {
    if (!isCourantError(e) || e.code !== 'STORE_LOCKED') throw e;
    try {
      return { kind: 'hub', url: readHubFile(config.dataDir).url };
    } catch {
      throw e;
    }
  }
  const repo = new DuckDbConsentRepository(await db.connect(), () => db.connect());
  await repo.init();
  return { kind: 'repo', repo, close: () => db.close() };
}

/** The `consent` block of the configuration once the hub mounts it; the defaults until then. */
export function consentConfigOf(config: Readonly<Config>): ConsentConfig {
  return consentConfigSchema.parse((config as unknown as { consent?: unknown }).consent ?? {});
}
