/**
 * @module backend/doors/demo
 * The bundled demo household, loaded into an empty database when the hub starts.
 */
export { loadDemoIfEmpty } from '../../adapters/demo/demo.ts';
