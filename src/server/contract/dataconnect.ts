/**
 * @module server/contract/dataconnect
 * Answers of the Data Connect face (routes/dataconnect.ts), in Enedis's shapes rather than the hub's: the v5
 * `meter_reading`, its content alone (conso.boris.sh), the 2026 `mesure_synchrone_auto/v2` answer, the v5 error body,
 * the gateway's credential fault and throttling bodies, and conso.boris.sh's error envelope. Field order is the wire
 * order of the recorded answers (enedis/serve/). A refusal the hub's own checks make before the route (an ambiguous
 * path spelling) keeps the hub's error body, so each error status accepts both.
 */
import { z } from 'zod';
import { errorBody, errorResponses } from './common.ts';

const readingType = z.discriminatedUnion('aggregate', [
  z.object({
    measurement_kind: z.literal('energy'),
    measuring_period: z.literal('P1D'),
    unit: z.literal('Wh'),
    aggregate: z.literal('sum'),
  }),
  z.object({ unit: z.literal('W'), measurement_kind: z.literal('power'), aggregate: z.literal('average') }),
  z.object({
    unit: z.literal('VA'),
    measurement_kind: z.literal('power'),
    aggregate: z.literal('maximum'),
    measuring_period: z.literal('P1D'),
  }),
]);

export const meterReading = z
  .object({
    usage_point_id: z.string(),
    start: z.string(),
    end: z.string(),
    quality: z.literal('BRUT'),
    reading_type: readingType,
    interval_reading: z.array(
      z.object({
        value: z.string(),
        date: z.string(),
        interval_length: z.string().optional(),
        measure_type: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'DataConnectMeterReading' });

export const v5Answer = z.object({ meter_reading: meterReading }).meta({ id: 'DataConnectV5Answer' });

export const answer2026 = z
  .object({
    idPrm: z.string(),
    etapeMetier: z.literal('BRUT'),
    periode: z.object({ dateDebut: z.string(), dateFin: z.string() }),
    typeValeur: z.literal('GLOBALE').optional(),
    modeCalcul: z.enum(['MESURE', 'DIFF.INDEX', 'INTEG.COURBE']),
    pas: z.literal('P1D').optional(),
    grandeur: z.array(
      z.object({
        grandeurMetier: z.enum(['CONS', 'PROD']),
        grandeurPhysique: z.enum(['EA', 'PA', 'PMA']),
        unite: z.enum(['Wh', 'W', 'VA']),
        points: z.array(
          z.object({
            v: z.string(),
            d: z.string(),
            p: z.string().optional(),
            n: z.string().optional(),
            iv: z.string().optional(),
            ec: z.string().optional(),
          }),
        ),
        calendrier: z.array(z.never()),
      }),
    ),
    contexte: z.array(z.never()),
  })
  .meta({ id: 'DataConnect2026Answer' });

export const dcError = z
  .object({ error: z.string(), error_description: z.string(), error_uri: z.string().optional() })
  .meta({ id: 'DataConnectError' });
export const gatewayFault = z
  .object({ fault: z.object({ code: z.number(), message: z.string(), description: z.string() }) })
  .meta({ id: 'GatewayFault' });
export const gatewayThrottle = z
  .object({ code: z.string(), message: z.string(), description: z.string(), nextAccessTime: z.string() })
  .meta({ id: 'GatewayThrottle' });
export const consoError = z
  .object({ status: z.number(), message: z.string(), error: dcError })
  .meta({ id: 'ConsoApiError' });

/** The answers of a face: its success body, its refusals, and the hub's error body for what fails before the route. */
function faceAnswers<T extends z.ZodType, E extends z.ZodType>(ok: T, refusal: E) {
  const api = z.union([refusal, errorBody]);
  return {
    200: ok,
    400: api,
    401: z.union([gatewayFault, errorBody]),
    403: api,
    404: api,
    429: z.union([gatewayThrottle, errorBody]),
    ...errorResponses,
  };
}

/** The v5 contracts answer (enedis/serve/contract.ts): only the contract fields the hub holds. */
export const contractAnswer = z
  .object({
    customer: z.object({
      customer_id: z.string(),
      usage_points: z
        .array(
          z.object({
            usage_point: z.object({
              usage_point_id: z.string(),
              usage_point_status: z.string(),
              meter_type: z.string(),
            }),
            contracts: z.record(z.string(), z.string()),
          }),
        )
        .readonly(),
    }),
  })
  .meta({ id: 'DataConnectV5Contracts' });

export const dataConnectResponses = {
  contracts: faceAnswers(contractAnswer, dcError),
  v5: faceAnswers(v5Answer, dcError),
  v2026: faceAnswers(answer2026, dcError),
  conso: faceAnswers(meterReading, consoError),
};
