/**
 * @module server/contract/common
 * What every API route may answer besides its success: the error body the error handler renders
 * (`{ error: { code, message } }`, code from the catalogue), declared for every 4xx and 5xx status. Response objects
 * are `z.object` (not strict): the serializer sends only the fields the contract names, so a field a use case adds
 * later never reaches the wire unannounced, and a field of the wrong type is refused (500) instead of sent.
 *
 * The web client imports these types with `import type`, so nothing here reaches the browser bundle.
 */
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { ERROR_CATALOGUE, type ErrorCode } from '../../core/errors.ts';

const codes = Object.keys(ERROR_CATALOGUE) as [ErrorCode, ...ErrorCode[]];
export const errorCode = z.enum(codes);

/** The body of every error answer (see server/errors.ts). */
export const errorBody = z
  .object({ error: z.object({ code: errorCode, message: z.string() }) })
  .meta({ id: 'ErrorBody' });
export type ErrorBody = z.infer<typeof errorBody>;

/** Error statuses every route declares: whatever the catalogue code, its body is `errorBody`. */
export const errorResponses = { '4xx': errorBody, '5xx': errorBody } as const;

/** A route's response map: its success answers by status, and the error body for 4xx and 5xx. */
export function answers<T extends Record<number, z.ZodType>>(ok: T): T & typeof errorResponses {
  return { ...ok, ...errorResponses };
}

/** An ISO-8601 instant as the hub writes it (`Date#toISOString`). */
export const instant = z.string();

/**
 * A non-JSON answer (a file, a stream, a page): documented by its content type. Fastify sends strings, buffers and
 * streams unchanged (no serializer runs), so this schema types the handler's answer and documents it, nothing more.
 */
export const fileAnswer = (description: string) => z.custom<string | Uint8Array | Readable>().describe(description);

/** A ledger append's answer: the event and where to download its signed receipt (server/auth/household.ts). */
export const receipted = z.object({
  event: z.object({ eventId: z.string(), seq: z.number(), type: z.string(), at: instant }),
  receipt: z.object({ jws: z.string(), url: z.string() }),
});
export type Receipted = z.infer<typeof receipted>;
