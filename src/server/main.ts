/**
 * @module server/main
 * Builds the hub from a validated config and listens. `startHub` is what `courant start` and the end-to-end tests call.
 */
import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { openBackend } from '../backend/open-backend.ts';
import { EventBus, type Hub } from '../use-cases/hub.ts';
import type { Logger, LogLevel } from '../ports/logger.ts';
import { createLogger } from '../backend/logging.ts';
import { seedDemo, type DemoCalendar } from '../backend/doors/demo.ts';
import { createApp } from './app.ts';
import { describeDrain, drain, inFlight, type DrainReport } from './drain.ts';
import { startLiveSources } from '../backend/tic-live.ts';
import { consentConfigSchema, type ConsentConfig } from '../consent/config.ts';
import { randomToken } from '../accounts/accounts.ts';
import { isDemoPrm } from '../core/prm.ts';
import { setupOwner, issueSetupToken } from './auth/setup.ts';
import { HUB_FILE, restrictNewFiles } from '../backend/data-dir.ts';
import { startupMessage } from '../consent/ledger-report.ts';
import { runAsLeader, type Leadership } from '../use-cases/leadership.ts';
import type { LeaderLease } from '../ports/leader-lease.ts';

/** Who registers the start-up clients: the installer (the operator of this machine). */
const INSTALLER = Object.freeze({ kind: 'operator', id: 'local-installer' } as const);

export interface RunningHub {
  readonly url: string;
  /** One-time set-up address when no account exists yet (first start). */
  readonly setupUrl?: string | undefined;
  readonly hub: Hub;
  readonly app: FastifyInstance;
  /** The live sources (TIC, MQTT) when configured: run by the one hub instance holding their lease. */
  readonly live?: Leadership | undefined;
  /** Stops the hub (server/drain.ts, then live sources, then the store); every call waits for the same stop. */
  close(): Promise<DrainReport>;
}

/** How often an instance tries the live sources' lease, and its holder checks it still holds it (ms). */
export const LIVE_LEASE_CHECK_MS = 2_000;

/** Retention sweep period; the first sweep runs one period after start. */
export const RETENTION_SWEEP_MS = 6 * 3_600_000;

export async function buildHub(
  config: Readonly<Config>,
  log: Logger,
  now: () => number = Date.now,
  consentConfig?: ConsentConfig,
): Promise<Hub & { liveLease: LeaderLease; close(): Promise<void> }> {
  restrictNewFiles(); // the database, its WAL and every file the hub creates: 0600 (backend/data-dir.ts)
  // every port from the composition root: the reading store comes with the household's recording controls applied
  const backend = await openBackend(config, {
    now,
    consentConfig,
    onRefusal: (r) => log.warn(`refused ${r.action} by ${r.actor}: ${r.code}`),
  });
  for (const w of backend.modeWarnings) log.warn(w);
  const { readings: store, consent, profiles } = backend;
  const closers: (() => Promise<void> | void)[] = [];
  // A damaged ledger does not stop the hub: it runs on the events that verify and refuses ledger writes until an
  // operator acknowledges the break (docs/consent.md).
  const ledgerState = startupMessage(consent.ledger.integrity);
  if (ledgerState && consent.ledger.writable) log.warn(ledgerState);
  else if (ledgerState) log.error(ledgerState);
  // Retention (R3, R14) on a timer. The bundled demos (a public 2007 dataset and the synthetic household made from it,
  // nobody's personal data) are not swept.
  const sweep = setInterval(() => {
    void (async () => {
      const prms = await store.usagePoints();
      if (prms.every(isDemoPrm)) return;
      const r = await consent.retention.sweep();
      if (r.deletions.length || r.expiredConsents)
        log.info(`retention: ${r.deletions.length} deletions, ${r.expiredConsents} consents expired`);
    })().catch((e: unknown) => log.error(`retention sweep failed: ${(e as Error).message}`));
  }, RETENTION_SWEEP_MS);
  sweep.unref();
  closers.push(() => clearInterval(sweep));
  const hub = {
    config,
    store,
    consent,
    oauth: consent.oauth,
    profiles,
    releases: backend.releases,
    localToken: randomToken(),
    events: new EventBus(log),
    log,
    now,
    liveLease: backend.liveLease,
    onClose: (fn: () => Promise<void> | void) => void closers.push(fn),
    async close() {
      for (const fn of closers.reverse()) {
        try {
          await fn();
        } catch (e) {
          log.error(`while stopping: ${(e as Error).message}`);
        }
      }
      await backend.close();
    },
  };
  return hub;
}

export interface StartOptions {
  dataDir?: string;
  port?: number;
  host?: string;
  demo?: boolean;
  /** Which demo household(s) (`demo.calendar`): the UCI house on its 2007 dates, the synthetic one on today's, both. */
  demoCalendar?: DemoCalendar;
  configFile?: string;
  logLevel?: LogLevel;
  /** Where log lines go (stderr when absent). */
  logWrite?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
  /** Called with progress lines (demo loading…). */
  onProgress?: (msg: string) => void;
  /** Non-interactive first start (tests, scripted installs): create this owner household if no account exists. */
  owner?: { username: string; password: string; displayName?: string };
  /** The `consent` configuration block (controller, retention); defaults when absent. */
  consent?: unknown;
  /** Third-party clients to register at start when not registered yet (embedding, tests); their secrets are not
   *  returned: rotate one with `courant client secret` to use it. */
  clients?: readonly Record<string, unknown>[];
}

export async function startHub(opts: StartOptions = {}): Promise<RunningHub> {
  const overrides: Record<string, unknown> = {};
  if (opts.dataDir !== undefined) overrides.dataDir = opts.dataDir;
  if (opts.port !== undefined || opts.host !== undefined)
    overrides.server = {
      ...(opts.port !== undefined ? { port: opts.port } : {}),
      ...(opts.host !== undefined ? { host: opts.host } : {}),
    };
  if (opts.demo !== undefined || opts.demoCalendar !== undefined)
    overrides.demo = {
      ...(opts.demo !== undefined ? { enabled: opts.demo } : {}),
      ...(opts.demoCalendar !== undefined ? { calendar: opts.demoCalendar } : {}),
    };
  const { config } = loadConfig({ file: opts.configFile, env: opts.env ?? process.env, overrides });
  const format = config.log.format === 'auto' ? (process.stderr.isTTY ? 'text' : 'json') : config.log.format;
  const log = createLogger({
    level: opts.logLevel ?? (process.env.NODE_ENV === 'test' ? 'warn' : config.log.level),
    format,
    ...(opts.logWrite ? { write: opts.logWrite } : {}),
  });
  const consentConfig = opts.consent === undefined ? undefined : consentConfigSchema.parse(opts.consent);
  const hub = await buildHub(config, log, Date.now, consentConfig);
  try {
    if (config.demo.enabled)
      await seedDemo(hub.store, {
        calendar: config.demo.calendar,
        now: Date.now(),
        onProgress: opts.onProgress ?? ((m) => log.info(m)),
      });
    if (opts.owner && (await hub.consent.accounts.needsSetup())) await setupOwner(hub, opts.owner);
    for (const c of opts.clients ?? []) {
      if (!hub.consent.clients.get(String(c.clientId))) await hub.consent.clients.register(INSTALLER, c);
    }
    let live: Leadership | undefined;
    if (config.tic.enabled || config.mqtt.enabled) {
      // one hub instance of those sharing a database reads the meter; alone on a DuckDB file, this one, at once
      const liveLog = log.child('live');
      live = await runAsLeader({
        lease: hub.liveLease,
        everyMs: LIVE_LEASE_CHECK_MS,
        start: () =>
          startLiveSources({
            config,
            store: hub.store,
            log: liveLog,
            onLivePower: (e) => hub.events.emit('livePower', e),
          }),
        stop: (sources) => sources.stop(),
        onChange: (leading, why) => liveLog.info(`live sources ${leading ? 'started' : 'stopped'} here: ${why}`),
      });
      const leadership = live;
      hub.onClose(() => leadership.stop());
    }
    const app = await createApp(hub);
    await app.listen({ host: config.server.host, port: config.server.port });
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : config.server.port;
    const host = config.server.host.includes(':') ? `[${config.server.host}]` : config.server.host;
    const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
    const hubFile = join(config.dataDir, HUB_FILE);
    rmSync(hubFile, { force: true }); // mode 0600 applies at creation only: never reuse a left-over file
    writeFileSync(
      hubFile,
      JSON.stringify({ url, pid: process.pid, startedAt: new Date().toISOString(), token: hub.localToken }) + '\n',
      { mode: 0o600 },
    );
    const setupToken = (await hub.consent.accounts.needsSetup()) ? issueSetupToken(hub) : undefined;
    const setupUrl = setupToken ? `${url}/#/setup?token=${setupToken}` : undefined;
    // The link carries a one-time secret: it goes to the terminal that started the hub (`courant start` prints it),
    // never to the log, which may be shipped to a collector that others read.
    if (setupUrl)
      log.info(
        'first start: no account yet; create the owner at the one-time set-up link printed where the hub was started, or with `courant account create-owner`',
      );
    let closing: Promise<DrainReport> | undefined;
    return {
      url,
      setupUrl,
      hub,
      app,
      live,
      close() {
        closing ??= (async () => {
          // the HTTP edge first (requests in flight finish or are answered HUB_STOPPING), then the live sources and
          // their buffers (hub.onClose), the store last: nothing is still reading or writing when it closes
          log.info(`stopping: ${inFlight(app)} requests in flight, drain timeout ${config.server.drainTimeoutMs} ms`);
          const report = await drain(app, config.server.drainTimeoutMs);
          log.info(`stopping: ${describeDrain(report)}`);
          await hub.close();
          rmSync(hubFile, { force: true });
          log.info('stopped: store closed');
          return report;
        })();
        return closing;
      },
    };
  } catch (e) {
    await hub.close();
    throw e;
  }
}
