/**
 * @module adapters/keys/noise-key-file
 * The secret of protected daily sharing's noise streams (privacy/daily-noise.ts): 32 random bytes generated on first
 * use and kept in `<dataDir>/keys/protected-noise.key` with mode 0600, beside the receipt key and never in the
 * ledger. Kept across restarts so a day read again after a restart answers the same protected value; lost, the
 * protected values of days already read would change and a recipient could average the old and new ones.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CourantError } from '../../core/errors.ts';

export function noiseKeyPath(dataDir: string): string {
  return join(dataDir, 'keys', 'protected-noise.key');
}

/** Load the noise key from the data dir, creating it (0600) on first use. */
export function loadOrCreateNoiseKey(dataDir: string): Uint8Array {
  const path = noiseKeyPath(dataDir);
  if (!existsSync(path)) {
    mkdirSync(join(dataDir, 'keys'), { recursive: true, mode: 0o700 });
    const key = globalThis.crypto.getRandomValues(new Uint8Array(32));
    try {
      writeFileSync(path, Buffer.from(key).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
      chmodSync(path, 0o600);
      return key;
    } catch (e) {
      // another process of the same hub created it first: read that one
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  let key: Uint8Array;
  try {
    key = new Uint8Array(Buffer.from(readFileSync(path, 'utf8').trim(), 'base64'));
  } catch (cause) {
    throw new CourantError('KEYSTORE_UNREADABLE', `${path}: ${(cause as Error).message}`, { cause });
  }
  if (key.length < 32) throw new CourantError('KEYSTORE_UNREADABLE', `${path}: not a 32-byte base64 key`);
  return key;
}
