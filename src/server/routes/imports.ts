/**
 * `POST /api/imports`: the raw file as the body (any content type, streamed, up to MAX_UPLOAD_BYTES), its name in
 * `x-file-name` (URI-encoded), optional `x-prm` and `x-direction`. Answers the import summary; errors are thrown as
 * CourantError (IMPORT_*), and nothing from a failing file is stored.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { CourantError } from '../../core/errors.ts';
import { parsePrm } from '../../core/prm.ts';
import type { Hub } from '../../services/hub.ts';
import { importSources } from '../../services/import-files.ts';
import { profileSink } from '../../services/usage-point-profiles.ts';

export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

async function* limited(body: Readable, max: number): AsyncGenerator<Uint8Array> {
  let n = 0;
  for await (const chunk of body as AsyncIterable<Uint8Array>) {
    n += chunk.length;
    if (n > max) throw new CourantError('IMPORT_TOO_LARGE', `upload larger than ${max / 1024 / 1024} MiB; use the command line on the hub's machine`);
    yield chunk;
  }
}

/**
 * `authorise` is called for each usage point found in an upload before anything is written (throw to refuse the
 * file); the hub should pass the consent policy's write check here. Without it any caller that reaches the route
 * may import data for any usage point.
 */
export async function importRoutes(app: FastifyInstance, hub: Hub, authorise?: (req: FastifyRequest, prm: string) => void | Promise<void>): Promise<void> {
  await app.register(async (scope) => {
    // in this scope only: every body arrives as a raw stream (CSV, JSON, XLSX alike)
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    scope.post('/api/imports', async (req) => {
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
      if (dir !== undefined && dir !== 'consumption' && dir !== 'production') throw new CourantError('INPUT_INVALID', `x-direction: ${JSON.stringify(dir)} is neither consumption nor production`);
      const body = req.body as Readable | undefined;
      if (!body || typeof (body as Partial<Readable>).pipe !== 'function') throw new CourantError('HTTP_BAD_REQUEST', 'send the file as the request body');
      const length = Number(h['content-length']);
      const size = Number.isSafeInteger(length) && length >= 0 ? length : undefined; // chunked uploads: unknown
      const summary = await importSources(hub.store, [{ name, size, open: () => limited(body, MAX_UPLOAD_BYTES) }], {
        prm,
        direction: dir,
        authorise: authorise ? (p) => authorise(req, p) : undefined,
        profiles: profileSink(hub.profiles, hub.now),
      });
      hub.log.info(`import ${name}: ${summary.points} points (${summary.added} added, ${summary.replaced} replaced)`);
      return summary;
    });
  });
}
