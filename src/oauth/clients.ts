/**
 * @module oauth/clients
 * Registered clients: the third parties a household may share data with. The operator registers each one (who it is,
 * where the household is sent back, the purposes it pursues, the finest step it may ask for, how long it keeps data);
 * the consent screens, receipts and the household's journal name it by its registered name. Its secret is shown once
 * and stored as an argon2id hash (use-cases/oauth/client-service.ts).
 */
import { CourantError } from '../core/errors.ts';
import {
  isLadderStep,
  isPurpose,
  LADDER,
  type LadderStep,
  type PurposeId,
  type RecipientDeclaration,
} from '../consent/model.ts';

export const CLIENT_ROLES = ['service', 'supplier', 'research', 'operator'] as const;
export type ClientRole = (typeof CLIENT_ROLES)[number];

/** What the operator declares about a client. */
export interface ClientRegistration {
  /** Stable identifier, chosen at registration (`client_id` on the wire, the recipient of its consents). */
  readonly clientId: string;
  /** Shown to households (at most 38 characters, as on Enedis' consent page). */
  readonly name: string;
  /** Legal identity: company name and registration number (SIRET), or the public body. */
  readonly legalIdentity: string;
  /** Where a household can reach it (e-mail or postal address). */
  readonly contact: string;
  readonly role: ClientRole;
  /** Exact redirect URIs: https, or http on the loopback address only. */
  readonly redirectUris: readonly string[];
  /** Purposes it pursues (R8): nothing else can be consented to. */
  readonly purposes: readonly PurposeId[];
  /** The finest step it may ask for; the consent screen offers this step and coarser ones. */
  readonly finestStep: LadderStep;
  /** How long it promises to keep data it receives, in months. */
  readonly retentionMonths: number;
  /** It needs only daily totals and accepts them with calibrated noise: the consent screen then offers a protected
   * daily box (consent/protection.ts). */
  readonly acceptsProtectedDaily?: boolean | undefined;
}

export interface StoredClient extends ClientRegistration {
  /** argon2id hash of the secret (the secret itself is shown once and never stored). */
  readonly secretHash: string;
  readonly createdAt: number;
  readonly disabled: boolean;
}

const fail = (field: string, msg: string) =>
  new CourantError('CLIENT_INVALID', `client.${field}: ${msg}`, { details: { where: `client.${field}` } });

function text(v: unknown, field: string, max: number): string {
  if (typeof v !== 'string' || v.trim() === '') throw fail(field, 'required');
  const t = v.trim();
  if (t.length > max) throw fail(field, `at most ${max} characters`);
  if (/[\u0000-\u001f\u007f]/.test(t)) throw fail(field, 'must not contain control characters');
  return t;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** A redirect URI the hub may send a household to: absolute, https (http only on loopback), no fragment. */
export function checkRedirectUri(v: unknown, field = 'redirectUris'): string {
  if (typeof v !== 'string') throw fail(field, 'not a URL');
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw fail(field, `${JSON.stringify(v)} is not an absolute URL`);
  }
  if (u.hash || v.includes('#')) throw fail(field, `${JSON.stringify(v)} must not have a fragment`);
  if (u.username || u.password) throw fail(field, `${JSON.stringify(v)} must not carry credentials`);
  if (!(u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK_HOSTS.has(u.hostname)))) {
    throw fail(field, `${JSON.stringify(v)} must use https (http is accepted on the loopback address only)`);
  }
  return v;
}

/** Validate a registration; the message names the field. */
export function validateClient(input: Record<string, unknown>): ClientRegistration {
  const clientId = input.clientId;
  if (typeof clientId !== 'string' || !/^[a-z0-9][a-z0-9-]{1,62}$/.test(clientId)) {
    throw fail('clientId', '2–63 lower-case letters, digits or "-", starting with a letter or digit');
  }
  const role = input.role ?? 'service';
  if (!(CLIENT_ROLES as readonly unknown[]).includes(role)) throw fail('role', `one of ${CLIENT_ROLES.join(', ')}`);
  const uris = input.redirectUris;
  if (!Array.isArray(uris) || uris.length === 0) throw fail('redirectUris', 'at least one redirect URI');
  const purposes = input.purposes;
  if (!Array.isArray(purposes) || purposes.length === 0) throw fail('purposes', 'at least one purpose');
  for (const p of purposes) if (!isPurpose(p)) throw fail('purposes', `${JSON.stringify(p)} is not a purpose`);
  const finest = input.finestStep ?? 'P1D';
  if (!isLadderStep(finest)) throw fail('finestStep', `one of ${LADDER.join(', ')}`);
  const protectedDaily = input.acceptsProtectedDaily ?? false;
  if (typeof protectedDaily !== 'boolean') throw fail('acceptsProtectedDaily', 'true or false');
  const months = input.retentionMonths;
  if (typeof months !== 'number' || !Number.isInteger(months) || months < 1 || months > 120) {
    throw fail('retentionMonths', 'a whole number of months from 1 to 120');
  }
  return {
    clientId,
    name: text(input.name, 'name', 38),
    legalIdentity: text(input.legalIdentity, 'legalIdentity', 200),
    contact: text(input.contact, 'contact', 200),
    role: role as ClientRole,
    redirectUris: [...new Set(uris.map((u) => checkRedirectUri(u)))],
    purposes: [...new Set(purposes as PurposeId[])],
    finestStep: finest,
    retentionMonths: months,
    ...(protectedDaily ? { acceptsProtectedDaily: true } : {}),
  };
}

/** The consent rules' view of a client: the recipient named on screens, receipts and the register. */
export function declarationOf(c: ClientRegistration): RecipientDeclaration {
  return {
    id: c.clientId,
    name: c.name,
    role: c.role,
    purposes: c.purposes,
    contact: c.contact,
    legalIdentity: c.legalIdentity,
    finestStep: c.finestStep,
    retentionMonths: c.retentionMonths,
    ...(c.acceptsProtectedDaily ? { acceptsProtectedDaily: true } : {}),
  };
}
