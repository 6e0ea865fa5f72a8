/**
 * The HTTP app over a bench's own store, listening on a loopback port. The API denies by default: benches read with
 * the local CLI token (no owner set up, so the usage points are unoccupied and the machine's admin may read them).
 */
import type { FastifyInstance } from 'fastify';
import { loadOrCreateSigningKey } from '../src/adapters/keys/file-key-store.ts';
import { randomToken } from '../src/accounts/accounts.ts';
import { createLogger } from '../src/backend/logging.ts';
import { loadConfig } from '../src/config/load.ts';
import type { ReadingStore } from '../src/ports/reading-store.ts';
import type { StorageRepositories } from '../src/ports/repositories.ts';
import { discreteGaussianSampler, ReleaseService } from '../src/use-cases/statistics/release-service.ts';
import { createApp } from '../src/server/app.ts';
import { openConsentHub } from '../src/use-cases/consent/index.ts';
import { EventBus, type Hub } from '../src/use-cases/hub.ts';

export interface ListeningHub {
  readonly app: FastifyInstance;
  readonly port: number;
  /** `Authorization` header value of the local token. */
  readonly auth: string;
}

export async function listenOn(
  store: ReadingStore,
  repositories: StorageRepositories,
  dataDir: string,
): Promise<ListeningHub> {
  const { config } = loadConfig({ env: {}, cwd: dataDir, overrides: { dataDir } });
  const consent = await openConsentHub({ repositories, readings: store, key: await loadOrCreateSigningKey(dataDir) });
  const profiles = await repositories.profiles();
  const releases = new ReleaseService({
    ledger: await repositories.releases(),
    consent,
    store,
    areas: profiles,
    sampler: discreteGaussianSampler(),
    settings: () => config.stats,
    now: Date.now,
  });
  const hub: Hub = {
    config,
    store,
    consent,
    oauth: consent.oauth,
    profiles,
    releases,
    localToken: randomToken(),
    events: new EventBus(),
    log: createLogger({ level: 'silent' }),
    now: Date.now,
    onClose: () => undefined,
  };
  const app = await createApp(hub, { webDist: '/nonexistent' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, port: (app.server.address() as { port: number }).port, auth: `Bearer ${hub.localToken}` };
}
