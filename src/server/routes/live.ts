/** Server-sent events of live power (TIC, pulses). Silent when no live source is configured. */
import type { FastifyInstance } from 'fastify';
import type { Hub } from '../../services/hub.ts';
import { visiblePrms } from '../auth/access-guard.ts';

export async function liveRoutes(app: FastifyInstance, hub: Hub): Promise<void> {
  app.get('/api/live', async (req, reply) => {
    // Live power is real-time data (R15): only the caller's own usage points, checked once at subscription.
    const mine = await visiblePrms(hub, req);
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-content-type-options': 'nosniff' });
    reply.raw.write(': courant live\n\n');
    const off = hub.events.on('livePower', (p) => mine.has(p.prm) && reply.raw.write(`event: power\ndata: ${JSON.stringify(p)}\n\n`));
    const ping = setInterval(() => reply.raw.write(': ping\n\n'), 15_000);
    req.raw.on('close', () => {
      off();
      clearInterval(ping);
    });
    reply.hijack();
  });
}
