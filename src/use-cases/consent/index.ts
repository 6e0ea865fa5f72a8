/**
 * @module use-cases/consent
 * Wires the consent core to its repositories: one call gives every service the HTTP routes and CLI need.
 * The composition root (backend/open-backend.ts) passes the repositories of its storage and its reading store.
 */
import type { ConsentConfig } from '../../consent/config.ts';
import { DEFAULT_CONSENT_CONFIG } from '../../consent/config.ts';
import type { ReadingStore } from '../../ports/reading-store.ts';
import type { StorageRepositories } from '../../ports/repositories.ts';
import type { UsagePointRepository } from '../../ports/usage-point-repository.ts';
import { AccessService } from './access-service.ts';
import { AccountsService } from '../accounts/accounts-service.ts';
import { ConsentService } from './consent-service.ts';
import { ControlsService } from './controls-service.ts';
import type { SigningKey } from '../../ports/signing-key.ts';
import { LedgerService, systemClock, type Clock } from './ledger-service.ts';
import { LegalService } from './legal-service.ts';
import { RefusalLog, type Refusal } from './refusals.ts';
import { RetentionService } from './retention-service.ts';
import { RightsService } from './rights-service.ts';
import { ClientService } from '../oauth/client-service.ts';
import { OAuthService } from '../oauth/oauth-service.ts';

export interface ConsentHub {
  readonly ledger: LedgerService;
  readonly consents: ConsentService;
  readonly controls: ControlsService;
  readonly access: AccessService;
  readonly legal: LegalService;
  readonly retention: RetentionService;
  readonly rights: RightsService;
  readonly accounts: AccountsService;
  readonly refusals: RefusalLog;
  readonly key: SigningKey;
  /** Registered third-party clients (the recipients consents may name). */
  readonly clients: ClientService;
  /** The authorisation server and bearer check of the third-party API. */
  readonly oauth: OAuthService;
}

export async function openConsentHub(opts: {
  repositories: StorageRepositories;
  readings: ReadingStore;
  /** The receipt signing key (the composition root loads it from the key store). */
  key: SigningKey;
  /** The secret of protected daily noise (the composition root keeps it in the data directory). Absent (tests and
   * tools that deliver nothing protected), a random key held in memory: protected values then change at restart. */
  noiseKey?: Uint8Array | undefined;
  config?: ConsentConfig | undefined;
  clock?: Clock | undefined;
  onRefusal?: ((r: Refusal) => void) | undefined;
  /** Usage points the retention sweep must not touch (the bundled demo dataset). */
  retentionExempt?: ((prm: string) => boolean) | undefined;
  /** Usage-point profiles (contract facts, register calendars): erased and exported with the readings. Opened from
   * `repositories` when absent.
   */
  profiles?: UsagePointRepository | undefined;
}): Promise<ConsentHub> {
  const config = opts.config ?? DEFAULT_CONSENT_CONFIG;
  const key = opts.key;
  const repo = await opts.repositories.consent();
  const ledger = await LedgerService.open({
    repo,
    key,
    clock: opts.clock ?? systemClock,
    issuer: config.controller.name,
    retentionMonths: () => config.retention.fineMonths,
  });
  const refusals = new RefusalLog(opts.onRefusal);
  const clientRepo = await opts.repositories.clients();
  const clients = await ClientService.open(clientRepo, ledger.clock);
  const consents = new ConsentService(ledger, config, refusals, clients.directory);
  const oauth = new OAuthService(clients, clientRepo, consents, ledger, key);
  const controls = new ControlsService(ledger, opts.readings, refusals);
  const noiseKey = opts.noiseKey ?? globalThis.crypto.getRandomValues(new Uint8Array(32));
  const legal = await LegalService.open(ledger, refusals);
  const access = new AccessService(ledger, opts.readings, refusals, noiseKey, () => legal.refresh());
  const retention = new RetentionService(ledger, consents, opts.readings, config.retention, opts.retentionExempt);
  const profiles = opts.profiles ?? (await opts.repositories.profiles());
  const rights = new RightsService(ledger, opts.readings, access, legal, refusals, key.publicJwk, profiles);
  const accountRepo = await opts.repositories.accounts();
  const accounts = new AccountsService(accountRepo, ledger.clock, refusals);
  return { ledger, consents, controls, access, legal, retention, rights, accounts, refusals, key, clients, oauth };
}
