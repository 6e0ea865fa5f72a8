/**
 * @module cli/hub-access
 * DuckDB lets a single process open the database file. CLI commands therefore open the file directly when the hub
 * is not running, and talk to the running hub over its local API when it holds the file (its address is in
 * <data-dir>/hub.json, written at start and removed at stop).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CourantError, ERROR_CATALOGUE, isCourantError, type ErrorCode } from '../core/errors.ts';
import { loadConfig } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { openBackend } from '../backend/open-backend.ts';
import type { ReadingStore } from '../ports/reading-store.ts';
import type { UsagePointRepository } from '../ports/usage-point-repository.ts';
import { HUB_FILE } from '../server/main.ts';
import type { CliIo } from './command.ts';

export function cliConfig(values: { 'data-dir'?: string | undefined; config?: string | undefined }, io: CliIo): Readonly<Config> {
  return loadConfig({ file: values.config, env: io.env, cwd: io.cwd, overrides: values['data-dir'] ? { dataDir: values['data-dir'] } : {} }).config;
}

/**
 * `store` comes from the composition root (backend/open-backend.ts) with the household's recording controls applied,
 * as in the hub; closing it closes the database and `profiles` with it.
 */
export type Access = { kind: 'store'; store: ReadingStore; profiles: UsagePointRepository } | { kind: 'hub'; url: string };

/** Local API tokens of running hubs by origin, read from <data-dir>/hub.json (mode 0600; see docs/security.md). */
const tokens = new Map<string, string>();

/** Reads <data-dir>/hub.json: the running hub's address, and remembers its local API token for hubHeaders(). */
export function readHubFile(dataDir: string): { url: string } {
  const j = JSON.parse(readFileSync(join(dataDir, HUB_FILE), 'utf8')) as { url: string; token?: string };
  if (j.token) tokens.set(new URL(j.url).origin, j.token);
  return { url: j.url };
}

/** The authorization header the running hub accepts from its own machine (the local CLI token). */
export function hubHeaders(url: string): Record<string, string> {
  const t = tokens.get(new URL(url).origin);
  return t ? { authorization: `Bearer ${t}` } : {};
}

/**
 * Opens the database file with `open`; when the running hub holds it (STORE_LOCKED), answers the hub's address
 * instead (from <data-dir>/hub.json; without that file the lock error stands). Every command that works both ways
 * starts here.
 */
export async function fileOrHub<T>(config: Readonly<Config>, open: () => Promise<T>): Promise<T | { kind: 'hub'; url: string }> {
  try {
    return await open();
  } catch (e) {
    if (!isCourantError(e) || e.code !== 'STORE_LOCKED') throw e;
    try {
      return { kind: 'hub', url: readHubFile(config.dataDir).url };
    } catch {
      throw e;
    }
  }
}

export function openAccess(config: Readonly<Config>): Promise<Access> {
  return fileOrHub(config, async (): Promise<Access> => {
    const backend = await openBackend(config);
    return { kind: 'store', store: backend.readings, profiles: backend.profiles };
  });
}

/** GET a JSON document from the running hub, rendering its error body as a CourantError. */
export function hubGet<T>(url: string): Promise<T> {
  return hubJson<T>(url, { headers: hubHeaders(url) });
}

/** POST a JSON body to the running hub (local token: no CSRF), rendering its error body as a CourantError. */
export function hubPost<T>(url: string, body: unknown): Promise<T> {
  return hubJson<T>(url, { method: 'POST', headers: { ...hubHeaders(url), 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function hubJson<T>(url: string, init: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch (cause) {
    throw new CourantError('HUB_UNREACHABLE', `the hub holds the database but does not answer at ${new URL(url).origin}: ${(cause as Error).message}`, { cause });
  }
  const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
  if (!res.ok) {
    const code = body?.error?.code;
    const known: ErrorCode = code && code in ERROR_CATALOGUE ? (code as ErrorCode) : 'HUB_UNREACHABLE';
    throw new CourantError(known, body?.error?.message ?? `hub answered HTTP ${res.status}`);
  }
  return body as T;
}
