/**
 * @module consent/accounts
 * Pure part of accounts: roles, input validation, login throttling and token helpers. Password hashing (argon2id) and
 * storage are in services/consent/accounts-service.ts and the DuckDB adapter.
 * Anti-enumeration: every login failure is the same AUTH_INVALID_CREDENTIALS whatever the cause.
 */
import { CourantError } from '../core/errors.ts';
import type { Actor, ActorKind } from './model.ts';

/** Account roles map one to one to policy actor kinds (issue 5 §1). */
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
    throw new CourantError('INPUT_INVALID', 'account.username: 3–64 characters, letters, digits, ".", "_" or "-"', { details: { where: 'account.username' } });
  }
  return v.trim().toLowerCase();
}

export function validatePassword(v: unknown, username: string): string {
  if (typeof v !== 'string' || v.length < MIN_PASSWORD || v.length > MAX_PASSWORD) {
    throw new CourantError('INPUT_INVALID', `account.password: at least ${MIN_PASSWORD} characters`, { details: { where: 'account.password' } });
  }
  if (v.toLowerCase().includes(username)) throw new CourantError('INPUT_INVALID', 'account.password: must not contain the username', { details: { where: 'account.password' } });
  return v;
}

export function validateEmail(v: unknown): string | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string' || v.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) {
    throw new CourantError('INPUT_INVALID', 'account.email: not an e-mail address', { details: { where: 'account.email' } });
  }
  return v;
}

/**
 * Login throttle: at most `maxFailures` failures per key (account name, and client address separately) within
 * `windowMs`; a success clears the account key. Pure, clock passed in; memory bounded by pruning old keys.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  constructor(
    readonly maxFailures = 5,
    readonly windowMs = 15 * 60_000,
  ) {}

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** Throws AUTH_RATE_LIMITED when any key is over the limit. */
  check(keys: readonly string[], now: number): void {
    for (const k of keys) {
      const list = this.recent(k, now);
      if (list.length >= this.maxFailures) {
        const wait = Math.ceil((list[0]! + this.windowMs - now) / 1000);
        throw new CourantError('AUTH_RATE_LIMITED', `too many failed logins; try again in ${wait} s`, { details: { retryAfterSeconds: wait } });
      }
    }
  }

  fail(keys: readonly string[], now: number): void {
    for (const k of keys) this.failures.set(k, [...this.recent(k, now), now]);
    if (this.failures.size > 10_000) for (const k of [...this.failures.keys()]) this.recent(k, now);
  }

  succeed(key: string): void {
    this.failures.delete(key);
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
