/**
 * @module server/main
 * Builds the hub from a validated config and listens. `startHub` is what `courant start` and the end-to-end tests call.
 */
import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { openStorage } from '../store/open.ts';
import { EventBus, type Hub } from '../services/hub.ts';
import { createLogger, type Logger, type LogLevel } from '../services/logger.ts';
import { loadDemoIfEmpty } from '../services/demo.ts';
import { createApp } from './app.ts';

/** File in the data dir telling CLI tools where the running hub listens (DuckDB lets one process hold the database). */
export const HUB_FILE = 'hub.json';

export interface RunningHub {
  readonly url: string;
  readonly hub: Hub;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

export async function buildHub(config: Readonly<Config>, log: Logger, now: () => number = Date.now): Promise<Hub & { close(): Promise<void> }> {
  const { store, db } = await openStorage({ dataDir: config.dataDir, threads: config.storage.threads, memoryLimit: config.storage.memoryLimit });
  const closers: (() => Promise<void> | void)[] = [];
  const hub = {
    config,
    store,
    db,
    events: new EventBus(log),
    log,
    now,
    onClose: (fn: () => Promise<void> | void) => void closers.push(fn),
    async close() {
      for (const fn of closers.reverse()) {
        try {
          await fn();
        } catch (e) {
          log.error(`while stopping: ${(e as Error).message}`);
        }
      }
      await store.close();
    },
  };
  return hub;
}

export interface StartOptions {
  dataDir?: string;
  port?: number;
  host?: string;
  demo?: boolean;
  configFile?: string;
  logLevel?: LogLevel;
  env?: NodeJS.ProcessEnv;
  /** Called with progress lines (demo loading…). */
  onProgress?: (msg: string) => void;
}

export async function startHub(opts: StartOptions = {}): Promise<RunningHub> {
  const overrides: Record<string, unknown> = {};
  if (opts.dataDir !== undefined) overrides.dataDir = opts.dataDir;
  if (opts.port !== undefined || opts.host !== undefined) overrides.server = { ...(opts.port !== undefined ? { port: opts.port } : {}), ...(opts.host !== undefined ? { host: opts.host } : {}) };
  if (opts.demo !== undefined) overrides.demo = { enabled: opts.demo };
  const { config } = loadConfig({ file: opts.configFile, env: opts.env ?? process.env, overrides });
  const log = createLogger(opts.logLevel ?? (process.env.NODE_ENV === 'test' ? 'warn' : 'info'));
  const hub = await buildHub(config, log);
  try {
    if (config.demo.enabled) await loadDemoIfEmpty(hub.store, opts.onProgress ?? ((m) => log.info(m)));
    const app = await createApp(hub);
    await app.listen({ host: config.server.host, port: config.server.port });
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : config.server.port;
    const host = config.server.host.includes(':') ? `[${config.server.host}]` : config.server.host;
    const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
    const hubFile = join(config.dataDir, HUB_FILE);
    writeFileSync(hubFile, JSON.stringify({ url, pid: process.pid, startedAt: new Date().toISOString() }) + '\n', { mode: 0o600 });
    let closed = false;
    return {
      url,
      hub,
      app,
      async close() {
        if (closed) return;
        closed = true;
        await app.close();
        await hub.close();
        rmSync(hubFile, { force: true });
      },
    };
  } catch (e) {
    await hub.close();
    throw e;
  }
}
