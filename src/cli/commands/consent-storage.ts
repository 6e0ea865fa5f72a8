/**
 * @module cli/commands/consent-storage
 * Opens the consent repository (through the composition root) for CLI commands that read the ledger directly (the
 * hub is not running).
 * When the hub holds the database, the commands ask it over its local API instead (routes owned by the hub).
 */
import type { Config } from '../../config/schema.ts';
import { consentConfigSchema, type ConsentConfig } from '../../consent/config.ts';
import type { ClientRepository } from '../../ports/client-repository.ts';
import type { ConsentRepository } from '../../ports/consent-repository.ts';
import { fileOrHub } from '../hub-access.ts';

export type ConsentAccess =
  | { kind: 'repo'; repo: ConsentRepository; clients: ClientRepository; close: () => Promise<void> }
  | { kind: 'hub'; url: string };

export function openConsentAccess(config: Readonly<Config>): Promise<ConsentAccess> {
  return fileOrHub(config, async (): Promise<ConsentAccess> => {
    // loaded here: with the hub running, the command loads no database engine
    const { openLedgerStorage } = await import('../../backend/open-backend.ts');
    const { repo, clients, close } = await openLedgerStorage(config);
    return { kind: 'repo', repo, clients, close };
  });
}

/** The `consent` block of the configuration once the hub mounts it; the defaults until then. */
export function consentConfigOf(config: Readonly<Config>): ConsentConfig {
  return consentConfigSchema.parse((config as unknown as { consent?: unknown }).consent ?? {});
}
