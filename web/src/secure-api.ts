/**
 * @module web/secure-api
 * Client of the household's secure space (accounts, consents, controls, rights, access log) and the public
 * transparency report. The session is an httpOnly cookie the page never sees; every state-changing call carries the
 * session's CSRF token in `x-csrf-token` (kept here, from the login / `me` answers). See docs/security.md.
 */
import { ApiError } from './api.ts';
import './secure.css';

let csrf = '';

const url = (path: string, query: Record<string, string | undefined> = {}): string => {
  const u = new URL(path, document.baseURI);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) u.searchParams.set(k, v);
  return u.toString();
};

async function request<T>(method: string, path: string, body?: unknown, query?: Record<string, string | undefined>): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
  let res: Response;
  try {
    res = await fetch(url(path, query), { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, 'NETWORK', (e as Error).message);
  }
  const type = res.headers.get('content-type') ?? '';
  const data = type.includes('json') ? ((await res.json().catch(() => null)) as (T & { error?: { code: string; message: string } }) | null) : ((await res.text()) as T);
  const err = data && typeof data === 'object' ? (data as { error?: { code: string; message: string } }).error : undefined;
  const wait = Number(res.headers.get('retry-after'));
  if (!res.ok || err) throw new ApiError(res.status, err?.code ?? 'HTTP_ERROR', err?.message ?? `HTTP ${res.status}`, Number.isFinite(wait) && wait > 0 ? wait : undefined);
  return data as T;
}

export interface Actor {
  kind: 'household' | 'operator' | 'recipient' | 'authority';
  id: string;
}
export interface Me {
  actor: Actor;
  via: 'session' | 'local';
  account: { username: string; role: string; displayName: string; email: string | null; createdAt: string } | null;
  csrf: string | null;
  usagePoints: string[];
}
export interface Receipted {
  event: { eventId: string; seq: number; type: string; at: string };
  receipt: { jws: string; url: string };
  done?: string;
}
export interface ConsentBox {
  key: string;
  defaultChecked: false;
  recipient: string;
  purpose: string;
  purposeText: string;
  step: string;
  stepText: string;
  reveals: string;
  categories: string[];
  text: string;
  notice: { version: string; lang: string; hash: string };
}
export interface ConsentRow {
  consentId: string;
  recipient: string;
  recipientName: string;
  purposes: { id: string; text: string }[];
  categories: string[];
  step: string;
  stepText: string;
  givenAt: string;
  expiresAt: string;
  status: string;
}
export interface Consents {
  consents: ConsentRow[];
  screens: { recipient: { id: string; name: string; role: string }; boxes: ConsentBox[] }[];
}
export interface ControlInfo {
  id: string;
  label: string;
  explain: string;
  done: string;
}
export interface Controls {
  prm: string;
  state: { fineRecording: boolean; recordedStep: string | null; fineRetentionMonths: number };
  controls: ControlInfo[];
}
export interface AccessEntry {
  entryId: string;
  at: string;
  actorKind: string;
  actorId: string;
  rangeFrom: string;
  rangeTo: string;
  step: string;
  purpose: string;
  category: string;
  allowed: boolean;
  basis: string;
}
export interface LegalRow {
  reference: string;
  authorityType: string;
  authorityId: string;
  legalBasis: string;
  rangeFrom: string;
  rangeTo: string;
  receivedAt: string;
  outcome: string;
  decidedAt: string | null;
}
export interface Transparency {
  generatedAt: string;
  authorityTypes: Record<string, { fr: string; en: string }>;
  rows: { authorityType: string; outcome: string; count: number }[];
}

const up = (prm: string) => `api/usage-points/${encodeURIComponent(prm)}`;

export const secure = {
  state: () => request<{ setupNeeded: boolean; authenticated: boolean }>('GET', 'api/auth/state'),
  me: () =>
    request<Me>('GET', 'api/auth/me').then((m) => {
      csrf = m.csrf ?? '';
      return m;
    }),
  login: (username: string, password: string) =>
    request<{ csrf: string }>('POST', 'api/auth/login', { username, password }).then((r) => {
      csrf = r.csrf;
    }),
  setup: (b: { token: string; username: string; password: string; displayName?: string }) =>
    request<{ csrf: string }>('POST', 'api/auth/setup', b).then((r) => {
      csrf = r.csrf;
    }),
  logout: () => request<unknown>('POST', 'api/auth/logout').then(() => void (csrf = '')),
  changePassword: (oldPassword: string, newPassword: string) => request<{ ok: true }>('POST', 'api/account/password', { oldPassword, newPassword }),
  rectify: (b: { displayName?: string; email?: string }) => request<{ displayName: string; email: string | null }>('PATCH', 'api/account', b),
  consents: (prm: string, lang: string) => request<Consents>('GET', `${up(prm)}/consents`, undefined, { lang }),
  give: (prm: string, box: ConsentBox) => request<Receipted & { consentId: string }>('POST', `${up(prm)}/consents`, { recipient: box.recipient, purpose: box.purpose, step: box.step, categories: box.categories, notice: box.notice }),
  withdraw: (id: string) => request<Receipted>('POST', `api/consents/${encodeURIComponent(id)}/withdraw`, {}),
  controls: (prm: string, lang: string) => request<Controls>('GET', `${up(prm)}/controls`, undefined, { lang }),
  control: (prm: string, id: string, body: Record<string, unknown>, lang: string) => request<Receipted>('POST', `${up(prm)}/controls/${id}`, body, { lang }),
  accessLog: (prm: string) => request<{ entries: AccessEntry[] }>('GET', `${up(prm)}/access-log`),
  legal: (prm: string) => request<{ requests: LegalRow[] }>('GET', `${up(prm)}/legal-requests`),
  erase: (prm: string, confirm: string) => request<Receipted & { deleted: number }>('POST', `${up(prm)}/rights/erase`, { confirm }),
  exportUrl: (prm: string) => url(`${up(prm)}/rights/export`),
  receiptUrl: (r: Receipted) => url(r.receipt.url),
  transparency: () => request<Transparency>('GET', 'api/transparency'),
  registerHtml: () => request<string>('GET', 'api/admin/register', undefined, { format: 'html' }),
};

/** What `POST /api/imports` answers (see src/use-cases/import-files.ts). */
export interface ImportSummary {
  files: { file: string; format: string; points: number; added: number; replaced: number }[];
  added: number;
  replaced: number;
  usagePoints?: string[];
  /** What the household's recording controls kept out (stop fine recording, recorded step), by series. */
  refused?: { prm: string; series: string; step: string; points: number }[];
}

/** Uploads one Enedis file as it is (raw body); the hub detects its format and imports it atomically. */
export async function uploadImport(file: File): Promise<ImportSummary> {
  let res: Response;
  try {
    res = await fetch(url('api/imports'), {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(file.name), 'x-csrf-token': csrf, accept: 'application/json' },
      body: file,
      credentials: 'same-origin',
    });
  } catch (e) {
    throw new ApiError(0, 'NETWORK', (e as Error).message);
  }
  const data = (await res.json().catch(() => null)) as (ImportSummary & { error?: { code: string; message: string } }) | null;
  if (!res.ok || !data || data.error) throw new ApiError(res.status, data?.error?.code ?? 'HTTP_ERROR', data?.error?.message ?? `HTTP ${res.status}`);
  return data;
}
