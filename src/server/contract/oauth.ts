/**
 * @module server/contract/oauth
 * Answers of the third-party channel's authorisation routes (routes/oauth.ts) and of the operator's client registry
 * (routes/clients.ts). The token, revocation and authorise endpoints answer RFC 6749 bodies (`{ error,
 * error_description }`), as Enedis' gateway and every OAuth2 client library expect; the household's and operator's
 * routes answer the hub's own error body.
 */
import { z } from 'zod';
import { answers } from './common.ts';

/** RFC 6749 §5.2 error body. */
export const oauthError = z.object({ error: z.string(), error_description: z.string() }).meta({ id: 'OAuthError' });
export const oauthAnswers = <T extends Record<number, z.ZodType>>(ok: T) => ({
  ...ok,
  '4xx': oauthError,
  '5xx': oauthError,
});

export const tokenAnswer = z.object({
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.number(),
  scope: z.string(),
});

const box = z.object({
  key: z.string(),
  purpose: z.string(),
  purposeText: z.string(),
  step: z.string(),
  stepText: z.string(),
  reveals: z.string(),
  categories: z.array(z.string()).readonly(),
  text: z.string(),
  /** A protected daily box: its level, and the household's preview (what it still reveals, the bill's cost). */
  protection: z.string().optional(),
  preview: z.object({ reveals: z.string(), bill: z.string() }).optional(),
});

export const authorizationScreen = z.object({
  client: z.object({
    id: z.string(),
    name: z.string(),
    legalIdentity: z.string(),
    contact: z.string(),
    retentionMonths: z.number(),
  }),
  prms: z.array(z.string()).readonly(),
  duration: z.string(),
  expiresAt: z.string(),
  boxes: z.array(box).readonly(),
});
export type AuthorizationScreen = z.infer<typeof authorizationScreen>;

export const authorizationDecision = z.object({ redirect: z.string(), consentIds: z.array(z.string()).readonly() });

export const clientView = z.object({
  clientId: z.string(),
  name: z.string(),
  legalIdentity: z.string(),
  contact: z.string(),
  role: z.string(),
  redirectUris: z.array(z.string()).readonly(),
  purposes: z.array(z.string()).readonly(),
  finestStep: z.string(),
  retentionMonths: z.number(),
  acceptsProtectedDaily: z.boolean().optional(),
  createdAt: z.string(),
  disabled: z.boolean(),
});
export type ClientView = z.infer<typeof clientView>;

export const oauthResponses = {
  token: oauthAnswers({ 200: tokenAnswer }),
  revoke: oauthAnswers({ 200: z.object({}) }),
  authorize: oauthAnswers({ 302: z.null().describe('redirect to the consent screen or back to the client') }),
  screen: answers({ 200: authorizationScreen }),
  decision: answers({ 200: authorizationDecision }),
};

export const clientResponses = {
  list: answers({ 200: z.object({ clients: z.array(clientView).readonly() }) }),
  registered: answers({ 201: z.object({ client: clientView, secret: z.string() }) }),
  secret: answers({ 200: z.object({ client: clientView, secret: z.string() }) }),
  changed: answers({ 200: z.object({ client: clientView }) }),
};
