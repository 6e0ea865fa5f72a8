/**
 * @module server/series-serializer
 * The series route's serializer. A year at 30 minutes is 35,040 numbers in `t` and as many in `v`: the zod
 * serializer would copy every element through the schema before `JSON.stringify`, which the route cannot afford.
 * Here the small head of the answer goes through its zod schema (unknown fields dropped, wrong types refused) and
 * the number arrays are checked by one plain loop each, then the answer is encoded once. Other statuses (the error
 * body) keep the zod serializer.
 */
import type { FastifyRouteSchemaDef } from 'fastify/types/schema.js';
import { ResponseSerializationError, serializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { seriesData } from './contract/series.ts';

const head = seriesData.omit({ t: true, v: true, min: true, max: true });

function numbers(v: unknown, nullable: boolean): v is number[] | null {
  if (v === null) return nullable;
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'number') return false;
  return true;
}

function refuse(method: string, url: string, path: string, message: string): never {
  throw new ResponseSerializationError(method, url, {
    cause: new z.ZodError([{ code: 'custom', path: [path], message, input: undefined }]),
  });
}

type ZodRoute = Parameters<typeof serializerCompiler>[0];

/** Fastify types `schema` as the route's whole schema; at run time it is the response schema of `httpStatus` (zod). */
export const seriesSerializerCompiler = <S>(route: FastifyRouteSchemaDef<S>) => {
  if (String(route.httpStatus) !== '200') return serializerCompiler(route as unknown as ZodRoute);
  const { method, url } = route;
  return (data: unknown) => {
    const d = (data ?? {}) as Record<string, unknown>;
    const h = head.safeParse(d);
    if (!h.success) throw new ResponseSerializationError(method, url, { cause: h.error });
    if (!numbers(d.t, false)) refuse(method, url, 't', 'expected an array of numbers');
    if (!numbers(d.v, false)) refuse(method, url, 'v', 'expected an array of numbers');
    if (!numbers(d.min, true)) refuse(method, url, 'min', 'expected an array of numbers or null');
    if (!numbers(d.max, true)) refuse(method, url, 'max', 'expected an array of numbers or null');
    return JSON.stringify({ ...h.data, t: d.t, v: d.v, min: d.min, max: d.max });
  };
};
