/**
 * @module server/app
 * The Fastify app factory: routes and error rendering, no `listen`, no environment reads.
 * Tests call `createApp(hub)` and use `app.inject()`; `main.ts` listens.
 *
 * Every API route is registered inside one encapsulated scope (`apiScope`) whose hooks authenticate the caller: the
 * check is attached to the routes themselves, so it holds however the path was spelt. Paths with ambiguous spellings
 * are refused before routing (see path-hygiene.ts). Request shapes are declared per route with zod schemas
 * (fastify-type-provider-zod): unknown query keys and body fields are refused, never ignored or merged.
 */
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Hub } from '../use-cases/hub.ts';
import { installErrorHandling } from './errors.ts';
import { installDrain } from './drain.ts';
import { fastifyLoggerFor } from '../backend/logging.ts';
import { checkPathSpelling } from './path-hygiene.ts';
import { seriesRoutes } from './routes/series.ts';
import { healthRoutes } from './routes/health.ts';
import { liveRoutes } from './routes/live.ts';
import { exportRoutes } from './routes/export.ts';
import { authHooks } from './auth/auth-plugin.ts';
import { accountRoutes } from './routes/account.ts';
import { consentRoutes } from './routes/consent.ts';
import { controlRoutes } from './routes/controls.ts';
import { rightsRoutes } from './routes/rights.ts';
import { transparencyRoutes } from './routes/transparency.ts';
import { operatorRoutes } from './routes/operator.ts';
import { costRoutes } from './routes/costs.ts';
import { revealRoutes } from './routes/reveal.ts';
import { guardedImportRoutes } from './routes/imports-guarded.ts';
import { oauthRoutes } from './routes/oauth.ts';
import { clientRoutes } from './routes/clients.ts';
import { statsAreaRoutes } from './routes/stats-areas.ts';
import { releaseRoutes } from './routes/releases.ts';
import { dataConnectRoutes } from './routes/dataconnect.ts';
import { openApiRoutes } from './routes/openapi.ts';

export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/** Route plugins added by other areas register here: `(app, hub) => Promise<void>`. */
export type RoutePlugin = (app: FastifyInstance, hub: Hub) => Promise<void> | void;
/** Every API route; each is registered inside the authenticated scope (deny by default unless `config.public`). */
export const ROUTES: RoutePlugin[] = [
  healthRoutes,
  seriesRoutes,
  liveRoutes,
  exportRoutes,
  accountRoutes,
  consentRoutes,
  controlRoutes,
  rightsRoutes,
  transparencyRoutes,
  operatorRoutes,
  costRoutes,
  revealRoutes,
  guardedImportRoutes,
  // before the routes it describes: it sees them as they are registered
  openApiRoutes,
  oauthRoutes,
  clientRoutes,
  statsAreaRoutes,
  releaseRoutes,
  dataConnectRoutes,
];

/** A registered API route as the authorisation matrix sees it. */
export interface RouteEntry {
  readonly method: string;
  readonly url: string;
  readonly public: boolean;
  /** Statuses its response schema declares (`200`, `4xx`…): every route answers a contract (server/contract/). */
  readonly responses: readonly string[];
}

const routeTables = new WeakMap<FastifyInstance, RouteEntry[]>();

/** Every API route registered on an app made by createApp (method, path, public or not). */
export function apiRoutesOf(app: FastifyInstance): readonly RouteEntry[] {
  return routeTables.get(app) ?? [];
}

export async function createApp(hub: Hub, opts: { webDist?: string } = {}): Promise<FastifyInstance> {
  // Fastify writes through the hub's own pino instance (one stream, one redaction list); a hub built with another
  // Logger (a test double) gets a silent Fastify.
  const loggerInstance: FastifyBaseLogger | undefined = fastifyLoggerFor(hub.log);
  const app = Fastify({
    ...(loggerInstance ? { loggerInstance } : { logger: false }),
    bodyLimit: hub.config.limits.jsonBodyBytes,
    trustProxy: false,
    // stopping is drain.ts's: Fastify's own closing answers (a bare 503, idle connections destroyed) are off
    forceCloseConnections: false,
    return503OnClosing: false,
  });
  installDrain(app); // first: a request arriving while the hub stops is answered before any other hook runs
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app, hub.log.child('http'));
  app.addHook('onRequest', async (req) => checkPathSpelling(req.raw.url ?? '/'));
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    return payload;
  });
  await app.register(fastifyCookie);
  const table: RouteEntry[] = [];
  routeTables.set(app, table);
  await app.register(async function apiScope(api) {
    api.addHook('onRoute', (r) => {
      for (const method of [r.method].flat())
        if (method !== 'HEAD')
          table.push({
            method,
            url: r.url,
            public: r.config?.public === true,
            responses: Object.keys(r.schema?.response ?? {}),
          });
    });
    authHooks(api, hub);
    for (const plugin of ROUTES) await plugin(api, hub);
  });
  const webDist = opts.webDist ?? WEB_DIST;
  if (existsSync(webDist)) {
    await app.register(fastifyStatic, { root: webDist, prefix: '/', index: 'index.html', wildcard: false });
  } else {
    app.get('/', async (_req, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .send('courant: the dashboard is not built (run `npm run build:web`). The API is at /api/.\n'),
    );
  }
  return app;
}
