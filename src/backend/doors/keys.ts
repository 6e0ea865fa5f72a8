/**
 * @module backend/doors/keys
 * The receipt key file, for the ledger commands (verify, acknowledge) that read it without opening the whole backend.
 */
export { keyPath, readPublicJwk, readSigningKey } from '../../adapters/keys/file-key-store.ts';
