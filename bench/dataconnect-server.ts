/**
 * The server side of dataconnect.bench.ts, in its own process so the load generator does not share its event loop.
 * `hub <dataDir>`: the real hub (startHub) on the synthetic household on today's calendar, an owner account, the Data
 * Connect quotas raised out of the way. `floor <bodies.json>`: bare Fastify answering the same load-curve path with
 * the bytes the hub answered for each window (keyed by `start`), nothing else: the floor of HTTP on this machine.
 * Prints its URL on one line; SIGTERM closes it cleanly (so `--cpu-prof` writes its profile).
 */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import { startHub } from '../src/server/main.ts';

export const OWNER = { username: 'foyer', password: 'une phrase facile à retenir' };
export const LOAD_CURVE_PATH = '/metering_data_clc/v5/consumption_load_curve';

async function main(): Promise<void> {
  const [mode, arg] = process.argv.slice(2);
  let close: () => Promise<void>;
  let url: string;
  if (mode === 'hub') {
    const hub = await startHub({
      dataDir: arg!,
      host: '127.0.0.1',
      port: 0,
      demo: true,
      demoCalendar: 'today',
      owner: OWNER,
      logLevel: 'warn',
      onProgress: () => {},
      env: {
        ...process.env,
        COURANT_LIMITS_DATA_CONNECT_PER_SECOND: '1000000',
        COURANT_LIMITS_DATA_CONNECT_PER_HOUR: '100000000',
      },
    });
    url = hub.url;
    close = async () => void (await hub.close());
  } else if (mode === 'floor') {
    const bodies = JSON.parse(readFileSync(arg!, 'utf8')) as Record<string, string>;
    const app = Fastify({ logger: false });
    app.get(LOAD_CURVE_PATH, (req, reply) => {
      const body = bodies[(req.query as { start?: string }).start ?? ''];
      if (body === undefined) return reply.code(404).send();
      return reply.header('content-type', 'application/json; charset=utf-8').send(body);
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    close = () => app.close();
  } else throw new Error(`usage: dataconnect-server.ts hub <dataDir> | floor <bodies.json>`);
  process.once('SIGTERM', () => {
    void close().then(() => process.exit(0));
  });
  process.stdout.write(url + '\n');
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
