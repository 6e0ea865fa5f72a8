/** Renders errors at the HTTP edge: CourantError → its status and `{ error: { code, message } }`; anything else → 500
 * without details.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { CourantError, isCourantError } from '../core/errors.ts';
import type { Logger } from '../ports/logger.ts';

interface ValidationIssue {
  readonly keyword?: string;
  readonly instancePath?: string;
  readonly message?: string;
  readonly params?: { keys?: unknown };
}

const CONTEXT: Record<string, string> = { querystring: 'query', body: 'body', params: 'path', headers: 'headers' };

/** A schema refusal as a catalogue error naming the field: `query.prm: unexpected parameter`. */
export function validationError(fe: FastifyError): CourantError {
  const where = CONTEXT[fe.validationContext ?? ''] ?? 'request';
  const issue = (fe.validation?.[0] ?? {}) as ValidationIssue;
  const path = (issue.instancePath ?? '').split('/').filter(Boolean).join('.');
  const keys = Array.isArray(issue.params?.keys) ? (issue.params.keys as unknown[]).map(String) : [];
  const field = [where, path].filter(Boolean).join('.');
  const message =
    issue.keyword === 'unrecognized_keys' && keys.length
      ? `${keys.map((k) => `${field}.${k}`).join(', ')}: unexpected ${where === 'query' ? 'parameter' : 'field'}`
      : `${field}: ${issue.message ?? 'invalid'}`;
  return new CourantError('INPUT_INVALID', message, {
    details: { where: keys.length ? `${field}.${keys[0]}` : field },
  });
}

export function installErrorHandling(app: FastifyInstance, log: Logger): void {
  app.setErrorHandler((err: FastifyError | CourantError | Error, req, reply) => {
    const fe = err as FastifyError;
    const e = isCourantError(err)
      ? err
      : fe.validation
        ? validationError(fe)
        : fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
          ? new CourantError(
              'HTTP_BODY_TOO_LARGE',
              'the request body is larger than this hub accepts (limits.jsonBodyBytes)',
            )
          : err;
    if (isCourantError(e)) {
      if (e.status >= 500) log.error(`${req.method} ${req.url}: ${e.code} ${e.message}`);
      if (e.status === 429 && typeof e.details?.retryAfterSeconds === 'number')
        reply.header('retry-after', String(e.details.retryAfterSeconds));
      return reply.status(e.status).send({ error: { code: e.code, message: e.message } });
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply.status(fe.statusCode).send({ error: { code: 'HTTP_BAD_REQUEST', message: fe.message } });
    }
    log.error(`${req.method} ${req.url}: ${err.stack ?? err.message}`);
    return reply.status(500).send({ error: { code: 'HTTP_INTERNAL', message: 'internal error (logged on the hub)' } });
  });
  app.setNotFoundHandler((req, reply) => {
    reply.status(404).send({
      error: { code: 'HTTP_NOT_FOUND', message: `not found or no access: ${req.method} ${req.url.split('?')[0]}` },
    });
  });
}

export const notFound = (what: string) => new CourantError('HTTP_NOT_FOUND', `${what}: not found or no access`);
