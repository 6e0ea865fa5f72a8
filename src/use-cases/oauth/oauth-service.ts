/**
 * @module use-cases/oauth/oauth-service
 * The authorisation server of the third-party channel (RFC 6749 authorisation code with PKCE S256, client
 * credentials, RFC 7009 revocation) over the consent ledger. A household grants by ticking boxes on a screen showing
 * only what the client asks; each ticked box is one consent in the ledger with its signed receipt, and the code the
 * client gets is bound to those consents. Access tokens are short-lived JWTs (EdDSA, the hub's receipt key) stored by
 * their SHA-256 so they can be revoked; a withdrawal, expiry or move-out revokes every token resting on that consent.
 * Every read with a token still goes through the policy engine: a token never widens what the ledger allows.
 */
import { SignJWT } from 'jose';
import { CourantError } from '../../core/errors.ts';
import { sha256Hex } from '../../consent/canonical.ts';
import { randomToken } from '../../accounts/accounts.ts';
import { derivable, LADDER, ladderRank, type Actor, type DataCategory, type LadderStep } from '../../consent/model.ts';
import type { NoticeRef } from '../../consent/events.ts';
import type { Lang } from '../../consent/notices.ts';
import {
  DEFAULT_PROTECTION,
  PROTECTED_CATEGORY,
  PROTECTED_STEP,
  UNPROTECTABLE_PURPOSES,
  type ProtectionLevel,
} from '../../consent/protection.ts';
import { readAuthorize, redirectWith, type AuthorizeParams, type AuthorizeRequest } from '../../oauth/authorize.ts';
import { verifyS256 } from '../../oauth/pkce.ts';
import type { StoredClient } from '../../oauth/clients.ts';
import type { ClientRepository, StoredToken } from '../../ports/client-repository.ts';
import type { SigningKey } from '../../ports/signing-key.ts';
import type { ConsentService } from '../consent/consent-service.ts';
import type { LedgerService } from '../consent/ledger-service.ts';
import type { ClientService } from './client-service.ts';
import type { BearerCheck, ClientCaller } from './types.ts';

/** Codes live one minute (RFC 6749 recommends at most ten); access tokens one hour (Enedis: 3 h 30). */
export const CODE_MS = 60_000;
export const TOKEN_S = 3600;
/** Data families a Data Connect consent covers. */
export const SHARED_CATEGORIES: readonly DataCategory[] = ['consumption', 'production', 'max-power'];

export interface ScreenBox {
  readonly key: string;
  readonly purpose: string;
  readonly step: LadderStep;
  readonly categories: readonly DataCategory[];
  readonly text: string;
  readonly notice: NoticeRef;
  /** A protected daily box (consent/protection.ts): offered only to clients that accept protected daily data. */
  readonly protection?: ProtectionLevel | undefined;
}

export interface AuthorizationScreen {
  readonly client: {
    readonly id: string;
    readonly name: string;
    readonly legalIdentity: string;
    readonly contact: string;
    readonly retentionMonths: number;
  };
  /** The household's usage points it may share (those it occupies now). */
  readonly prms: readonly string[];
  readonly duration: string;
  readonly expiresAt: number;
  readonly boxes: readonly ScreenBox[];
}

export interface TokenAnswer {
  readonly access_token: string;
  readonly token_type: 'Bearer';
  readonly expires_in: number;
  readonly scope: string;
}

/** Client credentials as they came: HTTP Basic, form body or query string (Enedis clients use all three). */
export interface PresentedCredentials {
  readonly basic?: { readonly id: string; readonly secret: string } | undefined;
  readonly body: Readonly<Record<string, unknown>>;
  readonly query: Readonly<Record<string, unknown>>;
}

const sha = (s: string) => sha256Hex(new TextEncoder().encode(s));
const invalidGrant = (why: string) => new CourantError('OAUTH_INVALID_GRANT', why);

/** Steps the screen offers a client whose finest step is `finest`: that step and the daily one. */
export function offeredSteps(finest: LadderStep): LadderStep[] {
  const out: LadderStep[] = [finest];
  if (ladderRank(finest) < ladderRank('P1D') && derivable('P1D', finest)) out.push('P1D');
  return out.filter((s) => LADDER.includes(s));
}

export class OAuthService implements BearerCheck {
  /** Verified tokens by hash, until they expire or are revoked (reads then need no database round trip). Not kept
   *  when other hub instances share the repository: a token revoked on one must be refused on every other, so each
   *  bearer check reads it. */
  private readonly cache = new Map<string, StoredToken>();
  /**
   * The hash of each token that last authenticated: WebCrypto's digest cost about a tenth of the main thread's time
   * under 1,000 reads a second, spent hashing the same few tokens again. It only spares that work: the token is still
   * looked up by hash and checked (expiry, client, consents, revocation) at every read. Tokens live an hour at most.
   */
  private readonly hashes = new Map<string, string>();

  constructor(
    readonly clients: ClientService,
    private readonly repo: ClientRepository,
    private readonly consents: ConsentService,
    private readonly ledger: LedgerService,
    private readonly key: SigningKey,
  ) {
    ledger.onAppended((e) => {
      const b = e.body;
      const ended =
        b.type === 'withdrawn' || b.type === 'expired'
          ? [b.consentId]
          : b.type === 'moved-out'
            ? [...ledger.state.consents.values()].filter((c) => c.terms.prm === b.prm).map((c) => c.terms.consentId)
            : [];
      for (const consentId of ended) void this.revokeWhere({ consentId }).catch(() => undefined);
    });
  }

  private get now(): number {
    return this.ledger.clock.now();
  }

  /** Read an authorisation request (see oauth/authorize.ts for which errors redirect and which do not). */
  request(params: AuthorizeParams & Record<string, unknown>) {
    return readAuthorize(params, (id) => this.clients.get(id), this.now);
  }

  /** What the household sees: this client, what it asks, one unticked box per purpose and step. */
  async screen(actor: Actor, req: AuthorizeRequest, lang: Lang): Promise<AuthorizationScreen> {
    const c = req.client;
    await Promise.all([this.ledger.catchUp(), this.clients.refresh()]);
    const prms = actor.kind === 'household' ? this.ledger.state.prmsOf(actor.id) : [];
    const boxes: ScreenBox[] = [];
    for (const purpose of c.purposes) {
      for (const step of offeredSteps(c.finestStep)) {
        const n = await this.consents.notice({
          recipient: c.clientId,
          purpose,
          step,
          categories: SHARED_CATEGORIES,
          lang,
          expiresAt: req.expiresAt,
        });
        boxes.push({ key: `${purpose}:${step}`, purpose, step, categories: SHARED_CATEGORIES, ...n });
      }
      if (c.acceptsProtectedDaily && !UNPROTECTABLE_PURPOSES.includes(purpose)) {
        // one more box, after the exact ones: daily consumption with calibrated noise, never the exact values
        const categories = [PROTECTED_CATEGORY];
        const n = await this.consents.notice({
          recipient: c.clientId,
          purpose,
          step: PROTECTED_STEP,
          categories,
          lang,
          expiresAt: req.expiresAt,
          protection: DEFAULT_PROTECTION,
        });
        boxes.push({
          key: `${purpose}:${PROTECTED_STEP}:protected`,
          purpose,
          step: PROTECTED_STEP,
          categories,
          protection: DEFAULT_PROTECTION,
          ...n,
        });
      }
    }
    return {
      client: {
        id: c.clientId,
        name: c.name,
        legalIdentity: c.legalIdentity,
        contact: c.contact,
        retentionMonths: c.retentionMonths,
      },
      prms: [...prms],
      duration: req.duration,
      expiresAt: req.expiresAt,
      boxes,
    };
  }

  /**
   * The household grants: one consent per ticked box (none ticked is a refusal), then a single-use code bound to
   * those consents. Returns where to send the household.
   */
  async grant(
    actor: Actor,
    req: AuthorizeRequest,
    choice: { prm: string; ticked: readonly string[]; lang: Lang },
  ): Promise<{ redirect: string; consentIds: string[] }> {
    const screen = await this.screen(actor, req, choice.lang);
    const byKey = new Map(screen.boxes.map((b) => [b.key, b]));
    for (const k of choice.ticked) {
      if (!byKey.has(k)) {
        throw new CourantError('CONSENT_INVALID', `consent.ticked: ${JSON.stringify(k)} is not a box of this screen`, {
          details: { where: 'consent.ticked' },
        });
      }
    }
    if (choice.ticked.length === 0) return { redirect: this.deny(req, 'no box was ticked'), consentIds: [] };
    const consentIds: string[] = [];
    for (const k of new Set(choice.ticked)) {
      const b = byKey.get(k)!;
      const { event } = await this.consents.give(actor, {
        prm: choice.prm,
        recipient: req.client.clientId,
        purposes: [b.purpose],
        categories: b.categories,
        step: b.step,
        notice: b.notice,
        ...(b.protection ? { protection: b.protection } : {}),
        channel: 'web',
        expiresAt: req.expiresAt,
      });
      if (event.body.type === 'given') consentIds.push(event.body.terms.consentId);
    }
    const code = randomToken();
    await this.repo.insertCode({
      codeHash: await sha(code),
      clientId: req.client.clientId,
      subject: actor.id,
      prms: [choice.prm],
      consentIds,
      redirectUri: req.redirectUri,
      codeChallenge: req.codeChallenge ?? null,
      expiresAt: this.now + CODE_MS,
    });
    return {
      redirect: redirectWith(req.redirectUri, { code, state: req.state, usage_point_id: choice.prm }),
      consentIds,
    };
  }

  /** The household refuses (or closes the screen): the client learns only `access_denied`. */
  deny(req: AuthorizeRequest, description = 'the household refused'): string {
    return redirectWith(req.redirectUri, {
      error: 'access_denied',
      error_description: description,
      state: req.state,
    });
  }

  /** The client named by the request's credentials (Basic, form body or query string; exactly one way). */
  private async client(cred: PresentedCredentials): Promise<StoredClient> {
    const ways: [unknown, unknown][] = [];
    if (cred.basic) ways.push([cred.basic.id, cred.basic.secret]);
    if (cred.body.client_secret !== undefined) ways.push([cred.body.client_id, cred.body.client_secret]);
    if (cred.query.client_secret !== undefined) ways.push([cred.query.client_id, cred.query.client_secret]);
    if (ways.length !== 1) {
      if (ways.length > 1) throw new CourantError('OAUTH_INVALID_REQUEST', 'client credentials given more than once');
      throw new CourantError('OAUTH_INVALID_CLIENT', 'client authentication failed');
    }
    return this.clients.authenticate(ways[0]![0], ways[0]![1]);
  }

  /** POST /oauth2/v3/token. */
  async token(cred: PresentedCredentials): Promise<TokenAnswer> {
    const p = { ...cred.query, ...cred.body };
    const grantType = p.grant_type;
    if (grantType !== 'authorization_code' && grantType !== 'client_credentials') {
      const client = await this.client(cred); // authenticate first: unknown callers learn nothing else
      void client;
      throw new CourantError(
        'OAUTH_UNSUPPORTED_GRANT_TYPE',
        `grant_type ${JSON.stringify(grantType ?? null)} is not supported`,
      );
    }
    const client = await this.client(cred);
    const scope = client.purposes.join(' ');
    if (grantType === 'client_credentials') return this.issue(client, null, null, [], scope);
    if (typeof p.code !== 'string') throw new CourantError('OAUTH_INVALID_REQUEST', 'code is required');
    const code = await this.repo.takeCode(await sha(p.code));
    if (!code || code.clientId !== client.clientId || code.expiresAt <= this.now) {
      throw invalidGrant('the authorisation code is unknown, used, expired or was issued to another client');
    }
    if (p.redirect_uri !== undefined && p.redirect_uri !== code.redirectUri) {
      throw invalidGrant('redirect_uri differs from the one of the authorisation request');
    }
    if (code.codeChallenge !== null) {
      if (!(await verifyS256(p.code_verifier, code.codeChallenge))) {
        throw invalidGrant('code_verifier is missing or does not match the code_challenge');
      }
    } else if (p.code_verifier !== undefined) {
      throw invalidGrant('code_verifier given for a code issued without a code_challenge');
    }
    return this.issue(client, code.subject, code.prms, code.consentIds, scope);
  }

  private async issue(
    client: StoredClient,
    subject: string | null,
    prms: readonly string[] | null,
    consentIds: readonly string[],
    scope: string,
  ): Promise<TokenAnswer> {
    const now = this.now;
    const tokenId = globalThis.crypto.randomUUID();
    const iat = Math.floor(now / 1000);
    // `sub` is the list of usage points for a household's token, as conso-api's tokens carry it (the `linky` package
    // reads it); a client_credentials token names the client, as Enedis' do.
    const jwt = await new SignJWT({ sub: prms ?? client.clientId, client_id: client.clientId, scope } as never)
      .setProtectedHeader({ alg: 'EdDSA', kid: this.key.kid, typ: 'at+jwt' })
      .setIssuer('courant')
      .setJti(tokenId)
      .setIssuedAt(iat)
      .setExpirationTime(iat + TOKEN_S)
      .sign(this.key.privateKey);
    await this.repo.insertToken({
      tokenHash: await sha(jwt),
      tokenId,
      clientId: client.clientId,
      subject,
      prms: prms === null ? null : [...prms],
      consentIds: [...consentIds],
      issuedAt: now,
      expiresAt: (iat + TOKEN_S) * 1000,
      revokedAt: null,
    });
    return { access_token: jwt, token_type: 'Bearer', expires_in: TOKEN_S, scope };
  }

  /** POST /oauth2/v3/revoke (RFC 7009): the client's own token is revoked; the answer is the same for any token. */
  async revoke(cred: PresentedCredentials, token: unknown): Promise<void> {
    const client = await this.client(cred);
    if (typeof token !== 'string' || token.length > 4096) return;
    const hash = await sha(token);
    const t = await this.repo.token(hash);
    if (t && t.clientId === client.clientId) await this.revokeWhere({ tokenHash: hash });
  }

  /** Revoke every matching token now (cache included). */
  async revokeWhere(where: { tokenHash?: string; clientId?: string; consentId?: string; subject?: string }) {
    for (const [h, t] of this.cache) {
      if (
        (where.tokenHash === undefined || h === where.tokenHash) &&
        (where.clientId === undefined || t.clientId === where.clientId) &&
        (where.subject === undefined || t.subject === where.subject) &&
        (where.consentId === undefined || t.consentIds.includes(where.consentId))
      ) {
        this.cache.delete(h);
      }
    }
    return this.repo.revokeTokens(where, this.now);
  }

  /** Bearer check of every third-party read. One answer for unknown, expired, revoked or disabled. */
  async authenticate(token: string | undefined): Promise<ClientCaller> {
    const invalid = () => new CourantError('OAUTH_TOKEN_INVALID', 'the access token is missing, expired or revoked');
    if (!token || token.length > 4096) throw invalid();
    const hash = this.hashes.get(token) ?? (await sha(token));
    const dead = () => {
      this.cache.delete(hash);
      this.hashes.delete(token);
      return invalid();
    };
    const shared = this.repo.sharedByInstances;
    let t = shared ? undefined : this.cache.get(hash);
    if (!t) {
      const [stored] = await Promise.all([this.repo.token(hash), this.clients.refresh()]);
      if (!stored || stored.revokedAt !== null) throw dead();
      t = stored;
      if (this.cache.size > 10_000) this.cache.clear();
      if (!shared) this.cache.set(hash, t);
    }
    const now = this.now;
    const client = this.clients.get(t.clientId);
    if (t.expiresAt <= now || !client || client.disabled) throw dead();
    // A consent given on another hub instance sharing the ledger and not applied here yet: catch up first (only
    // then: the read's own decision catches up anyway, so a token naming known consents costs no query here).
    if (t.consentIds.some((id) => !this.ledger.state.consents.has(id))) await this.ledger.catchUp();
    // A household's token rests on its consents: once none is in force it is dead, even before revocation lands.
    if (t.consentIds.length && !t.consentIds.some((id) => this.ledger.state.statusAt(id, now) === 'active'))
      throw dead();
    if (!this.hashes.has(token)) {
      if (this.hashes.size > 10_000) this.hashes.clear();
      this.hashes.set(token, hash);
    }
    return {
      clientId: client.clientId,
      clientName: client.name,
      actor: { kind: 'recipient', id: client.clientId },
      purposes: client.purposes,
      prms: t.prms === null ? null : new Set(t.prms),
      tokenId: t.tokenId,
    };
  }
}
