/**
 * Test support: runs a real third-party client that hard-codes an https:// host (the `linky` package and its
 * `https://conso.boris.sh`) against a local server, on loopback only.
 *
 * - `makeTestCertificates` writes a throwaway CA and a server certificate signed by it (for the names asked, plus
 *   127.0.0.1) with the `openssl` binary (scripts/ensure-system-deps.sh installs it).
 * - `startTlsProxy` listens on two loopback ports, one plain HTTP and one HTTPS, each an HTTP proxy that accepts both
 *   CONNECT tunnels (it terminates the tunnelled TLS itself with the throwaway certificate) and absolute-URL requests,
 *   and forwards every request to one target base URL (method, path, query, headers and body), recording what it saw.
 * - `runLinky` runs the `linky` package in a child Node process whose environment holds `HTTPS_PROXY`,
 *   `NODE_EXTRA_CA_CERTS` and `PATH` only, with DNS look-ups refused inside it, and returns its JSON answer.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import {
  createServer as createHttpServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecureContext, TLSSocket } from 'node:tls';

export interface TestCertificates {
  /** Folder holding the files below (a fresh temp dir). */
  readonly dir: string;
  /** PEM file of the throwaway CA: what NODE_EXTRA_CA_CERTS points to. */
  readonly caFile: string;
  /** PEM server certificate and key, valid for the names asked and for 127.0.0.1. */
  readonly cert: string;
  readonly key: string;
}

/** A throwaway CA (valid one day) and a server certificate it signed for `names` and IP 127.0.0.1. */
export function makeTestCertificates(names: readonly string[]): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'courant-test-ca-'));
  const f = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    f('ca.key'),
    '-out',
    f('ca.pem'),
    '-days',
    '1',
    '-subj',
    '/CN=courant throwaway test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  openssl('req', ...ec, '-keyout', f('server.key'), '-out', f('server.csr'), '-subj', `/CN=${names[0] ?? 'localhost'}`);
  const san = [...names.map((n) => `DNS:${n}`), 'IP:127.0.0.1'].join(',');
  writeFileSync(
    f('server.ext'),
    `basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=${san}\n`,
  );
  openssl(
    'x509',
    '-req',
    '-in',
    f('server.csr'),
    '-CA',
    f('ca.pem'),
    '-CAkey',
    f('ca.key'),
    '-CAcreateserial',
    '-days',
    '1',
    '-extfile',
    f('server.ext'),
    '-out',
    f('server.pem'),
  );
  return {
    dir,
    caFile: f('ca.pem'),
    cert: readFileSync(f('server.pem'), 'utf8'),
    key: readFileSync(f('server.key'), 'utf8'),
  };
}

/** One request the proxy forwarded. */
export interface ProxiedRequest {
  /** Which listening port the client reached: the plain HTTP one or the HTTPS one. */
  readonly proxyPort: 'http' | 'https';
  /** `connect`: sent inside a CONNECT tunnel; `absolute`: an absolute-URL request line sent to the proxy itself. */
  readonly via: 'connect' | 'absolute';
  /** The authority the client meant: the CONNECT target (`conso.boris.sh:443`) or the absolute URL's host. */
  readonly authority: string;
  /** TLS server name the client sent inside the tunnel (undefined for absolute-URL requests). */
  readonly servername: string | undefined;
  readonly method: string;
  /** Path and query as the client sent them. */
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  /** Status the target answered. */
  status?: number;
}

export interface TlsProxy {
  /** `http://127.0.0.1:PORT`: a plain HTTP proxy. */
  readonly httpUrl: string;
  /** `https://127.0.0.1:PORT`: a proxy reached over TLS (its certificate is the throwaway one). */
  readonly httpsUrl: string;
  readonly seen: ProxiedRequest[];
  close(): Promise<void>;
}

// Headers that belong to one hop (RFC 9110 §7.6.1) and are not forwarded.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/**
 * Starts the proxy. `target` is the base URL every request goes to (`http://127.0.0.1:PORT`); the Host header is
 * rewritten to the target's, every other end-to-end header is passed as the client sent it.
 */
export async function startTlsProxy(opts: { target: string; certificates: TestCertificates }): Promise<TlsProxy> {
  const target = new URL(opts.target);
  const seen: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();

  const forward = (req: IncomingMessage, res: ServerResponse, record: ProxiedRequest) => {
    seen.push(record);
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(req.headers))
      if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
    headers.host = target.host;
    const out = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: record.path, headers },
      (answer) => {
        record.status = answer.statusCode;
        const back: Record<string, string | string[]> = {};
        for (const [name, value] of Object.entries(answer.headers))
          if (value !== undefined && !HOP_BY_HOP.has(name)) back[name] = value;
        res.writeHead(answer.statusCode ?? 502, back);
        answer.pipe(res);
      },
    );
    out.on('error', (err) => {
      record.status = 502;
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`proxy: target unreachable: ${err.message}`);
    });
    req.pipe(out);
  };

  // Requests arriving inside a CONNECT tunnel, after the proxy terminated their TLS (one TLS socket per tunnel).
  const tunnelOf = new WeakMap<TLSSocket, { authority: string; proxyPort: 'http' | 'https' }>();
  const secureContext = createSecureContext({ cert: opts.certificates.cert, key: opts.certificates.key });
  const inner = createHttpServer((req, res) => {
    const tls = req.socket as TLSSocket & { servername?: string | false };
    const tunnel = tunnelOf.get(tls)!;
    forward(req, res, {
      proxyPort: tunnel.proxyPort,
      via: 'connect',
      authority: tunnel.authority,
      servername: tls.servername || undefined,
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: req.headers,
    });
  });

  const onRequest = (proxyPort: 'http' | 'https') => (req: IncomingMessage, res: ServerResponse) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '');
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('proxy: expected an absolute URL');
      return;
    }
    forward(req, res, {
      proxyPort,
      via: 'absolute',
      authority: url.host,
      servername: undefined,
      method: req.method ?? 'GET',
      path: url.pathname + url.search,
      headers: req.headers,
    });
  };
  const onConnect = (proxyPort: 'http' | 'https') => (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const authority = req.url ?? '';
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) socket.unshift(head);
    const tls = new TLSSocket(socket, { isServer: true, secureContext, ALPNProtocols: ['http/1.1'] });
    tunnelOf.set(tls, { authority, proxyPort });
    tls.on('error', () => tls.destroy());
    tls.once('secure', () => inner.emit('connection', tls));
  };

  const servers: Server[] = [
    createHttpServer(),
    createHttpsServer({ cert: opts.certificates.cert, key: opts.certificates.key }),
  ];
  const ports: number[] = [];
  for (const [i, server] of servers.entries()) {
    const kind = i === 0 ? 'http' : 'https';
    server.on('request', onRequest(kind));
    server.on('connect', onConnect(kind));
    server.on('connection', (s: Socket) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    ports.push((server.address() as AddressInfo).port);
  }
  return {
    httpUrl: `http://127.0.0.1:${ports[0]}`,
    httpsUrl: `https://127.0.0.1:${ports[1]}`,
    seen,
    async close() {
      for (const s of sockets) s.destroy();
      await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
    },
  };
}

/** What `runLinky` answers: the method's resolved value, or the error it threw (APIError carries code/response). */
export type LinkyOutcome =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: string; readonly code?: number; readonly response?: unknown };

export type LinkyMethod =
  'getDailyConsumption' | 'getLoadCurve' | 'getMaxPower' | 'getDailyProduction' | 'getProductionLoadCurve';

// Runs in the child: refuses every DNS look-up (only the proxy's IP literal may be reached), then calls the package.
const CHILD = `
import dns from 'node:dns';
const refuse = (host, ...rest) => {
  const cb = rest.find((x) => typeof x === 'function');
  const err = Object.assign(new Error('DNS look-up refused in this test: ' + host), { code: 'ENOTFOUND' });
  if (cb) process.nextTick(cb, err); else return Promise.reject(err);
};
dns.lookup = refuse;
dns.promises.lookup = refuse;
const { linky, token, prm, calls } = JSON.parse(process.argv[1]);
const { Session } = await import(linky);
const out = [];
for (const c of calls) {
  try {
    const session = new Session(token, prm ?? undefined);
    out.push({ ok: true, value: await session[c.method](c.start, c.end) });
  } catch (e) {
    out.push({ ok: false, error: String(e && e.message || e), code: e && e.code, response: e && e.response });
  }
}
process.stdout.write(JSON.stringify(out));
`;

/**
 * Runs `new Session(token, prm)[method](start, end)` of the installed `linky` package in a child Node process, once per
 * call, with `HTTPS_PROXY=proxyUrl` and `NODE_EXTRA_CA_CERTS=caFile` as its only network settings.
 */
export async function runLinky(opts: {
  proxyUrl: string;
  caFile: string;
  token: string;
  prm?: string;
  calls: readonly { method: LinkyMethod; start: string; end: string }[];
}): Promise<LinkyOutcome[]> {
  const arg = JSON.stringify({
    linky: import.meta.resolve('linky'),
    token: opts.token,
    prm: opts.prm ?? null,
    calls: opts.calls,
  });
  const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD, arg], {
    cwd: tmpdir(),
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HTTPS_PROXY: opts.proxyUrl, NODE_EXTRA_CA_CERTS: opts.caFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) throw new Error(`linky child exited with ${code}: ${stderr}`);
  try {
    return JSON.parse(stdout) as LinkyOutcome[];
  } catch {
    throw new Error(`linky child wrote no JSON: ${stdout.slice(0, 500)} ${stderr}`);
  }
}

/** A token linky accepts as a shape (it only decodes it, never checks its signature): `sub` is the list of PRMs. */
export function unsignedTokenFor(prms: readonly string[]): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: prms, iat: Math.floor(Date.now() / 1000) })}.${Buffer.from('not-a-signature').toString('base64url')}`;
}
