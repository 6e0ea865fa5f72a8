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

async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  query?: Record<string, string | undefined>,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
  let res: Response;
  try {
    res = await fetch(url(path, query), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch (e) {
    throw new ApiError(0, 'NETWORK', (e as Error).message);
  }
  const type = res.headers.get('content-type') ?? '';
  const data = type.includes('json')
    ? ((await res.json().catch(() => null)) as (T & Partial<ErrorBody>) | null)
    : ((await res.text()) as T);
  const err = data && typeof data === 'object' ? (data as Partial<ErrorBody>).error : undefined;
  const wait = Number(res.headers.get('retry-after'));
  if (!res.ok || err)
    throw new ApiError(
      res.status,
      err?.code ?? 'HTTP_ERROR',
      err?.message ?? `HTTP ${res.status}`,
      Number.isFinite(wait) && wait > 0 ? wait : undefined,
    );
  return data as T;
}

// The answers' types are the hub's own response contract (type-only: nothing of it reaches the bundle).
export type { Actor, AuthState, LoginAnswer, Me, Rectified } from '../../src/server/contract/account.ts';
export type {
  AccessEntry,
  ConsentBox,
  ConsentRow,
  Consents,
  ControlDone,
  ControlInfo,
  Controls,
  Erased,
  Given,
  HouseholdLegalRow as LegalRow,
  Receipted,
} from '../../src/server/contract/consent.ts';
export type { Transparency } from '../../src/server/contract/transparency.ts';
export type { ReleaseView } from '../../src/server/contract/releases.ts';
import type { ReleaseView } from '../../src/server/contract/releases.ts';
export type { ReceiptList, ReceiptRow } from '../../src/server/contract/receipts.ts';
import type { ReceiptList } from '../../src/server/contract/receipts.ts';
export type { AuthorizationScreen } from '../../src/server/contract/oauth.ts';
import type { AuthorizationScreen } from '../../src/server/contract/oauth.ts';
import type { AuthState, LoginAnswer, Me, Rectified } from '../../src/server/contract/account.ts';
import type {
  AccessEntry,
  ConsentBox,
  Consents,
  ControlDone,
  Controls,
  Erased,
  Given,
  HouseholdLegalRow,
  Receipted,
} from '../../src/server/contract/consent.ts';
import type { Transparency } from '../../src/server/contract/transparency.ts';
import type { ErrorBody } from '../../src/server/contract/common.ts';

const up = (prm: string) => `api/usage-points/${encodeURIComponent(prm)}`;

export const secure = {
  state: () => request<AuthState>('GET', 'api/auth/state'),
  me: () =>
    request<Me>('GET', 'api/auth/me').then((m) => {
      csrf = m.csrf ?? '';
      return m;
    }),
  login: (username: string, password: string) =>
    request<LoginAnswer>('POST', 'api/auth/login', { username, password }).then((r) => {
      csrf = r.csrf;
    }),
  setup: (b: { token: string; username: string; password: string; displayName?: string }) =>
    request<Pick<LoginAnswer, 'csrf'>>('POST', 'api/auth/setup', b).then((r) => {
      csrf = r.csrf;
    }),
  logout: () => request<unknown>('POST', 'api/auth/logout').then(() => void (csrf = '')),
  changePassword: (oldPassword: string, newPassword: string) =>
    request<{ ok: boolean }>('POST', 'api/account/password', { oldPassword, newPassword }),
  rectify: (b: { displayName?: string; email?: string }) => request<Rectified>('PATCH', 'api/account', b),
  consents: (prm: string, lang: string) => request<Consents>('GET', `${up(prm)}/consents`, undefined, { lang }),
  give: (prm: string, box: ConsentBox) =>
    request<Given>('POST', `${up(prm)}/consents`, {
      recipient: box.recipient,
      purpose: box.purpose,
      step: box.step,
      categories: box.categories,
      notice: box.notice,
    }),
  withdraw: (id: string) => request<Receipted>('POST', `api/consents/${encodeURIComponent(id)}/withdraw`, {}),
  controls: (prm: string, lang: string) => request<Controls>('GET', `${up(prm)}/controls`, undefined, { lang }),
  control: (prm: string, id: string, body: Record<string, unknown>, lang: string) =>
    request<ControlDone>('POST', `${up(prm)}/controls/${id}`, body, { lang }),
  accessLog: (prm: string) => request<{ entries: AccessEntry[] }>('GET', `${up(prm)}/access-log`),
  legal: (prm: string) => request<{ requests: HouseholdLegalRow[] }>('GET', `${up(prm)}/legal-requests`),
  erase: (prm: string, confirm: string) => request<Erased>('POST', `${up(prm)}/rights/erase`, { confirm }),
  exportUrl: (prm: string) => url(`${up(prm)}/rights/export`),
  receiptUrl: (r: Receipted) => url(r.receipt.url),
  /** The household's signed receipts, newest first, verified by the hub and read back in words. */
  receipts: (prm: string, lang: string) => request<ReceiptList>('GET', `${up(prm)}/receipts`, undefined, { lang }),
  /** A download address of a receipt of the list (the same route as after an action). */
  receiptFileUrl: (path: string) => url(path),
  transparency: () => request<Transparency>('GET', 'api/transparency'),
  /** Every published statistics release (public). */
  releases: () => request<{ releases: ReleaseView[] }>('GET', 'api/public/releases'),
  /** The releases the household's data went into. */
  myReleases: (prm: string) => request<{ releases: ReleaseView[] }>('GET', `${up(prm)}/releases`),
  /** The consent screen of an application's authorisation request (`request`: the query the hub sent the page). */
  authorization: (query: Record<string, string>, lang: string) =>
    request<AuthorizationScreen>('GET', 'api/oauth/authorization', undefined, { ...query, lang }),
  /** The household's answer; the hub says where to send the browser (the application's address). */
  authorize: (b: {
    request: Record<string, string>;
    decision: 'grant' | 'deny';
    usagePoint?: string;
    ticked: string[];
    lang: string;
  }) => request<{ redirect: string; consentIds: readonly string[] }>('POST', 'api/oauth/authorization', b),
  registerHtml: () => request<string>('GET', 'api/admin/register', undefined, { format: 'html' }),
};

/** What `POST /api/imports` answers: the hub's import summary contract. */
export type { ImportSummary } from '../../src/server/contract/imports.ts';
import type { ImportSummary } from '../../src/server/contract/imports.ts';

/** Uploads one Enedis file as it is (raw body); the hub detects its format and imports it atomically. */
/** `prm`: the usage point the household typed, for a file that hides its own (sent as `x-prm`). */
export async function uploadImport(file: File, prm?: string): Promise<ImportSummary> {
  let res: Response;
  try {
    res = await fetch(url('api/imports'), {
      method: 'POST',
      headers: {
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent(file.name),
        ...(prm ? { 'x-prm': prm } : {}),
        'x-csrf-token': csrf,
        accept: 'application/json',
      },
      body: file,
      credentials: 'same-origin',
    });
  } catch (e) {
    throw new ApiError(0, 'NETWORK', (e as Error).message);
  }
  const data = (await res.json().catch(() => null)) as (ImportSummary & Partial<ErrorBody>) | null;
  if (!res.ok || !data || data.error)
    throw new ApiError(res.status, data?.error?.code ?? 'HTTP_ERROR', data?.error?.message ?? `HTTP ${res.status}`);
  return data;
}
