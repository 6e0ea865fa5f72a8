/**
 * @module use-cases/accounts/accounts-service
 * Accounts, sessions and CSRF for the hub: argon2id password hashes (@node-rs/argon2, OWASP parameters:
 * 19 MiB, 2 passes, 1 lane), session tokens stored hashed, a CSRF token per session, login throttling per account and
 * per client address, and answers that never reveal whether an account exists. Single-household installation: the
 * owner is created once at first start (`setupOwner`).
 */
import { hash as argonHash, verify as argonVerify, type Options } from '@node-rs/argon2';
import { CourantError } from '../../core/errors.ts';
import { sha256Hex, utf8 } from '../../consent/canonical.ts';
import {
  actorOf,
  LOGIN_BACKOFF,
  LoginThrottle,
  randomToken,
  SESSION_MS,
  timingSafeEqualStr,
  validateEmail,
  validatePassword,
  validateUsername,
  type Account,
  type Role,
  type Session,
} from '../../accounts/accounts.ts';
import type { AccountRepository } from '../../ports/account-repository.ts';
import type { Actor } from '../../consent/model.ts';
import type { Clock } from '../consent/ledger-service.ts';
import type { RefusalLog } from '../consent/refusals.ts';

// Argon2id is 2 in the library's const enum, which isolated modules cannot import as a value.
const ARGON: Options = { algorithm: 2 as Options['algorithm'], memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export interface Authenticated {
  readonly account: Omit<Account, 'passwordHash'>;
  readonly actor: Actor;
  readonly session: Session;
}

export interface LoginResult {
  /** Goes in the httpOnly session cookie (see sessionCookieOptions). */
  readonly token: string;
  /** Goes in every state-changing form or header. */
  readonly csrf: string;
  readonly actor: Actor;
  readonly expiresAt: number;
}

const invalid = () => new CourantError('AUTH_INVALID_CREDENTIALS', 'unknown user or wrong password');

/** A display name as given: a non-empty string (trimmed, at most 200 characters); anything else is refused, never
 * turned into text.
 */
function displayNameOf(v: unknown): string {
  if (typeof v !== 'string')
    throw new CourantError(
      'INPUT_INVALID',
      `account.displayName: must be text, not ${v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v}`,
      { details: { where: 'account.displayName' } },
    );
  const name = v.trim().slice(0, 200);
  if (name.length === 0)
    throw new CourantError('INPUT_INVALID', 'account.displayName: must not be empty', {
      details: { where: 'account.displayName' },
    });
  return name;
}

function withoutHash(a: Account | null): Omit<Account, 'passwordHash'> | null {
  if (!a) return null;
  const { passwordHash: _hash, ...rest } = a;
  return rest;
}

export class AccountsService {
  private dummyHash: Promise<string> | undefined;
  /** Password verifications run so far (argon2id is the costly step the throttle bounds; tests count it). */
  verifications = 0;

  constructor(
    private readonly repo: AccountRepository,
    private readonly clock: Clock,
    private readonly refusals: RefusalLog,
    readonly throttle = new LoginThrottle(),
    private readonly argon: Options = ARGON,
  ) {}

  private async newAccount(input: {
    username: unknown;
    password: unknown;
    role: Role;
    displayName?: unknown;
    email?: unknown;
  }): Promise<Account> {
    const username = validateUsername(input.username);
    const password = validatePassword(input.password, username);
    // a new account without a name (or a blank one) is shown by its username
    const displayName =
      input.displayName === undefined || (typeof input.displayName === 'string' && input.displayName.trim() === '')
        ? username
        : displayNameOf(input.displayName);
    return {
      accountId: globalThis.crypto.randomUUID(),
      username,
      role: input.role,
      displayName,
      email: validateEmail(input.email),
      passwordHash: await argonHash(password, this.argon),
      createdAt: this.clock.now(),
      disabled: false,
    };
  }

  async needsSetup(): Promise<boolean> {
    return (await this.repo.count()) === 0;
  }

  /** An account by its username (as typed: trimmed, any case), without its password hash; null when there is none. */
  async byUsername(username: string): Promise<Omit<Account, 'passwordHash'> | null> {
    return withoutHash(await this.repo.byUsername(username.trim().toLowerCase()));
  }

  /** An account by its id (a ledger event's subject), without its password hash. */
  async byId(accountId: string): Promise<Omit<Account, 'passwordHash'> | null> {
    return withoutHash(await this.repo.byId(accountId));
  }

  /** The owner household (the first household account, created at first start), if set up and not disabled. */
  async owner(): Promise<Actor | null> {
    const a = await this.repo.first('household');
    return a && !a.disabled ? actorOf(a) : null;
  }

  /** Number of household accounts (1 in a single-household installation). */
  households(): Promise<number> {
    return this.repo.count('household');
  }

  /** First start: create the owner (a household). Refused once any account exists. */
  async setupOwner(input: {
    username: unknown;
    password: unknown;
    displayName?: unknown;
    email?: unknown;
  }): Promise<Actor> {
    if (!(await this.needsSetup())) throw new CourantError('AUTH_SETUP_DONE', 'the owner account already exists');
    const a = await this.newAccount({ ...input, role: 'household' });
    await this.repo.insert(a);
    return actorOf(a);
  }

  /** The operator creates accounts (other households, recipients, authorities). */
  createAccount(
    actor: Actor,
    input: { username: unknown; password: unknown; role: Role; displayName?: unknown; email?: unknown },
  ): Promise<Actor> {
    return this.refusals.guard(actor, 'account.create', this.clock.now(), async () => {
      if (actor.kind !== 'operator') throw new CourantError('AUTH_FORBIDDEN', 'only the operator creates accounts');
      const a = await this.newAccount(input);
      if (await this.repo.byUsername(a.username))
        throw new CourantError('INPUT_INVALID', 'account.username: not available', {
          details: { where: 'account.username' },
        });
      await this.repo.insert(a);
      return actorOf(a);
    });
  }

  /**
   * Log in. `client` identifies the caller's address for throttling. Same error for unknown user and wrong password.
   * The attempt is admitted by the throttle before the (slow) verification, so concurrent guesses are counted too.
   */
  async login(username: unknown, password: unknown, client: string): Promise<LoginResult> {
    const now = this.clock.now();
    const name = typeof username === 'string' ? username.trim().toLowerCase() : '';
    return this.refusals.guard({ kind: 'household', id: `login:${name}` }, 'auth.login', now, async () => {
      const ticket = this.throttle.admit(
        [
          [`p:${name}|${client}`, LOGIN_BACKOFF.pair],
          [`c:${client}`, LOGIN_BACKOFF.address],
          [`u:${name}`, LOGIN_BACKOFF.account],
        ],
        now,
      );
      let ok = false;
      let a: Account | null;
      try {
        a = name ? await this.repo.byUsername(name) : null;
        const pw = typeof password === 'string' ? password : '';
        // Verify against a dummy hash for unknown users so timing does not reveal which accounts exist.
        this.verifications++;
        ok =
          a && !a.disabled ? await argonVerify(a.passwordHash, pw) : (await argonVerify(await this.dummy(), pw), false);
      } finally {
        if (ok) ticket.succeed();
        else ticket.fail(this.clock.now());
      }
      if (!ok || !a) throw invalid();
      const token = randomToken();
      const csrf = randomToken();
      const session: Session = {
        tokenHash: await sha256Hex(utf8(token)),
        accountId: a.accountId,
        csrf,
        createdAt: now,
        expiresAt: now + SESSION_MS,
      };
      await this.repo.insertSession(session);
      return { token, csrf, actor: actorOf(a), expiresAt: session.expiresAt };
    });
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= argonHash(randomToken(), this.argon);
    return this.dummyHash;
  }

  /** Resolve a session cookie. Throws AUTH_SESSION_INVALID when missing, unknown, expired or the account is disabled.
   */
  async authenticate(token: unknown): Promise<Authenticated> {
    if (typeof token !== 'string' || token.length < 20 || token.length > 200)
      throw new CourantError('AUTH_SESSION_INVALID', 'not logged in');
    const s = await this.repo.session(await sha256Hex(utf8(token)));
    const now = this.clock.now();
    if (!s || s.expiresAt <= now)
      throw new CourantError('AUTH_SESSION_INVALID', 'session expired or revoked; log in again');
    const a = await this.repo.byId(s.accountId);
    if (!a || a.disabled) throw new CourantError('AUTH_SESSION_INVALID', 'session expired or revoked; log in again');
    const { passwordHash: _omit, ...account } = a;
    return { account, actor: actorOf(a), session: s };
  }

  /** Every state-changing request: the form/header token must equal the session's CSRF token. */
  checkCsrf(auth: Authenticated, token: unknown): void {
    if (typeof token !== 'string' || !timingSafeEqualStr(token, auth.session.csrf)) {
      this.refusals.recent.push({
        at: this.clock.now(),
        code: 'AUTH_CSRF',
        actor: `${auth.actor.kind}:${auth.actor.id}`,
        action: 'csrf',
        message: 'missing or wrong CSRF token',
      });
      throw new CourantError('AUTH_CSRF', 'missing or invalid CSRF token; reload the page and try again');
    }
  }

  async logout(token: string): Promise<void> {
    await this.repo.deleteSession(await sha256Hex(utf8(token)));
  }

  /** Change password: the old one is required; every other session is revoked. */
  async changePassword(auth: Authenticated, oldPassword: unknown, newPassword: unknown): Promise<void> {
    const a = await this.repo.byId(auth.account.accountId);
    if (!a || typeof oldPassword !== 'string' || !(await argonVerify(a.passwordHash, oldPassword))) throw invalid();
    const pw = validatePassword(newPassword, a.username);
    await this.repo.update(a.accountId, { passwordHash: await argonHash(pw, this.argon) });
    await this.repo.deleteSessionsOf(a.accountId, auth.session.tokenHash);
  }

  /** Rectification of account data (GDPR art. 16). */
  async rectify(auth: Authenticated, change: { displayName?: unknown; email?: unknown }): Promise<void> {
    const displayName = change.displayName === undefined ? undefined : displayNameOf(change.displayName);
    await this.repo.update(auth.account.accountId, {
      ...(displayName !== undefined ? { displayName } : {}),
      ...(change.email !== undefined ? { email: validateEmail(change.email) } : {}),
    });
  }
}
