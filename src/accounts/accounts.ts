/**
 * @module accounts/accounts
 * Pure part of accounts: roles, input validation, login throttling and token helpers. Password hashing (argon2id) and
 * storage are in use-cases/accounts/accounts-service.ts and the DuckDB adapter.
 * Anti-enumeration: every login failure is the same AUTH_INVALID_CREDENTIALS whatever the cause.
 */
import { CourantError } from '../core/errors.ts';
import type { Actor, ActorKind } from '../consent/model.ts';

/** Account roles map one to one to policy actor kinds. */
export type Role = ActorKind;
export const ROLES: readonly Role[] = ['household', 'operator', 'recipient', 'authority'];

export interface Account {
  readonly accountId: string;
  readonly username: string;
  readonly role: Role;
  readonly displayName: string;
  readonly email: string | null;
  readonly passwordHash: string;
  readonly createdAt: number;
  readonly disabled: boolean;
}

export interface Session {
  /** SHA-256 of the session token: the token itself is never stored. */
  readonly tokenHash: string;
  readonly accountId: string;
  readonly csrf: string;
  readonly createdAt: number;
  readonly expiresAt: number;
}

export const SESSION_MS = 12 * 3_600_000;
export const MIN_PASSWORD = 12;
export const MAX_PASSWORD = 1024;

export function actorOf(a: Pick<Account, 'role' | 'accountId'>): Actor {
  return { kind: a.role, id: a.accountId };
}

export function validateUsername(v: unknown): string {
  if (typeof v !== 'string' || !/^[a-z0-9][a-z0-9._-]{2,63}$/.test(v.trim().toLowerCase())) {
    throw new CourantError('INPUT_INVALID', 'account.username: 3–64 characters, letters, digits, ".", "_" or "-"', {
      details: { where: 'account.username' },
    });
  }
  return v.trim().toLowerCase();
}

export function validatePassword(v: unknown, username: string): string {
  if (typeof v !== 'string' || v.length < MIN_PASSWORD || v.length > MAX_PASSWORD) {
    throw new CourantError('INPUT_INVALID', `account.password: at least ${MIN_PASSWORD} characters`, {
      details: { where: 'account.password' },
    });
  }
  if (v.toLowerCase().includes(username))
    throw new CourantError('INPUT_INVALID', 'account.password: must not contain the username', {
      details: { where: 'account.password' },
    });
  return v;
}

export function validateEmail(v: unknown): string | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string' || v.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) {
    throw new CourantError('INPUT_INVALID', 'account.email: not an e-mail address', {
      details: { where: 'account.email' },
    });
  }
  return v;
}

/** How one throttle key backs off: `free` failures, then a wait doubling from `baseMs` up to `maxMs` after each. */
export interface BackoffPolicy {
  readonly free: number;
  readonly baseMs: number;
  readonly maxMs: number;
}

/**
 * Sign-in keys and their back-off. An address guessing one account's password is slowed hardest (up to 15 min);
 * one address trying many accounts likewise after more failures (everyone behind one reverse proxy shares it, so it
 * allows more). Many addresses against one account are slowed too, but for at most a minute, so that nobody can
 * lock a household out of its own hub by failing on purpose.
 */
export const LOGIN_BACKOFF = {
  pair: { free: 5, baseMs: 1000, maxMs: 15 * 60_000 },
  address: { free: 20, baseMs: 1000, maxMs: 15 * 60_000 },
  account: { free: 5, baseMs: 1000, maxMs: 60_000 },
} as const satisfies Record<string, BackoffPolicy>;

interface KeyState {
  failures: number;
  last: number;
  pending: number;
}

/** One admitted attempt: its outcome must be reported once. */
export interface ThrottleTicket {
  succeed(): void;
  fail(now: number): void;
}

/**
 * Login throttle with per-key exponential back-off. An attempt is admitted (`admit`) before the password is verified
 * and counted as pending until its outcome is known, so concurrent attempts cannot all pass the check before any
 * failure is recorded: at most `free` verifications run before the first back-off, and then one at a time. The
 * refusal says the real wait. Pure, clock passed in; memory bounded by pruning keys that have cooled down.
 */
export class LoginThrottle {
  private readonly keys = new Map<string, KeyState>();

  private waitMs(k: KeyState, p: BackoffPolicy, now: number): number {
    if (k.failures + k.pending < p.free) return 0;
    if (k.failures < p.free) return 1000; // the free attempts are all in flight: their outcome decides
    if (k.pending > 0) return 1000;
    const delay = Math.min(p.maxMs, p.baseMs * 2 ** (k.failures - p.free));
    return Math.max(0, k.last + delay - now);
  }

  /** Admits an attempt on every key, or throws AUTH_RATE_LIMITED with the longest wait; nothing is counted then. */
  admit(keys: readonly (readonly [string, BackoffPolicy])[], now: number): ThrottleTicket {
    const states = keys.map(([key]) => this.keys.get(key) ?? { failures: 0, last: 0, pending: 0 });
    const wait = Math.max(0, ...keys.map(([, p], i) => this.waitMs(states[i]!, p, now)));
    if (wait > 0) {
      const s = Math.ceil(wait / 1000);
      throw new CourantError('AUTH_RATE_LIMITED', `too many failed sign-ins; try again in ${s} s`, {
        details: { retryAfterSeconds: s },
      });
    }
    keys.forEach(([key], i) => {
      states[i]!.pending++;
      this.keys.set(key, states[i]!);
    });
    let done = false;
    const settle = (f: (k: KeyState) => void) => {
      if (done) return;
      done = true;
      for (const k of states) {
        k.pending--;
        f(k);
      }
    };
    if (this.keys.size > 10_000) this.prune(now);
    return {
      succeed: () => settle((k) => (k.failures = 0)),
      fail: (at) =>
        settle((k) => {
          k.failures++;
          k.last = at;
        }),
    };
  }

  private prune(now: number): void {
    for (const [key, k] of this.keys)
      if (k.pending === 0 && now - k.last > 2 * LOGIN_BACKOFF.pair.maxMs) this.keys.delete(key);
  }
}

/** Constant-time comparison of two strings (CSRF tokens), so timing does not reveal a prefix match. */
export function timingSafeEqualStr(a: string, b: string): boolean {
  const n = Math.max(a.length, b.length);
  let diff = a.length ^ b.length;
  for (let i = 0; i < n; i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

/** 32 random bytes, base64url: session tokens and CSRF tokens. */
export function randomToken(): string {
  const b = new Uint8Array(32);
  globalThis.crypto.getRandomValues(b);
  let s = '';
  for (const x of b) s += String.fromCharCode(x);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Cookie attributes for the session cookie (for @fastify/cookie). */
export function sessionCookieOptions(secure: boolean) {
  return { httpOnly: true, sameSite: 'strict' as const, secure, path: '/', maxAge: SESSION_MS / 1000 };
}
