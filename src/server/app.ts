/**
 * @module server/app
 * The Fastify app factory: routes and error rendering, no `listen`, no environment reads.
 * Tests call `createApp(hub)` and use `app.inject()`; `main.ts` listens.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Hub } from '../services/hub.ts';
import { installErrorHandling } from './errors.ts';
import { seriesRoutes } from './routes/series.ts';
import { healthRoutes } from './routes/health.ts';
import { liveRoutes } from './routes/live.ts';
import { exportRoutes } from './routes/export.ts';
import { authPlugin } from './auth/auth-plugin.ts';
import { accountRoutes } from './routes/account.ts';
import { consentRoutes } from './routes/consent.ts';
import { controlRoutes } from './routes/controls.ts';
import { rightsRoutes } from './routes/rights.ts';
import { transparencyRoutes } from './routes/transparency.ts';
import { operatorRoutes } from './routes/operator.ts';
import { costRoutes } from './routes/costs.ts';
import { revealRoutes } from './routes/reveal.ts';
import { guardedImportRoutes } from './routes/imports-guarded.ts';

export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/** Route plugins added by other areas register here: `(app, hub) => Promise<void>`. */
export type RoutePlugin = (app: FastifyInstance, hub: Hub) => Promise<void> | void;
// authPlugin first: deny by default for every /api/ route below unless declared `config: { public: true }`.
export const ROUTES: RoutePlugin[] = [authPlugin, healthRoutes, seriesRoutes, liveRoutes, exportRoutes, accountRoutes, consentRoutes, controlRoutes, rightsRoutes, transparencyRoutes, operatorRoutes, costRoutes, revealRoutes, guardedImportRoutes];

export async function createApp(hub: Hub, opts: { webDist?: string } = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: hub.config.limits.jsonBodyBytes, trustProxy: false });
  installErrorHandling(app, hub.log.child('http'));
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    return payload;
  });
  for (const plugin of ROUTES) await plugin(app, hub);
  const webDist = opts.webDist ?? WEB_DIST;
  if (existsSync(webDist)) {
    await app.register(fastifyStatic, { root: webDist, prefix: '/', index: 'index.html', wildcard: false });
  } else {
    app.get('/', async (_req, reply) => reply.type('text/plain; charset=utf-8').send('courant: the dashboard is not built (run `npm run build:web`). The API is at /api/.\n'));
  }
  return app;
}
