/** Renders errors at the HTTP edge: CourantError → its status and `{ error: { code, message } }`; anything else → 500 without details. */
import type { FastifyError, FastifyInstance } from 'fastify';
import { CourantError, isCourantError } from '../core/errors.ts';
import type { Logger } from '../services/logger.ts';

export function installErrorHandling(app: FastifyInstance, log: Logger): void {
  app.setErrorHandler((err: FastifyError | CourantError | Error, req, reply) => {
    if (isCourantError(err)) {
      if (err.status >= 500) log.error(`${req.method} ${req.url}: ${err.code} ${err.message}`);
      return reply.status(err.status).send({ error: { code: err.code, message: err.message } });
    }
    const fe = err as FastifyError;
    if (fe.validation || (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500)) {
      return reply.status(fe.statusCode ?? 400).send({ error: { code: 'HTTP_BAD_REQUEST', message: fe.message } });
    }
    log.error(`${req.method} ${req.url}: ${err.stack ?? err.message}`);
    return reply.status(500).send({ error: { code: 'HTTP_INTERNAL', message: 'internal error (logged on the hub)' } });
  });
  app.setNotFoundHandler((req, reply) => {
    reply.status(404).send({ error: { code: 'HTTP_NOT_FOUND', message: `not found or no access: ${req.method} ${req.url.split('?')[0]}` } });
  });
}

export const notFound = (what: string) => new CourantError('HTTP_NOT_FOUND', `${what}: not found or no access`);
