/**
 * @module backend/doors/enedis
 * The Enedis Data Connect HTTP client, for `courant enedis fetch`.
 */
export { DataConnectClient } from '../../adapters/enedis/client.ts';
