/**
 * @module use-cases/oauth/types
 * What the third-party API sees of an authenticated client: the registered client acting, the purposes it declared,
 * and the usage points its token was issued for. Every data read still goes through the policy engine with `actor`.
 */
import type { Actor, PurposeId } from '../../consent/model.ts';

export interface ClientCaller {
  readonly clientId: string;
  /** The client's registered name: what the household's journal and receipts show. */
  readonly clientName: string;
  /** `{ kind: 'recipient', id: clientId }`: the policy engine decides on consents naming this client. */
  readonly actor: Actor;
  /** Purposes the client declared at registration; a read is allowed when a live consent covers one of them. */
  readonly purposes: readonly PurposeId[];
  /** Usage points an authorisation-code token was issued for; null for a client_credentials token (any usage point
   *  with a live consent for this client, as Enedis does). */
  readonly prms: ReadonlySet<string> | null;
  /** Stable id of the token (never the token): for logs and revocation. */
  readonly tokenId: string;
}

/** Checks a bearer access token. Throws OAUTH_TOKEN_INVALID (expired, revoked, unknown: one answer for all). */
export interface BearerCheck {
  authenticate(token: string | undefined): Promise<ClientCaller>;
}
