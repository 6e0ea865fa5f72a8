/**
 * @module backend/doors/meter
 * The meter adapters `courant tic` drives itself: a serial port, TCP socket or capture file, and the Home Assistant
 * bridge. The entry points reach adapters only through the composition root (the layer rules in
 * .dependency-cruiser.cjs); one small door per concern, so a command loads only the adapters it uses.
 */
export { openTicSource } from '../../adapters/sources/open.ts';
export { HomeAssistantBridge } from '../../adapters/homeassistant/bridge.ts';
