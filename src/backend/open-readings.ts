/**
 * @module backend/open-readings
 * The reading store and the usage-point profiles alone, for the commands that only read them with the hub stopped
 * (`courant status`, `export`, `reveal`): neither the consent services nor the signing key are loaded or opened, which
 * saves these commands a tenth of a second at each start and leaves no key file behind. Nothing may be written
 * through this store; writers take openBackend's, which applies the household's recording controls.
 */
import type { Config } from '../config/schema.ts';
import type { ReadingStore } from '../ports/reading-store.ts';
import type { UsagePointRepository } from '../ports/usage-point-repository.ts';
import { openStorage } from './open-storage.ts';

export interface Readings {
  readonly store: ReadingStore;
  readonly profiles: UsagePointRepository;
  /** Closes the database (and `profiles` with it). */
  close(): Promise<void>;
}

export async function openReadings(config: Readonly<Config>): Promise<Readings> {
  const storage = await openStorage({
    dataDir: config.dataDir,
    threads: config.storage.threads,
    memoryLimit: config.storage.memoryLimit,
    ledger: config.ledger,
  });
  try {
    return {
      store: storage.store,
      profiles: await storage.repositories.profiles(),
      close: () => storage.store.close(),
    };
  } catch (e) {
    await storage.store.close();
    throw e;
  }
}
