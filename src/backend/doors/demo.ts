/**
 * @module backend/doors/demo
 * The bundled demo households, loaded when the hub starts: the UCI house into an empty database, the synthetic one
 * (`demo.calendar`) topped up to yesterday at each start.
 */
export { seedDemo, type DemoCalendar } from '../../adapters/demo/seed.ts';
