/**
 * A real local HTTP server (127.0.0.1, random port) replaying recorded Data Connect answers: the token answer,
 * measure bodies from test/fixtures/enedis/, and the 13 real error bodies of test/fixtures/enedis-api/errors.json
 * (with their HTTP status). Each path has a script of answers, played in order; the last one repeats.
 * The only test double of the project, as the standards allow for the Enedis API.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';

const api = join(import.meta.dirname, 'fixtures/enedis-api');
const enedis = join(import.meta.dirname, 'fixtures/enedis');

export interface Answer {
  readonly status: number;
  readonly body: string | Uint8Array;
  readonly headers?: Record<string, string>;
}
export interface Seen {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly authorization: string | undefined;
}

/** A recorded measure body from test/fixtures/enedis. */
export const recorded = (file: string): Answer => ({ status: 200, body: readFileSync(join(enedis, file)) });

/** A recorded error body, picked by its Enedis code (error / code / fault.code). */
export function recordedError(code: string, status?: number): Answer {
  const all = JSON.parse(readFileSync(join(api, 'errors.json'), 'utf8')) as {
    http_status: number | null;
    body: Record<string, unknown>;
  }[];
  const found = all.find((e) => {
    const b = (e.body.error && typeof e.body.error === 'object' ? e.body.error : e.body) as Record<string, unknown>;
    const f = b.fault as Record<string, unknown> | undefined;
    return String(b.error ?? b.code ?? f?.code) === code;
  });
  if (!found) throw new Error(`no recorded error ${code}`);
  return { status: status ?? found.http_status ?? 401, body: JSON.stringify(found.body) };
}

export async function startReplayServer(
  script: Record<string, Answer[]>,
): Promise<{ url: string; seen: Seen[]; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  const queues = new Map(Object.entries(script).map(([k, v]) => [k, [...v]]));
  if (!queues.has('/oauth2/v3/token'))
    queues.set('/oauth2/v3/token', [{ status: 200, body: readFileSync(join(api, 'token.json')) }]);
  const server = createServer((req: IncomingMessage, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    seen.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization,
    });
    req.resume();
    req.on('end', () => {
      const q = queues.get(url.pathname);
      if (!q || q.length === 0) {
        res
          .writeHead(500, { 'content-type': 'application/json' })
          .end('{"error":"technical_error","error_description":"no scripted answer"}');
        return;
      }
      const a = q.length > 1 ? q.shift()! : q[0]!;
      res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers }).end(a.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen, close: () => new Promise((r) => server.close(() => r())) };
}
