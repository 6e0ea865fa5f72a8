/**
 * @module ports/repositories
 * The repositories that share one storage engine with the reading store, opened on demand by the composition root.
 */
import type { AccountRepository } from './account-repository.ts';
import type { ClientRepository } from './client-repository.ts';
import type { ConsentRepository } from './consent-repository.ts';
import type { LeaderLease } from './leader-lease.ts';
import type { ReleaseLedger } from './release-ledger.ts';
import type { UsagePointRepository } from './usage-point-repository.ts';

export interface StorageRepositories {
  /** Consent ledger, receipts, access log, legal requests, deletion records. */
  consent(): Promise<ConsentRepository>;
  /** Accounts and sessions. */
  accounts(): Promise<AccountRepository>;
  /** Registered third-party clients, authorisation codes and access tokens. */
  clients(): Promise<ClientRepository>;
  /** Usage-point profiles (contract facts, register calendars). */
  profiles(): Promise<UsagePointRepository>;
  /** The release ledger of published statistics, the privacy spend and the release files. */
  releases(): Promise<ReleaseLedger>;
  /** The lease of what one hub instance alone runs (the live sources): held always where one process opens the
   *  database, taken in turn by the instances sharing it otherwise. */
  liveLease(): LeaderLease;
}
