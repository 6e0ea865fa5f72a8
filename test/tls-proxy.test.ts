// Self-test of test/tls-proxy.ts: the real `linky` package, in a child process that knows only HTTPS_PROXY and the
// throwaway CA, reaches a small local Fastify server replaying the answers bokub/linky recorded from conso.boris.sh,
// and returns them unchanged. The replay server stands in for the hub in this file only.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  makeTestCertificates,
  runLinky,
  startTlsProxy,
  unsignedTokenFor,
  type TestCertificates,
  type TlsProxy,
} from './tls-proxy.ts';

const fixtures = join(import.meta.dirname, 'fixtures/enedis-api');
const body = (type: string) => readFileSync(join(fixtures, `conso-api-${type}.json`), 'utf8');
const PRM = (JSON.parse(body('daily_consumption')) as { usage_point_id: string }).usage_point_id;
const TOKEN = unsignedTokenFor([PRM]);

interface Hit {
  readonly type: string;
  readonly query: Record<string, string>;
  readonly authorization: string | undefined;
  readonly userAgent: string | undefined;
}
let replay: FastifyInstance;
const hits: Hit[] = [];
let certs: TestCertificates;
let proxy: TlsProxy;

before(async () => {
  replay = Fastify();
  replay.get<{ Params: { type: string }; Querystring: Record<string, string> }>('/api/:type', async (req, reply) => {
    hits.push({
      type: req.params.type,
      query: { ...req.query },
      authorization: req.headers.authorization,
      userAgent: req.headers['user-agent'],
    });
    if (req.headers.authorization !== `Bearer ${TOKEN}`)
      return reply.code(401).send({ error: 'invalid_token', error_description: 'replay: unknown token' });
    if (!['consumption_load_curve', 'daily_consumption'].includes(req.params.type))
      return reply.code(404).send({ error: 'no_data_found' });
    return reply.type('application/json').send(body(req.params.type));
  });
  const target = await replay.listen({ host: '127.0.0.1', port: 0 });
  certs = makeTestCertificates(['conso.boris.sh']);
  proxy = await startTlsProxy({ target, certificates: certs });
});
after(async () => {
  await proxy.close();
  await replay.close();
});

test('linky through an http:// proxy: CONNECT to conso.boris.sh, recorded bodies returned unchanged', async () => {
  const seenBefore = proxy.seen.length;
  const hitsBefore = hits.length;
  const [curve, daily] = await runLinky({
    proxyUrl: proxy.httpUrl,
    caFile: certs.caFile,
    token: TOKEN,
    calls: [
      { method: 'getLoadCurve', start: '2023-04-01', end: '2023-04-02' },
      { method: 'getDailyConsumption', start: '2023-04-01', end: '2023-04-04' },
    ],
  });
  assert.deepEqual(curve, { ok: true, value: JSON.parse(body('consumption_load_curve')) });
  assert.deepEqual(daily, { ok: true, value: JSON.parse(body('daily_consumption')) });

  const seen = proxy.seen.slice(seenBefore);
  assert.equal(seen.length, 2);
  for (const s of seen) {
    // axios (the version locked for linky) tunnels https:// targets with CONNECT, even through a plain http:// proxy.
    assert.equal(s.proxyPort, 'http');
    assert.equal(s.via, 'connect');
    assert.equal(s.authority, 'conso.boris.sh:443');
    assert.equal(s.servername, 'conso.boris.sh');
    assert.equal(s.method, 'GET');
    assert.equal(s.headers.authorization, `Bearer ${TOKEN}`);
    assert.equal(s.status, 200);
  }
  assert.deepEqual(
    seen.map((s) => s.path),
    [
      `/api/consumption_load_curve?start=2023-04-01&end=2023-04-02&prm=${PRM}`,
      `/api/daily_consumption?start=2023-04-01&end=2023-04-04&prm=${PRM}`,
    ],
  );
  assert.deepEqual(hits.slice(hitsBefore), [
    {
      type: 'consumption_load_curve',
      query: { start: '2023-04-01', end: '2023-04-02', prm: PRM },
      authorization: `Bearer ${TOKEN}`,
      userAgent: '@bokub/linky',
    },
    {
      type: 'daily_consumption',
      query: { start: '2023-04-01', end: '2023-04-04', prm: PRM },
      authorization: `Bearer ${TOKEN}`,
      userAgent: '@bokub/linky',
    },
  ]);
});

test('linky through an https:// proxy: TLS to the proxy, then CONNECT and TLS to conso.boris.sh inside it', async () => {
  const seenBefore = proxy.seen.length;
  const [curve] = await runLinky({
    proxyUrl: proxy.httpsUrl,
    caFile: certs.caFile,
    token: TOKEN,
    calls: [{ method: 'getLoadCurve', start: '2023-04-01', end: '2023-04-02' }],
  });
  assert.deepEqual(curve, { ok: true, value: JSON.parse(body('consumption_load_curve')) });
  const [s, ...more] = proxy.seen.slice(seenBefore);
  assert.equal(more.length, 0);
  assert.equal(s!.proxyPort, 'https');
  assert.equal(s!.via, 'connect');
  assert.equal(s!.authority, 'conso.boris.sh:443');
  assert.equal(s!.headers.authorization, `Bearer ${TOKEN}`);
});

test("linky's errors come back as the package throws them (APIError with the target's status and body)", async () => {
  const [refused] = await runLinky({
    proxyUrl: proxy.httpUrl,
    caFile: certs.caFile,
    token: unsignedTokenFor([PRM, '00000000000078']),
    calls: [{ method: 'getDailyConsumption', start: '2023-04-01', end: '2023-04-04' }],
  });
  assert.deepEqual(refused, {
    ok: false,
    error: 'Conso API a répondu avec une erreur',
    code: 401,
    response: { error: 'invalid_token', error_description: 'replay: unknown token' },
  });
});

test('the tunnelled TLS is verified: a client trusting another CA reaches nothing', async () => {
  const other = makeTestCertificates(['conso.boris.sh']);
  const hitsBefore = hits.length;
  const [out] = await runLinky({
    proxyUrl: proxy.httpUrl,
    caFile: other.caFile,
    token: TOKEN,
    calls: [{ method: 'getDailyConsumption', start: '2023-04-01', end: '2023-04-04' }],
  });
  assert.equal(out!.ok, false);
  assert.equal(hits.length, hitsBefore, 'no request reached the target');
});

test('the proxy also forwards absolute-URL requests (http:// and https:// targets), headers and query kept', async () => {
  for (const [scheme, port] of [
    ['http', 80],
    ['https', 443],
  ] as const) {
    const seenBefore = proxy.seen.length;
    const url = `${scheme}://conso.boris.sh/api/daily_consumption?start=2023-04-01&end=2023-04-04&prm=${PRM}`;
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const u = new URL(proxy.httpUrl);
      const req = httpRequest(
        {
          host: u.hostname,
          port: u.port,
          method: 'GET',
          path: url,
          headers: { host: `conso.boris.sh:${port}`, authorization: `Bearer ${TOKEN}` },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8').on('data', (c: string) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.end();
    });
    assert.equal(answer.status, 200);
    assert.deepEqual(JSON.parse(answer.text), JSON.parse(body('daily_consumption')));
    const [s] = proxy.seen.slice(seenBefore);
    assert.equal(s!.via, 'absolute');
    assert.equal(s!.authority, 'conso.boris.sh');
    assert.equal(s!.path, `/api/daily_consumption?start=2023-04-01&end=2023-04-04&prm=${PRM}`);
    assert.equal(s!.headers.authorization, `Bearer ${TOKEN}`);
  }
});
