/** Server-sent events of live power (TIC, pulses). Silent when no live source is configured. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { noQuery } from '../schemas.ts';
import { seriesResponses } from '../contract/series.ts';
import type { Hub } from '../../use-cases/hub.ts';
import { visiblePrms } from '../auth/access-guard.ts';
import { onDrainStart } from '../drain.ts';

export async function liveRoutes(root: FastifyInstance, hub: Hub): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  // Open streams never end on their own: end them when the hub stops, or closing would wait for every browser tab.
  const open = new Set<import('node:http').ServerResponse>();
  const endAll = () => {
    for (const res of open) res.end();
    open.clear();
  };
  onDrainStart(root, endAll); // when the hub stops (server/drain.ts)
  app.addHook('preClose', async () => endAll()); // an app closed without a drain (tests)
  app.get('/api/live', { schema: { querystring: noQuery, response: seriesResponses.live } }, async (req, reply) => {
    // Live power is real-time data (R15): only the caller's own usage points, checked once at subscription.
    const mine = await visiblePrms(hub, req);
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-content-type-options': 'nosniff',
    });
    reply.raw.write(': courant live\n\n');
    open.add(reply.raw);
    const off = hub.events.on(
      'livePower',
      (p) => mine.has(p.prm) && reply.raw.write(`event: power\ndata: ${JSON.stringify(p)}\n\n`),
    );
    const ping = setInterval(() => reply.raw.write(': ping\n\n'), 15_000);
    req.raw.on('close', () => {
      open.delete(reply.raw);
      off();
      clearInterval(ping);
    });
    reply.hijack();
  });
}
