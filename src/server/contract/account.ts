/**
 * @module server/contract/account
 * Answers of the account routes (routes/account.ts): set-up, login, logout, who am I, rectification, password.
 */
import { z } from 'zod';
import { answers, instant } from './common.ts';

export const actor = z.object({ kind: z.enum(['household', 'operator', 'recipient', 'authority']), id: z.string() });
export type Actor = z.infer<typeof actor>;

export const authState = z.object({ setupNeeded: z.boolean(), authenticated: z.boolean() });
export type AuthState = z.infer<typeof authState>;
export const setupAnswer = z.object({ actor, csrf: z.string(), usagePoints: z.array(z.string()) });
export const loginAnswer = z.object({ actor, csrf: z.string(), expiresAt: instant });
export type LoginAnswer = z.infer<typeof loginAnswer>;
export const ok = z.object({ ok: z.boolean() });

export const me = z.object({
  actor,
  via: z.enum(['session', 'local']),
  account: z
    .object({
      username: z.string(),
      role: z.string(),
      displayName: z.string(),
      email: z.string().nullable(),
      createdAt: instant,
    })
    .nullable(),
  csrf: z.string().nullable(),
  usagePoints: z.array(z.string()),
});
export type Me = z.infer<typeof me>;

/** The rectified account; `{ ok: false }` when the caller has no session (the local token has no account). */
export const rectified = z.union([
  z.object({ displayName: z.string(), email: z.string().nullable() }),
  z.object({ ok: z.literal(false) }),
]);
export type Rectified = z.infer<typeof rectified>;

export const accountResponses = {
  state: answers({ 200: authState }),
  setup: answers({ 201: setupAnswer }),
  login: answers({ 200: loginAnswer }),
  logout: answers({ 200: ok }),
  me: answers({ 200: me }),
  rectify: answers({ 200: rectified }),
  password: answers({ 200: ok }),
};
