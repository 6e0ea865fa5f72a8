// The authorisation matrix, generated from the hub's own route table: every API route × every identity (none, a
// tampered cookie, the owner household, another household, the operator, a recipient without consent, an authority
// without legal request, the local CLI token) × the ways of asking (as declared, with a parameter the route does not
// expect, without the CSRF token, and under every ambiguous spelling of its path, sent over a real socket). A route
// registered without an entry here fails the first test, so no route can be added without saying who may call it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { apiRoutesOf } from './app.ts';
import {
  call,
  IDENTITIES,
  openSecurityHub,
  OWNER_PRM,
  BOB_PRM,
  ABSENT_PRM,
  rawRequest,
  type Identity,
  type SecurityHub,
} from './test-hub.ts';

const P = OWNER_PRM;
/** Who may call a route: everyone (public), any signed-in caller, the occupant of the usage point in the path, the
 * operator.
 */
type Access = 'public' | 'session' | 'household' | 'operator';
type Expected = number | readonly number[];

interface Entry {
  readonly access: Access;
  /** The concrete path asked (parameters filled in; the owner's usage point where there is one). */
  readonly path: string;
  readonly body?: unknown;
  readonly raw?: { payload: string; headers: Record<string, string> };
  /** Answer of an allowed caller (default 200). */
  readonly ok?: Expected;
  /** Answers that differ for some identities. */
  readonly overrides?: Partial<Record<Identity, Expected>>;
  /** Server-sent events: allowed callers are not asked (the stream never ends); refusals are. */
  readonly stream?: boolean;
  /** Ends the session it is called with: the identity signs in again afterwards. */
  readonly endsSession?: boolean;
}

const day = 'from=2007-01-01&to=2007-01-02';
let loginNo = 0;

/** The Data Connect face: public to the session hook, it checks its own bearer token (an OAuth access token, which no
 * identity here holds: 401 for all, the local CLI token included); a parameter it does not expect is refused first.
 */
const v5 = `usage_point_id=${P}&start=2007-01-01&end=2007-01-02`;
const v2026 = `pointId=${P}&dateDebut=2007-01-01&dateFin=2007-01-02`;
const conso = `prm=${P}&start=2007-01-01&end=2007-01-02`;
const bearerOnly = (path: string): Entry => ({ access: 'public', path, ok: 401 });

export const MATRIX: Record<string, Entry> = {
  'GET /api/health': { access: 'public', path: '/api/health' },
  // the third-party API's OpenAPI document (routes/openapi.ts)
  'GET /openapi.json': { access: 'public', path: '/openapi.json' },
  'GET /api/transparency': { access: 'public', path: '/api/transparency' },
  'GET /api/auth/state': { access: 'public', path: '/api/auth/state' },
  'POST /api/auth/setup': { access: 'public', path: '/api/auth/setup', body: {}, ok: 409 },
  'POST /api/auth/login': {
    access: 'public',
    path: '/api/auth/login',
    body: { username: 'nobody', password: 'not a password' },
    ok: 401,
  },
  'POST /api/auth/logout': { access: 'session', path: '/api/auth/logout', endsSession: true },
  'GET /api/auth/me': { access: 'session', path: '/api/auth/me' },
  'PATCH /api/account': { access: 'session', path: '/api/account', body: {} },
  'POST /api/account/password': {
    access: 'session',
    path: '/api/account/password',
    body: {},
    ok: 401,
    overrides: { local: 200 },
  },
  'GET /api/usage-points': { access: 'session', path: '/api/usage-points' },
  'GET /api/usage-points/:prm/series/:series': {
    access: 'household',
    path: `/api/usage-points/${P}/series/power.consumption.PT1M.demo?${day}`,
  },
  'GET /api/usage-points/:prm/daily': { access: 'household', path: `/api/usage-points/${P}/daily?${day}` },
  'GET /api/usage-points/:prm/holdings': { access: 'household', path: `/api/usage-points/${P}/holdings` },
  'GET /api/usage-points/:prm/export': { access: 'household', path: `/api/usage-points/${P}/export?${day}` },
  'GET /api/usage-points/:prm/costs': {
    access: 'household',
    path: `/api/usage-points/${P}/costs?${day}&prices=latest`,
  },
  'GET /api/usage-points/:prm/reveal': { access: 'household', path: `/api/usage-points/${P}/reveal?step=P1D` },
  'GET /api/live': { access: 'session', path: '/api/live', stream: true },
  'GET /api/usage-points/:prm/consents': { access: 'household', path: `/api/usage-points/${P}/consents` },
  'GET /api/usage-points/:prm/receipts': { access: 'household', path: `/api/usage-points/${P}/receipts` },
  'POST /api/usage-points/:prm/consents': {
    access: 'household',
    path: `/api/usage-points/${P}/consents`,
    body: {
      recipient: 'conseil-energie',
      purpose: 'personalised-advice',
      step: 'P1D',
      notice: { version: 'none', lang: 'fr', hash: 'none' },
    },
    ok: 400,
  },
  'POST /api/consents/:id/withdraw': {
    access: 'session',
    path: '/api/consents/no-such-consent/withdraw',
    body: {},
    ok: 404,
  },
  'GET /api/receipts/:eventId': { access: 'session', path: '/api/receipts/no-such-event', ok: 404 },
  'GET /api/usage-points/:prm/controls': { access: 'household', path: `/api/usage-points/${P}/controls` },
  'POST /api/usage-points/:prm/controls/:action': {
    access: 'household',
    path: `/api/usage-points/${P}/controls/resume-fine-recording`,
    body: {},
  },
  'GET /api/usage-points/:prm/rights/export': { access: 'household', path: `/api/usage-points/${P}/rights/export` },
  'POST /api/usage-points/:prm/rights/erase': {
    access: 'household',
    path: `/api/usage-points/${P}/rights/erase`,
    body: { confirm: '00000000000000' },
    ok: 400,
  },
  'GET /api/usage-points/:prm/access-log': { access: 'household', path: `/api/usage-points/${P}/access-log` },
  'GET /api/usage-points/:prm/legal-requests': { access: 'household', path: `/api/usage-points/${P}/legal-requests` },
  'GET /api/admin/register': { access: 'operator', path: '/api/admin/register' },
  'GET /api/admin/legal-requests': { access: 'operator', path: '/api/admin/legal-requests' },
  'POST /api/admin/legal-requests': {
    access: 'operator',
    path: '/api/admin/legal-requests',
    body: {
      reference: 'RQ-1',
      authorityId: 'tj-paris',
      authorityType: 'judicial',
      legalBasis: 'art. 60 CPP',
      prms: [BOB_PRM],
      rangeFrom: '2007-01-01',
      rangeTo: '2007-01-02',
    },
    ok: 201,
  },
  'POST /api/admin/legal-requests/:id/decide': {
    access: 'operator',
    path: '/api/admin/legal-requests/no-such-request/decide',
    body: { outcome: 'refused' },
    ok: 400,
  },
  'GET /api/admin/ledger/verify': { access: 'operator', path: '/api/admin/ledger/verify' },
  'POST /api/admin/ledger/receipts': { access: 'operator', path: '/api/admin/ledger/receipts', body: { receipts: [] } },
  'POST /api/admin/ledger/acknowledge': {
    access: 'operator',
    path: '/api/admin/ledger/acknowledge',
    body: { reason: 'matrix' },
    ok: 400,
  },
  // accounts: a password too short is refused by the service, after the access check
  'POST /api/admin/accounts': {
    access: 'operator',
    path: '/api/admin/accounts',
    body: { username: 'matrix-recipient', password: 'short', role: 'recipient' },
    ok: 400,
  },
  // who lives where: a move-in of an account that does not exist, a move-out of a usage point nobody occupies
  'POST /api/admin/occupancies': {
    access: 'operator',
    path: '/api/admin/occupancies',
    body: { prm: ABSENT_PRM, username: 'nobody-lives-here' },
    ok: 404,
  },
  'POST /api/admin/occupancies/end': {
    access: 'operator',
    path: '/api/admin/occupancies/end',
    body: { prm: ABSENT_PRM },
    ok: 409,
  },
  // the third-party channel's authorisation server: RFC 6749 answers, public to the session hook
  'GET /dataconnect/v1/oauth2/authorize': {
    access: 'public',
    path: '/dataconnect/v1/oauth2/authorize?client_id=nobody&state=s',
    ok: 302,
  },
  'POST /oauth2/v3/token': {
    access: 'public',
    path: '/oauth2/v3/token',
    raw: { payload: 'grant_type=client_credentials', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    ok: 401,
  },
  'POST /oauth2/v3/revoke': {
    access: 'public',
    path: '/oauth2/v3/revoke',
    raw: { payload: 'token=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    ok: 401,
  },
  // the consent screen of an authorisation request: a signed-in household's own decision, never the CLI token's
  'GET /api/oauth/authorization': {
    access: 'session',
    path: '/api/oauth/authorization?client_id=conseil-energie&response_type=code&state=s',
    overrides: { operator: 403, recipient: 403, authority: 403, local: 403 },
  },
  'POST /api/oauth/authorization': {
    access: 'session',
    path: '/api/oauth/authorization',
    body: { request: { client_id: 'conseil-energie', response_type: 'code', state: 's' }, decision: 'deny' },
    overrides: { operator: 403, recipient: 403, authority: 403, local: 403 },
  },
  // registered clients: the operator's
  'GET /api/admin/clients': { access: 'operator', path: '/api/admin/clients' },
  // a redirect URI in plain http off loopback is refused by the registry, after the access check
  'POST /api/admin/clients': {
    access: 'operator',
    path: '/api/admin/clients',
    body: {
      clientId: 'matrix-client',
      name: 'Matrix',
      legalIdentity: 'Matrix SAS',
      contact: 'dpo@matrix.invalid',
      redirectUris: ['http://matrix.invalid/cb'],
      purposes: ['personalised-advice'],
      retentionMonths: 12,
    },
    ok: 400,
  },
  'POST /api/admin/clients/:clientId/secret': {
    access: 'operator',
    path: '/api/admin/clients/nobody/secret',
    body: {},
    ok: 404,
  },
  'POST /api/admin/clients/:clientId/disable': {
    access: 'operator',
    path: '/api/admin/clients/nobody/disable',
    body: {},
    ok: 404,
  },
  'POST /api/admin/clients/:clientId/enable': {
    access: 'operator',
    path: '/api/admin/clients/nobody/enable',
    body: {},
    ok: 404,
  },
  // areas of published statistics: the operator's
  'GET /api/admin/stats/areas': { access: 'operator', path: '/api/admin/stats/areas' },
  'POST /api/admin/stats/areas': {
    access: 'operator',
    path: '/api/admin/stats/areas',
    body: { prm: P, kind: 'group', code: 'matrix' },
  },
  // published statistics: the operator publishes (ε 0 is refused after the operator check, so nothing is published);
  // everyone reads the list and the files; a household sees the releases it contributed to
  'POST /api/admin/stats/releases': {
    access: 'operator',
    path: '/api/admin/stats/releases',
    body: {
      publisher: 'stats-coop',
      areaKind: 'commune',
      bucket: 'month',
      from: '2007-01-01',
      to: '2007-02-01',
      epsilon: 0,
    },
    ok: 400,
  },
  'GET /api/admin/stats/releases/verify': { access: 'operator', path: '/api/admin/stats/releases/verify' },
  'GET /api/public/releases': { access: 'public', path: '/api/public/releases' },
  'GET /api/public/releases/:file': { access: 'public', path: '/api/public/releases/rel-none.csv', ok: 404 },
  'GET /api/usage-points/:prm/releases': { access: 'household', path: `/api/usage-points/${P}/releases` },
  'POST /api/imports': {
    access: 'household',
    path: '/api/imports',
    raw: {
      payload: 'start,value\n2007-01-01T00:00:00+01:00,100\n2007-01-01T00:30:00+01:00,100\n',
      headers: { 'content-type': 'text/csv', 'x-file-name': 'm.csv', 'x-prm': P },
    },
  },
  'GET /customers_upc/v5/usage_points/contracts': bearerOnly(
    `/customers_upc/v5/usage_points/contracts?usage_point_id=${P}`,
  ),
  'GET /metering_data_dc/v5/daily_consumption': bearerOnly(`/metering_data_dc/v5/daily_consumption?${v5}`),
  'GET /metering_data_clc/v5/consumption_load_curve': bearerOnly(`/metering_data_clc/v5/consumption_load_curve?${v5}`),
  'GET /metering_data_dcmp/v5/daily_consumption_max_power': bearerOnly(
    `/metering_data_dcmp/v5/daily_consumption_max_power?${v5}`,
  ),
  'GET /metering_data_dp/v5/daily_production': bearerOnly(`/metering_data_dp/v5/daily_production?${v5}`),
  'GET /metering_data_plc/v5/production_load_curve': bearerOnly(`/metering_data_plc/v5/production_load_curve?${v5}`),
  'GET /mesure_synchrone_auto/v2/consommation_quotidienne': bearerOnly(
    `/mesure_synchrone_auto/v2/consommation_quotidienne?${v2026}`,
  ),
  'GET /mesure_synchrone_auto/v2/courbe_de_charge_consommation': bearerOnly(
    `/mesure_synchrone_auto/v2/courbe_de_charge_consommation?${v2026}`,
  ),
  'GET /mesure_synchrone_auto/v2/puissance_conso_max_quotidienne': bearerOnly(
    `/mesure_synchrone_auto/v2/puissance_conso_max_quotidienne?${v2026}&mesuresPas=P1D&grandeurPhysique=PMA`,
  ),
  'GET /mesure_synchrone_auto/v2/production_quotidienne': bearerOnly(
    `/mesure_synchrone_auto/v2/production_quotidienne?${v2026}`,
  ),
  'GET /mesure_synchrone_auto/v2/courbe_de_charge_production': bearerOnly(
    `/mesure_synchrone_auto/v2/courbe_de_charge_production?${v2026}`,
  ),
  'GET /api/daily_consumption': bearerOnly(`/api/daily_consumption?${conso}`),
  'GET /api/consumption_load_curve': bearerOnly(`/api/consumption_load_curve?${conso}`),
  'GET /api/consumption_max_power': bearerOnly(`/api/consumption_max_power?${conso}`),
  'GET /api/daily_production': bearerOnly(`/api/daily_production?${conso}`),
  'GET /api/production_load_curve': bearerOnly(`/api/production_load_curve?${conso}`),
};

/** The answer an identity gets for a route asked as declared. */
function expected(e: Entry, who: Identity): Expected {
  const ok = e.ok ?? 200;
  if (e.access === 'public') return ok;
  if (who === 'none' || who === 'tampered') return 401;
  if (e.overrides?.[who] !== undefined) return e.overrides[who];
  if (e.access === 'session') return ok;
  if (e.access === 'operator') return who === 'operator' || who === 'local' ? ok : 403;
  return who === 'alice' || who === 'local' ? ok : 404; // household: the owner, or the local token acting as it
}

/** Whether the identity gets past authentication and authorisation to the route's own answer. */
function reaches(e: Entry, who: Identity): boolean {
  if (e.access === 'public') return true;
  if (who === 'none' || who === 'tampered') return false;
  if (e.access === 'session') return true;
  if (e.access === 'operator') return who === 'operator' || who === 'local';
  return who === 'alice' || who === 'local';
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const matches = (status: number, want: Expected) =>
  typeof want === 'number' ? status === want : want.includes(status);

let h: SecurityHub;
before(async () => {
  h = await openSecurityHub();
});
after(async () => {
  await h.close();
});

function request(e: Entry, method: string, who: Identity, opts: { path?: string; csrf?: boolean } = {}) {
  let body = e.body;
  if (method === 'POST' && e.path === '/api/auth/login')
    body = { username: `matrix-${loginNo++}`, password: 'not a password' };
  const payload = e.raw?.payload ?? (body === undefined ? undefined : JSON.stringify(body));
  const headers = {
    ...h.headers(who, { csrf: opts.csrf }),
    ...(e.raw?.headers ?? (payload !== undefined ? { 'content-type': 'application/json' } : {})),
  };
  return call(h.app, {
    method: method as 'GET',
    url: opts.path ?? e.path,
    headers,
    payload,
    remoteAddress: '127.0.0.1',
  });
}

test('every API route has a matrix entry, and every entry a route', () => {
  const routes = apiRoutesOf(h.app).map((r) => `${r.method} ${r.url}`);
  assert.ok(routes.length >= 30, `${routes.length} routes`);
  assert.deepEqual(
    routes.filter((r) => !(r in MATRIX)),
    [],
    'routes without a matrix entry: say who may call them',
  );
  assert.deepEqual(
    Object.keys(MATRIX).filter((k) => !routes.includes(k)),
    [],
    'entries without a route',
  );
  for (const r of apiRoutesOf(h.app))
    assert.equal(r.public, MATRIX[`${r.method} ${r.url}`]!.access === 'public', `${r.method} ${r.url} public flag`);
});

test('refusals first: no identity gets more than its cell, and nothing of the owner changes', async () => {
  const snapshot = async () =>
    JSON.stringify([
      await h.hub.store.list(P),
      h.hub.consent.ledger.state.controlsOf(P),
      (await h.hub.consent.ledger.repo.events()).length,
    ]);
  const before = await snapshot();
  let asked = 0;
  for (const [key, e] of Object.entries(MATRIX)) {
    const method = key.split(' ')[0]!;
    for (const who of IDENTITIES) {
      const want = expected(e, who);
      // an unexpected parameter is refused for whoever reached the route (401 first for who did not sign in)
      const sep = e.path.includes('?') ? '&' : '?';
      const extra = await request(e, method, who, { path: `${e.path}${sep}prm=${BOB_PRM}` });
      assert.equal(
        extra.status,
        e.access !== 'public' && (who === 'none' || who === 'tampered') ? 401 : 400,
        `${key} ${who} with ?prm=: ${extra.raw.body.slice(0, 160)}`,
      );
      asked++;
      if (
        UNSAFE.has(method) &&
        e.access !== 'public' &&
        ['alice', 'bob', 'operator', 'recipient', 'authority'].includes(who)
      ) {
        const noCsrf = await request(e, method, who, { csrf: false });
        assert.equal(noCsrf.status, 403, `${key} ${who} without CSRF token`);
        assert.equal(noCsrf.body.error?.code, 'AUTH_CSRF');
        asked++;
      }
      if (e.body !== undefined && typeof e.body === 'object' && e.path !== '/api/auth/login') {
        // a body field the route does not declare is refused too, whoever reached the route (`prm`, or another name
        // where the body declares a `prm` of its own)
        const field = e.body !== null && 'prm' in e.body ? 'usagePoint' : 'prm';
        const extraField = await call(h.app, {
          method: method as 'POST',
          url: e.path,
          headers: { ...h.headers(who), 'content-type': 'application/json' },
          payload: JSON.stringify({ ...e.body, [field]: BOB_PRM }),
        });
        assert.equal(
          extraField.status,
          e.access !== 'public' && (who === 'none' || who === 'tampered') ? 401 : 400,
          `${key} ${who} with a body field ${field}: ${extraField.raw.body.slice(0, 160)}`,
        );
        asked++;
      }
      if (reaches(e, who) || e.stream) continue; // allowed calls run in the next test, after every refusal was checked
      const r = await request(e, method, who);
      assert.ok(
        matches(r.status, want),
        `${key} as ${who}: ${r.status}, expected ${String(want)}: ${r.raw.body.slice(0, 160)}`,
      );
      if (r.status === 404 && e.access === 'household')
        assert.equal(r.body.error?.code, 'HTTP_NOT_FOUND', 'the same answer as an absent usage point');
      asked++;
    }
  }
  assert.equal(await snapshot(), before, 'the owner’s readings, controls and ledger are untouched by refused calls');
  assert.ok(asked > 300, `${asked} cells`);
});

test('callers that reach a route get its own answer', async () => {
  for (const [key, e] of Object.entries(MATRIX)) {
    if (e.stream) continue;
    const method = key.split(' ')[0]!;
    for (const who of IDENTITIES) {
      if (!reaches(e, who)) continue;
      const want = expected(e, who);
      const r = await request(e, method, who);
      assert.ok(
        matches(r.status, want),
        `${key} as ${who}: ${r.status}, expected ${String(want)}: ${r.raw.body.slice(0, 200)}`,
      );
      if (e.endsSession) await h.relogin(who);
    }
  }
});

test('the refusals asked all at once answer what they answer one by one', async () => {
  const cells: { key: string; who: Identity; e: Entry; method: string }[] = [];
  for (const [key, e] of Object.entries(MATRIX))
    for (const who of IDENTITIES)
      if (!reaches(e, who) && !e.stream) cells.push({ key, who, e, method: key.split(' ')[0]! });
  const one = [];
  for (const c of cells) one.push((await request(c.e, c.method, c.who)).status);
  const all = await Promise.all(cells.map((c) => request(c.e, c.method, c.who)));
  assert.deepEqual(
    all.map((r, i) => `${cells[i]!.key} ${cells[i]!.who}: ${r.status}`),
    one.map((st, i) => `${cells[i]!.key} ${cells[i]!.who}: ${st}`),
  );
  assert.ok(
    all.every((r) => r.status >= 400),
    'none answered',
  );
});

/** The ambiguous spellings of a path: each must be refused (400) or unknown (404), never answered. */
function spellings(path: string): [string, string, number][] {
  const [p, q] = path.split('?') as [string, string | undefined];
  const withQ = (x: string) => (q ? `${x}?${q}` : x);
  // spelt on the first segment (`/api/`, or `/metering_data_dc/` for the Data Connect face; `/openapi.json` alone)
  const name = p.split('/')[1]!;
  const rest = p.slice(name.length + 1); // '' for a one-segment path
  const seg = `/${name}/`;
  const hex = (c: string) => c.charCodeAt(0).toString(16).toUpperCase();
  const out: [string, string, number][] = [
    ['encoded letter', withQ(`/%${hex(name[0]!)}${name.slice(1)}${rest}`), 400],
    ['encoded upper-case letter', withQ(`/%${hex(name[0]!.toUpperCase())}${name.slice(1).toUpperCase()}${rest}`), 400],
    ['leading double slash', withQ(`/${p}`), 400],
    ['dot segment', withQ(rest ? p.replace(seg, `${seg}./`) : `/.${p}`), 400],
    ['dot-dot segment', withQ(rest ? p.replace(seg, `${seg}x/../`) : `/x/..${p}`), 400],
    ['upper case', withQ(`/${name.toUpperCase()}${rest}`), 404],
    ['trailing slash', withQ(`${p}/`), 404],
    ['trailing dot', withQ(`${p}.`), 404],
  ];
  if (rest)
    out.push(
      ['inner double slash', withQ(p.replace(seg, `${seg}/`)), 400],
      ['encoded slash', withQ(p.replace(seg, `/${name}%2F`)), 400],
    );
  if (p.includes(P)) out.push(['encoded digit in the usage point', withQ(p.replace(P, `%3${P[0]}${P.slice(1)}`)), 400]);
  return out;
}

test('every route under every ambiguous spelling, for every identity, over a real socket: refused, never answered', async () => {
  const origin = await h.app.listen({ host: '127.0.0.1', port: 0 });
  let asked = 0;
  for (const [key, e] of Object.entries(MATRIX)) {
    const method = key.split(' ')[0]!;
    for (const [what, path, want] of spellings(e.path)) {
      for (const who of IDENTITIES) {
        const body = e.raw?.payload ?? (e.body === undefined ? undefined : JSON.stringify(e.body));
        const r = await rawRequest(origin, method, path, { ...h.headers(who), ...(e.raw?.headers ?? {}) }, body);
        // an unknown path may be refused for want of a session first; a known one under another spelling never passes
        // a trailing dot may land on a route whose last segment is a parameter: refused by its own checks, never
        // answered
        const accepted =
          want === 404 && e.access !== 'public' ? [404, 401, ...(what === 'trailing dot' ? [400] : [])] : [want];
        assert.ok(
          accepted.includes(r.status),
          `${key} (${what}: ${path}) as ${who}: ${r.status} ${r.body.slice(0, 120)}`,
        );
        asked++;
      }
    }
  }
  assert.ok(asked > 2000, `${asked} cells`);
});
