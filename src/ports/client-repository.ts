/**
 * @module ports/client-repository
 * Storage port of the third-party channel: registered clients, single-use authorisation codes and access tokens.
 * Codes and tokens are stored by the SHA-256 of their value, so a copy of the database gives no working credential.
 * The DuckDB adapter is src/adapters/duckdb/duckdb-client-repository.ts.
 */
import type { StoredClient } from '../oauth/clients.ts';

export interface StoredCode {
  readonly codeHash: string;
  readonly clientId: string;
  /** The household that granted it. */
  readonly subject: string;
  readonly prms: readonly string[];
  /** The consents written when the household granted it. */
  readonly consentIds: readonly string[];
  readonly redirectUri: string;
  readonly codeChallenge: string | null;
  readonly expiresAt: number;
}

export interface StoredToken {
  readonly tokenHash: string;
  /** Stable id for logs and revocation (the JWT's `jti`). */
  readonly tokenId: string;
  readonly clientId: string;
  /** Household of an authorisation-code token; null for client_credentials. */
  readonly subject: string | null;
  /** Usage points an authorisation-code token is bound to; null for client_credentials. */
  readonly prms: readonly string[] | null;
  readonly consentIds: readonly string[];
  readonly issuedAt: number;
  readonly expiresAt: number;
  readonly revokedAt: number | null;
}

export interface ClientRepository {
  /** True when other hub instances change the same clients and tokens (a shared database server): the services then
   *  read them through at each use instead of keeping them in memory. */
  readonly sharedByInstances: boolean;
  /** Registers a client. A taken `clientId` is refused with CLIENT_EXISTS and nothing is written. */
  insertClient(c: StoredClient): Promise<void>;
  clients(): Promise<StoredClient[]>;
  updateClient(clientId: string, change: Partial<Pick<StoredClient, 'secretHash' | 'disabled'>>): Promise<void>;
  insertCode(c: StoredCode): Promise<void>;
  /** Takes a code once: the first call returns it and marks it used; any later call returns null. */
  takeCode(codeHash: string): Promise<StoredCode | null>;
  insertToken(t: StoredToken): Promise<void>;
  token(tokenHash: string): Promise<StoredToken | null>;
  /** Revokes tokens matching every given field; returns how many were live. */
  revokeTokens(
    where: { tokenHash?: string; clientId?: string; consentId?: string; subject?: string },
    at: number,
  ): Promise<number>;
  /** Forgets codes and tokens that expired before `before`; returns how many. */
  deleteExpired(before: number): Promise<number>;
}
