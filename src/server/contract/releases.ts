/**
 * @module server/contract/releases
 * Answers of the published statistics routes (routes/releases.ts): the public list of releases with every parameter
 * of their guarantee, a release as the operator's publication returns it, and the releases a household contributed to.
 * `courant stats release` reads them while the hub runs; the dashboard's #/statistics page and journal show them.
 */
import { z } from 'zod';
import { answers, fileAnswer, instant } from './common.ts';
import type { Release } from '../../use-cases/statistics/release-service.ts';

const file = z.object({ sha256: z.string(), bytes: z.number(), url: z.string() });
const perFamily = z.object({
  homes: z.number().optional(),
  count: z.number().optional(),
  sum: z.number().optional(),
  presence: z.number().optional(),
  quantiles: z.number().optional(),
});

export const releaseSchema = z.object({
  seq: z.number(),
  hash: z.string(),
  releaseId: z.string(),
  publisher: z.string(),
  /** The publisher's registered name (its id when it is no longer registered). */
  publisherName: z.string(),
  createdAt: instant,
  query: z.object({
    areaKind: z.enum(['commune', 'iris', 'group']),
    bucket: z.enum(['hour-of-day', 'day', 'week', 'month']),
    from: instant,
    to: instant,
    statistics: z.array(z.enum(['count', 'sum', 'mean', 'presence', 'quantiles'])),
  }),
  parameters: z.object({
    method: z.string(),
    epsilon: z.number(),
    rho: z.number(),
    delta: z.number(),
    impliedEpsilon: z.number(),
    floor: z.number(),
    /** Noisy count a cell must reach to be published: the floor plus 4.75 σ of the count's noise. */
    threshold: z.number().optional(),
    clipWh: z.number(),
    maxBuckets: z.number(),
    shares: perFamily,
    sigma2: perFamily,
    histogramEdgesWh: z.array(z.number()).optional(),
  }),
  result: z.object({ cellsPublished: z.number(), cellsSuppressed: z.number(), noisyHomes: z.number() }),
  files: z.object({ csv: file, parquet: file }),
});
export type ReleaseView = z.infer<typeof releaseSchema>;

/** The release chain and the published files checked (`courant stats verify`). */
export const releaseAuditSchema = z.object({
  chain: z.union([
    z.object({ ok: z.literal(true), count: z.number(), head: z.string() }),
    z.object({
      ok: z.literal(false),
      count: z.number(),
      seq: z.number(),
      releaseId: z.string(),
      problem: z.string(),
    }),
  ]),
  filesChecked: z.number(),
  fileProblems: z.array(
    z.object({
      releaseId: z.string(),
      format: z.enum(['csv', 'parquet']),
      problem: z.enum(['missing', 'altered']),
    }),
  ),
});
export type ReleaseAuditView = z.infer<typeof releaseAuditSchema>;

export const releaseResponses = {
  list: answers({ 200: z.object({ releases: z.array(releaseSchema) }) }),
  audit: answers({ 200: releaseAuditSchema }),
  created: answers({ 201: z.object({ release: releaseSchema }) }),
  file: answers({
    200: fileAnswer('The release file: text/csv (a header line, one line per published cell) or Parquet'),
  }),
};

/** A release as the routes answer it (and as the command line prints it from the file). */
export function releaseView(r: Release, nameOf: (clientId: string) => string | undefined): ReleaseView {
  const b = r.body;
  const url = (f: 'csv' | 'parquet') => `/api/public/releases/${b.releaseId}.${f}`;
  return {
    seq: r.seq,
    hash: r.hash,
    releaseId: b.releaseId,
    publisher: b.publisher,
    publisherName: nameOf(b.publisher) ?? b.publisher,
    createdAt: b.createdAt,
    query: { ...b.query, statistics: [...b.query.statistics] },
    parameters: {
      ...b.parameters,
      histogramEdgesWh: b.parameters.histogramEdgesWh ? [...b.parameters.histogramEdgesWh] : undefined,
    },
    result: b.result,
    files: { csv: { ...b.files.csv, url: url('csv') }, parquet: { ...b.files.parquet, url: url('parquet') } },
  };
}
