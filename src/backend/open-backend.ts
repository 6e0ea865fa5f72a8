/**
 * @module backend/open-backend
 * The composition root: builds every storage port from the validated configuration — the reading store, usage-point
 * profiles, and the consent hub (ledger, accounts and sessions, access log, signing key) — and wraps the reading store
 * in the household's recording controls (use-cases/recording-guard.ts). The hub (`buildHub`), every CLI command that
 * opens the database and every live source get their ports here, so there is one write path and it is guarded.
 * Apart from src/backend/open-storage.ts and the engine folders under src/store/, nothing else names an engine class.
 */
import type { Config } from '../config/schema.ts';
import type { ConsentConfig } from '../consent/config.ts';
import { openStorage } from './open-storage.ts';
import type { ReadingStore } from '../ports/reading-store.ts';
import type { UsagePointRepository } from '../ports/usage-point-repository.ts';
import type { ClientRepository } from '../ports/client-repository.ts';
import type { ConsentRepository } from '../ports/consent-repository.ts';
import type { LeaderLease } from '../ports/leader-lease.ts';
import { openConsentHub, type ConsentHub } from '../use-cases/consent/index.ts';
import type { Clock } from '../use-cases/consent/ledger-service.ts';
import { loadOrCreateSigningKey } from '../adapters/keys/file-key-store.ts';
import { loadOrCreateNoiseKey } from '../adapters/keys/noise-key-file.ts';
import type { SigningKey } from '../ports/signing-key.ts';
import type { Refusal } from '../use-cases/consent/refusals.ts';
import { guardRecording } from '../use-cases/recording-guard.ts';
import { discreteGaussianSampler, ReleaseService } from '../use-cases/statistics/release-service.ts';

export interface Backend {
  /** The reading store every writer uses: the household's recording controls applied. */
  readonly readings: ReadingStore;
  readonly profiles: UsagePointRepository;
  readonly consent: ConsentHub;
  /** Published statistics: releases, their ledger and files (docs/statistics.md). */
  readonly releases: ReleaseService;
  /** Paths of the data dir that were readable by others and were tightened (or could not be): for the log. */
  readonly modeWarnings: readonly string[];
  /** The lease of the live sources: one hub instance of those sharing the repositories' database runs them. */
  readonly liveLease: LeaderLease;
  /** Closes the database (and with it every port above). */
  close(): Promise<void>;
}

export interface BackendOptions {
  /** Current time in ms for the ledger (tests move it). */
  readonly now?: (() => number) | undefined;
  /** A clock object instead of `now` (consent tests share a manual clock). */
  readonly clock?: Clock | undefined;
  /** The consent block; `config.consent` when absent. */
  readonly consentConfig?: ConsentConfig | undefined;
  readonly onRefusal?: ((r: Refusal) => void) | undefined;
  /** Usage points the retention sweep must not touch. */
  readonly retentionExempt?: ((prm: string) => boolean) | undefined;
  readonly key?: SigningKey | undefined;
}

export async function openBackend(config: Readonly<Config>, opts: BackendOptions = {}): Promise<Backend> {
  const storage = await openStorage({
    dataDir: config.dataDir,
    threads: config.storage.threads,
    memoryLimit: config.storage.memoryLimit,
    ledger: config.ledger,
    readings: config.storage,
  });
  const close = () => storage.store.close();
  try {
    const profiles = await storage.repositories.profiles();
    const consent = await openConsentHub({
      repositories: storage.repositories,
      // the consent services read and delete; they never write readings, so they get the store as it is
      readings: storage.store,
      profiles,
      config: opts.consentConfig ?? config.consent,
      clock: opts.clock ?? (opts.now ? { now: opts.now } : undefined),
      onRefusal: opts.onRefusal,
      retentionExempt: opts.retentionExempt,
      key: opts.key ?? (await loadOrCreateSigningKey(config.dataDir)),
      noiseKey: loadOrCreateNoiseKey(config.dataDir),
    });
    const releaseLedger = await storage.repositories.releases();
    const releases = new ReleaseService({
      ledger: releaseLedger,
      consent,
      // the aggregate reads; it never writes readings
      store: storage.store,
      areas: profiles,
      sampler: discreteGaussianSampler(),
      settings: () => config.stats,
      now: opts.clock ? () => opts.clock!.now() : (opts.now ?? Date.now),
    });
    return {
      readings: guardRecording(storage.store, consent.controls),
      profiles,
      consent,
      releases,
      modeWarnings: storage.modeWarnings,
      liveLease: storage.repositories.liveLease(),
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}

/**
 * The consent ledger's storage alone, for the CLI commands that verify, acknowledge or report on it while the hub is
 * stopped: no ledger replay (a damaged ledger must still be readable), no signing key.
 */
export async function openLedgerStorage(
  config: Readonly<Config>,
): Promise<{ repo: ConsentRepository; clients: ClientRepository; close(): Promise<void> }> {
  const storage = await openStorage({
    dataDir: config.dataDir,
    threads: config.storage.threads,
    memoryLimit: config.storage.memoryLimit,
    ledger: config.ledger,
    readings: config.storage,
  });
  try {
    return {
      repo: await storage.repositories.consent(),
      clients: await storage.repositories.clients(),
      close: () => storage.store.close(),
    };
  } catch (e) {
    await storage.store.close();
    throw e;
  }
}
