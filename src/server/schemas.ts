/**
 * @module server/schemas
 * Request shapes shared by the routes (zod, through fastify-type-provider-zod). Every object is strict: a parameter
 * or field a route does not declare is refused with INPUT_INVALID naming it, so no request input can reach a route
 * under a name it did not expect (a `prm` in the query of a route whose usage point comes from the path, say).
 * Values stay strings here where the core has its own parser with a precise catalogue code (PRM, dates, steps).
 */
import { z } from 'zod';

/** Path of the usage-point routes. The PRM is checked by `parsePrm` in the access guard (INPUT_INVALID_PRM). */
export const prmParams = z.strictObject({ prm: z.string() });

/** The language of texts meant for the household. */
export const lang = z.enum(['fr', 'en']);

/** `from`/`to`: a Paris civil day (YYYY-MM-DD) or an ISO-8601 instant with offset, parsed by the core. */
export const rangeQuery = { from: z.string().optional(), to: z.string().optional() };

/** Why a non-household reads (consent purpose); households and authorities have theirs implied. */
export const purposeQuery = { purpose: z.string().optional() };

/** A JSON body with no field (state-changing calls that take none). */
export const emptyBody = z.strictObject({}).nullish();

export const noQuery = z.strictObject({});
