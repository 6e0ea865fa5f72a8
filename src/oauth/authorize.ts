/**
 * @module oauth/authorize
 * Reading an authorisation request (RFC 6749 §4.1 with PKCE, and Enedis Data Connect's parameters: `client_id`,
 * `response_type=code`, `state`, `duration`; `redirect_uri` optional when the client registered one). Two kinds of
 * refusal, as the RFC requires: when the client or its redirect URI cannot be trusted the household is shown the error
 * and never redirected; otherwise the error goes back to the client's redirect URI with `state`.
 */
import { isChallenge } from './pkce.ts';
import { expiryOf } from './duration.ts';
import type { StoredClient } from './clients.ts';

export interface AuthorizeRequest {
  readonly client: StoredClient;
  readonly redirectUri: string;
  readonly state: string;
  /** The ISO-8601 duration asked (echoed in the consent terms). */
  readonly duration: string;
  readonly expiresAt: number;
  /** S256 challenge; absent for Enedis-style clients that read with client_credentials and never exchange the code. */
  readonly codeChallenge?: string | undefined;
}

/** Shown to the household; never a redirect. */
export interface AuthorizePageError {
  readonly kind: 'page';
  readonly error: 'invalid_client' | 'invalid_redirect_uri';
  readonly description: string;
}
/** Sent back to the client's redirect URI with `state`. */
export interface AuthorizeRedirectError {
  readonly kind: 'redirect';
  readonly redirectUri: string;
  readonly state: string | undefined;
  readonly error: 'invalid_request' | 'unsupported_response_type' | 'access_denied';
  readonly description: string;
}

export const AUTHORIZE_PARAMS = [
  'client_id',
  'response_type',
  'state',
  'duration',
  'redirect_uri',
  'code_challenge',
  'code_challenge_method',
  'scope',
] as const;
export type AuthorizeParams = Partial<Record<(typeof AUTHORIZE_PARAMS)[number], string>>;

export function readAuthorize(
  q: AuthorizeParams & Record<string, unknown>,
  lookup: (clientId: string) => StoredClient | undefined,
  now: number,
): AuthorizeRequest | AuthorizePageError | AuthorizeRedirectError {
  const client = typeof q.client_id === 'string' ? lookup(q.client_id) : undefined;
  if (!client || client.disabled) {
    return { kind: 'page', error: 'invalid_client', description: 'unknown client_id' };
  }
  const redirectUri = q.redirect_uri ?? client.redirectUris[0]!;
  if (!client.redirectUris.includes(redirectUri)) {
    return {
      kind: 'page',
      error: 'invalid_redirect_uri',
      description: 'redirect_uri is not registered for this client',
    };
  }
  const state = typeof q.state === 'string' ? q.state : undefined;
  const back = (error: AuthorizeRedirectError['error'], description: string): AuthorizeRedirectError => ({
    kind: 'redirect',
    redirectUri,
    state,
    error,
    description,
  });
  const unknown = Object.keys(q).filter((k) => !(AUTHORIZE_PARAMS as readonly string[]).includes(k));
  if (unknown.length) return back('invalid_request', `unknown parameter ${unknown.join(', ')}`);
  if (q.response_type !== 'code') return back('unsupported_response_type', 'response_type must be code');
  if (!state || state.length > 100) return back('invalid_request', 'state is required (at most 100 characters)');
  const exp = expiryOf(now, q.duration);
  if ('problem' in exp) return back('invalid_request', exp.problem);
  if (q.code_challenge !== undefined || q.code_challenge_method !== undefined) {
    if (q.code_challenge_method !== 'S256') return back('invalid_request', 'code_challenge_method must be S256');
    if (!isChallenge(q.code_challenge)) return back('invalid_request', 'code_challenge is not an S256 challenge');
  }
  return {
    client,
    redirectUri,
    state,
    duration: q.duration ?? 'P1Y',
    expiresAt: exp.expiresAt,
    codeChallenge: q.code_challenge,
  };
}

/** The redirect URI with the answer's parameters added (existing query parameters kept). */
export function redirectWith(uri: string, params: Record<string, string | undefined>): string {
  const u = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) u.searchParams.set(k, v);
  return u.toString();
}
