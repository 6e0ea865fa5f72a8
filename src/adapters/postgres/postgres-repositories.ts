/**
 * @module adapters/postgres/postgres-repositories
 * The repositories of the PostgreSQL database (consent, accounts, clients, profiles, releases), each on the shared
 * pool of one PostgresDatabase. What the composition root hands the use cases instead of the DuckDB ones.
 */
import type { StorageRepositories } from '../../ports/repositories.ts';
import { PostgresAccountRepository } from './postgres-accounts-repository.ts';
import { PostgresClientRepository } from './postgres-client-repository.ts';
import { PostgresConsentRepository } from './postgres-consent-repository.ts';
import { PostgresLeaderLease } from './postgres-leader-lease.ts';
import type { PostgresDatabase } from './postgres-database.ts';
import { PostgresReleaseLedger } from './postgres-release-ledger.ts';
import { PostgresUsagePointRepository } from './postgres-usage-point-repository.ts';

export function postgresRepositories(db: PostgresDatabase): StorageRepositories {
  return {
    consent: async () => new PostgresConsentRepository(db),
    accounts: async () => new PostgresAccountRepository(db),
    clients: async () => new PostgresClientRepository(db),
    profiles: async () => new PostgresUsagePointRepository(db),
    releases: async () => new PostgresReleaseLedger(db),
    liveLease: () => new PostgresLeaderLease(db),
  };
}
