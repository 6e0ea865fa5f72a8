/**
 * @module server/contract/openapi
 * `GET /openapi.json`: an OpenAPI 3.1 document (routes/openapi.ts). Its inside is JSON Schema, described by the
 * OpenAPI specification itself, so the contract names the top-level fields only and passes the rest as it is.
 */
import { z } from 'zod';
import { answers } from './common.ts';

export const openApiDocument = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
});

export type OpenApiDocument = z.infer<typeof openApiDocument>;

export const openApiResponses = { document: answers({ 200: openApiDocument }) };
