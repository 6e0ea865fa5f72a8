/**
 * @module cli/hub-access
 * DuckDB lets a single process open the database file. CLI commands therefore open the file directly when the hub
 * is not running, and talk to the running hub over its local API when it holds the file (its address is in
 * <data-dir>/hub.json, written at start and removed at stop).
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { CourantError, ERROR_CATALOGUE, isCourantError, type ErrorCode } from '../core/errors.ts';
import { loadConfig } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import type { ReadingStore } from '../ports/reading-store.ts';
import type { UsagePointRepository } from '../ports/usage-point-repository.ts';
import { HUB_FILE } from '../backend/data-dir.ts';
import type { CliIo } from './command.ts';

export function cliConfig(
  values: { 'data-dir'?: string | undefined; config?: string | undefined },
  io: CliIo,
): Readonly<Config> {
  return loadConfig({
    file: values.config,
    env: io.env,
    cwd: io.cwd,
    overrides: values['data-dir'] ? { dataDir: values['data-dir'] } : {},
  }).config;
}

/** The running hub that holds the database: its local API, reached with its local token. */
export type HubAccess = { kind: 'hub'; url: string };

/**
 * `store` comes from the composition root (backend/open-backend.ts) with the household's recording controls applied,
 * as in the hub; closing it closes the database and `profiles` with it.
 */
export type Access = { kind: 'store'; store: ReadingStore; profiles: UsagePointRepository } | HubAccess;

/** Local API tokens of running hubs by origin, read from <data-dir>/hub.json (mode 0600; see docs/security.md). */
const tokens = new Map<string, string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // alive, another user's
  }
}

/**
 * The hub running on this data dir, from <data-dir>/hub.json, and remembers its local API token for hubHeaders().
 * Undefined without the file, or when the process that wrote it is gone (a hub that was killed leaves it behind).
 */
export function runningHub(dataDir: string): HubAccess | undefined {
  let j: { url: string; pid?: number; token?: string };
  try {
    j = JSON.parse(readFileSync(join(dataDir, HUB_FILE), 'utf8')) as typeof j;
  } catch {
    return undefined;
  }
  if (typeof j.pid === 'number' && !alive(j.pid)) return undefined;
  if (j.token) tokens.set(new URL(j.url).origin, j.token);
  return { kind: 'hub', url: j.url };
}

/** The authorization header the running hub accepts from its own machine (the local CLI token). */
export function hubHeaders(url: string): Record<string, string> {
  const t = tokens.get(new URL(url).origin);
  return t ? { authorization: `Bearer ${t}` } : {};
}

/**
 * The running hub's address when it holds the database; otherwise opens the file with `open`. The hub is asked
 * first, from its hub.json, so that a command run beside the hub loads no database engine at all. Every command that
 * works both ways starts here, and gives the same answer either way.
 */
export async function fileOrHub<T>(config: Readonly<Config>, open: () => Promise<T>): Promise<T | HubAccess> {
  const hub = runningHub(config.dataDir);
  if (hub) return hub;
  try {
    return await open();
  } catch (e) {
    // a hub that started between the two looks
    if (!isCourantError(e) || e.code !== 'STORE_LOCKED') throw e;
    const late = runningHub(config.dataDir);
    if (late) return late;
    throw e;
  }
}

export function openAccess(config: Readonly<Config>): Promise<Access> {
  return fileOrHub(config, async (): Promise<Access> => {
    // loaded here, not at the top: with the hub running, DuckDB and the consent services are never loaded
    const { openBackend } = await import('../backend/open-backend.ts');
    const backend = await openBackend(config);
    return { kind: 'store', store: backend.readings, profiles: backend.profiles };
  });
}

/**
 * For commands that only read readings and profiles (status, export, reveal): with the hub stopped, the store alone,
 * without the consent services (backend/open-readings.ts); nothing may be written through it.
 */
export function openReadAccess(config: Readonly<Config>): Promise<Access> {
  return fileOrHub(config, async (): Promise<Access> => {
    const { openReadings } = await import('../backend/open-readings.ts');
    const { store, profiles } = await openReadings(config);
    return { kind: 'store', store, profiles };
  });
}

/** GET a JSON document from the running hub, rendering its error body as a CourantError. */
export async function hubGet<T>(url: string): Promise<T> {
  return JSON.parse(await hubText(url)) as T;
}

/** POST a JSON body to the running hub (local token: no CSRF), rendering its error body as a CourantError. */
export async function hubPost<T>(url: string, body: unknown): Promise<T> {
  return JSON.parse(await hubRequest(url, 'POST', JSON.stringify(body))) as T;
}

/** GET a text document (Markdown, JSON) from the running hub, rendering its error body as a CourantError. */
export function hubText(url: string): Promise<string> {
  return hubRequest(url, 'GET');
}

const unreachable = (url: string, cause: unknown) =>
  new CourantError(
    'HUB_UNREACHABLE',
    `the hub holds the database but does not answer at ${new URL(url).origin} (if no hub runs, remove ${HUB_FILE} from the data dir): ${(cause as Error).message}`,
    { cause },
  );

/**
 * One request with node:http and the whole answer as text. Not fetch(): Node loads its fetch implementation at the
 * first call, some 40 ms of a command that otherwise answers in a few hundred.
 */
function hubRequest(url: string, method: 'GET' | 'POST', body?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {
      ...hubHeaders(url),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    };
    const req = request(url, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('error', (e) => reject(unreachable(url, e)));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve(text);
        else reject(errorOf(status, text));
      });
    });
    req.on('error', (e) => reject(unreachable(url, e)));
    req.end(body);
  });
}

/** fetch() to the running hub, for streamed bodies (export, import); a hub that does not answer is HUB_UNREACHABLE. */
export async function hubFetch(url: string, init: RequestInit = { headers: hubHeaders(url) }): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (cause) {
    throw unreachable(url, cause);
  }
}

/** The hub's error answer as the CourantError it stands for: its own code and message, whatever the route. */
export async function hubError(res: Response): Promise<CourantError> {
  return errorOf(res.status, await res.text().catch(() => ''));
}

function errorOf(status: number, text: string): CourantError {
  type ErrorBody = { error?: { code?: string; message?: string } } | null;
  let body: ErrorBody = null;
  try {
    body = JSON.parse(text) as ErrorBody;
  } catch {
    // not the hub's JSON error body (a proxy's page, a cut answer): the status says what is known
  }
  const code = body?.error?.code;
  const known: ErrorCode = code && code in ERROR_CATALOGUE ? (code as ErrorCode) : 'HUB_UNREACHABLE';
  return new CourantError(known, body?.error?.message ?? `hub answered HTTP ${status}`);
}
