/**
 * @module backend/adapters
 * The adapters that the entry points drive themselves: a meter's port or socket for `courant tic`, the Home Assistant
 * bridge, the Enedis Data Connect client for `courant enedis fetch`, the receipt key file for the ledger commands, the
 * demo household loaded at start. The composition root is the one place that names adapters (the layer rules in
 * .dependency-cruiser.cjs hold it), so replacing one changes this file, not the entry points.
 */
export { openTicSource } from '../adapters/sources/open.ts';
export { HomeAssistantBridge } from '../adapters/homeassistant/bridge.ts';
export { DataConnectClient } from '../adapters/enedis/client.ts';
export { keyPath, readPublicJwk, readSigningKey } from '../adapters/keys/file-key-store.ts';
export { loadDemoIfEmpty } from '../adapters/demo/demo.ts';
