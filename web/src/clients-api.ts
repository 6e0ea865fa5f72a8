/**
 * @module web/clients-api
 * The operator's registry of third-party clients (`/api/admin/clients…`, routes/clients.ts). The answers' types are
 * the hub's own contract, imported as types only (a value import from src/ would break building web/ on its own).
 * State-changing calls carry the session's CSRF token, read from `me` once.
 */
import { ApiError } from './api.ts';
import { secure } from './secure-api.ts';
import type { ClientView } from '../../src/server/contract/oauth.ts';
import type { ErrorBody } from '../../src/server/contract/common.ts';

export type { ClientView };
export type WithSecret = { client: ClientView; secret: string };

/** What the registration form sends (routes/clients.ts checks it, oauth/clients.ts says what is wrong). */
export interface ClientRegistration {
  clientId: string;
  name: string;
  legalIdentity: string;
  contact: string;
  role: string;
  redirectUris: string[];
  purposes: string[];
  finestStep: string;
  retentionMonths: number;
}

let csrf: string | undefined;

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method === 'POST') {
    csrf ??= (await secure.me()).csrf ?? '';
    headers['x-csrf-token'] = csrf;
    headers['content-type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(new URL(path, document.baseURI), {
      method,
      headers,
      body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
      credentials: 'same-origin',
    });
  } catch (e) {
    throw new ApiError(0, 'NETWORK', (e as Error).message);
  }
  const data = (await res.json().catch(() => null)) as (T & Partial<ErrorBody>) | null;
  const err = data?.error;
  if (!res.ok || err) {
    if (err?.code === 'AUTH_CSRF') csrf = undefined; // a new session: read its token again next time
    throw new ApiError(res.status, err?.code ?? 'HTTP_ERROR', err?.message ?? `HTTP ${res.status}`);
  }
  return data as T;
}

const one = (id: string, action: string) => `api/admin/clients/${encodeURIComponent(id)}/${action}`;

export const clientsApi = {
  list: () => call<{ clients: ClientView[] }>('GET', 'api/admin/clients'),
  register: (r: ClientRegistration) => call<WithSecret>('POST', 'api/admin/clients', r),
  rotate: (id: string) => call<WithSecret>('POST', one(id, 'secret')),
  setEnabled: (id: string, enabled: boolean) =>
    call<{ client: ClientView }>('POST', one(id, enabled ? 'enable' : 'disable')),
};

/** The field a CLIENT_INVALID refusal names (`client.redirectUris: …`), to say it in the operator's words. */
export const invalidField = (e: Error): string | undefined =>
  e instanceof ApiError && e.code === 'CLIENT_INVALID' ? /^client\.(\w+):/.exec(e.message)?.[1] : undefined;
