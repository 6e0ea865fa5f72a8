/**
 * @module adapters/duckdb/migrations/0004-protected-daily-clients
 * A registered client may declare that it accepts protected daily data (daily consumption with calibrated noise,
 * consent/protection.ts): the consent screen then offers it a protected daily box. Clients registered before say no.
 */
import { sqlMigration } from './migration.ts';

export const protectedDailyClients = sqlMigration(4, 'clients accepting protected daily data', [
  `ALTER TABLE oauth_clients ADD COLUMN accepts_protected_daily BOOLEAN DEFAULT false`,
]);
