/**
 * @module cli/commands/consent-storage
 * Opens the consent repository (through the composition root) for CLI commands that read the ledger directly (the
 * hub is not running).
 * When the hub holds the database, the commands ask it over its local API instead (routes owned by the hub).
 */
import { isCourantError } from '../../core/errors.ts';
import type { Config } from '../../config/schema.ts';
import { consentConfigSchema, type ConsentConfig } from '../../consent/config.ts';
import type { ConsentRepository } from '../../consent/repository.ts';
import { openLedgerStorage } from '../../backend/open-backend.ts';
import { readHubFile } from '../hub-access.ts';

export type ConsentAccess = { kind: 'repo'; repo: ConsentRepository; close: () => Promise<void> } | { kind: 'hub'; url: string };

export async function openConsentAccess(config: Readonly<Config>): Promise<ConsentAccess> {
  try {
    const { repo, close } = await openLedgerStorage(config);
    return { kind: 'repo', repo, close };
  } catch (e) {
    if (!isCourantError(e) || e.code !== 'STORE_LOCKED') throw e;
    try {
      return { kind: 'hub', url: readHubFile(config.dataDir).url };
    } catch {
      throw e;
    }
  }
}

/** The `consent` block of the configuration once the hub mounts it; the defaults until then. */
export function consentConfigOf(config: Readonly<Config>): ConsentConfig {
  return consentConfigSchema.parse((config as unknown as { consent?: unknown }).consent ?? {});
}
