/**
 * `POST /api/imports`: the raw file as the body (any content type, streamed, up to `limits.uploadBytes`), its name in
 * `x-file-name` (URI-encoded), optional `x-prm` (needed when the file masks its PRM, fourteen zeros included) and
 * `x-direction`. Answers the import summary; errors are thrown as
 * CourantError (IMPORT_*), and nothing from a failing file is stored. Every upload is parsed in the parser thread
 * (never on the event loop), and an account runs at most `limits.importsPerAccount` imports at a time.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { noQuery } from '../schemas.ts';
import { importResponses } from '../contract/imports.ts';
import type { Readable } from 'node:stream';
import { CourantError } from '../../core/errors.ts';
import { parsePrm } from '../../core/prm.ts';
import type { Hub } from '../../use-cases/hub.ts';
import { importSources } from '../../use-cases/import-files.ts';
import { profileSink } from '../../use-cases/usage-point-profiles.ts';
import { formatBytes } from '../../importers/limits.ts';

async function* limited(body: Readable, max: number): AsyncGenerator<Uint8Array> {
  let n = 0;
  for await (const chunk of body as AsyncIterable<Uint8Array>) {
    n += chunk.length;
    if (n > max)
      throw new CourantError(
        'IMPORT_TOO_LARGE',
        `upload larger than ${formatBytes(max)} (limits.uploadBytes); import it with \`courant import\` on the hub's machine`,
        { details: { limit: max } },
      );
    yield chunk;
  }
}

/** Whose import this is, for the concurrency limit: the signed-in account (or the local CLI token's actor). */
function accountOf(req: FastifyRequest): string {
  return req.auth ? `${req.auth.actor.kind}:${req.auth.actor.id}` : 'anonymous';
}

/**
 * `authorise` is called for each usage point found in an upload before anything is written (throw to refuse the
 * file); the hub should pass the consent policy's write check here. Without it any caller that reaches the route
 * may import data for any usage point.
 */
export async function importRoutes(
  app: FastifyInstance,
  hub: Hub,
  authorise?: (req: FastifyRequest, prm: string) => void | Promise<void>,
): Promise<void> {
  const limits = hub.config.limits;
  /** Imports running per account. */
  const running = new Map<string, number>();
  await app.register(async (untyped) => {
    const scope = untyped.withTypeProvider<ZodTypeProvider>();
    // in this scope only: every body arrives as a raw stream (CSV, JSON, XLSX alike)
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    scope.post('/api/imports', { schema: { querystring: noQuery, response: importResponses.import } }, async (req) => {
      const h = req.headers;
      const rawName = typeof h['x-file-name'] === 'string' ? h['x-file-name'] : 'upload';
      let name: string;
      try {
        name = decodeURIComponent(rawName).replace(/[/\\]/g, '_');
      } catch {
        name = rawName;
      }
      const prm = typeof h['x-prm'] === 'string' && h['x-prm'] !== '' ? parsePrm(h['x-prm'], 'x-prm') : undefined;
      const dir = h['x-direction'];
      if (dir !== undefined && dir !== 'consumption' && dir !== 'production')
        throw new CourantError(
          'INPUT_INVALID',
          `x-direction: ${JSON.stringify(dir)} is neither consumption nor production`,
        );
      const body = req.body as Readable | undefined;
      if (!body || typeof (body as Partial<Readable>).pipe !== 'function')
        throw new CourantError('HTTP_BAD_REQUEST', 'send the file as the request body');
      const length = Number(h['content-length']);
      const size = Number.isSafeInteger(length) && length >= 0 ? length : undefined; // chunked uploads: unknown
      const account = accountOf(req);
      const busy = running.get(account) ?? 0;
      if (busy >= limits.importsPerAccount) {
        const what = busy === 1 ? 'another import of this account is' : `${busy} other imports of this account are`;
        throw new CourantError(
          'IMPORT_BUSY',
          `${what} still running (at most ${limits.importsPerAccount} at a time, limits.importsPerAccount); wait until ${busy === 1 ? 'it ends' : 'one ends'}, then send ${name} again`,
          {
            details: { limit: limits.importsPerAccount },
          },
        );
      }
      running.set(account, busy + 1);
      let summary;
      try {
        summary = await importSources(hub.store, [{ name, size, open: () => limited(body, limits.uploadBytes) }], {
          prm,
          // an anonymised file's fourteen zeros are no meter of the household: the page asks which one it is
          zerosMasked: true,
          direction: dir,
          authorise: authorise ? (p) => authorise(req, p) : undefined,
          profiles: profileSink(hub.profiles, hub.now),
          parseIn: 'worker',
          limits,
        });
      } finally {
        const left = (running.get(account) ?? 1) - 1;
        if (left > 0) running.set(account, left);
        else running.delete(account);
      }
      hub.log.info(`import ${name}: ${summary.points} points (${summary.added} added, ${summary.replaced} replaced)`);
      return summary;
    });
  });
}
