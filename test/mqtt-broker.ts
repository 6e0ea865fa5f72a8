/**
 * A real MQTT broker for tests: Debian's mosquitto when installed, else aedes in process (both speak MQTT over TCP).
 * Resolves once the broker accepts connections.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import mqtt from 'mqtt';
import { DEADLINE_MS } from './wait.ts';

const MOSQUITTO = '/usr/sbin/mosquitto';

export interface TestBroker {
  readonly url: string;
  readonly kind: 'mosquitto' | 'aedes';
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

export async function startBroker(): Promise<TestBroker> {
  if (existsSync(MOSQUITTO)) {
    const port = await freePort();
    const url = `mqtt://127.0.0.1:${port}`;
    const proc = spawn(MOSQUITTO, ['-p', String(port)], { stdio: 'ignore' });
    // mosquitto says nothing when it is ready: try to connect until it accepts, within a deadline a busy machine meets
    for (const t0 = Date.now(); ;) {
      try {
        await (await mqtt.connectAsync(url, { reconnectPeriod: 0, connectTimeout: 2000 })).endAsync();
        break;
      } catch (e) {
        if (Date.now() - t0 > DEADLINE_MS) {
          proc.kill();
          throw e;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    return { url, kind: 'mosquitto', stop: async () => void proc.kill() };
  }
  const { Aedes } = await import('aedes');
  const broker = await Aedes.createBroker();
  const server = createServer(broker.handle as (socket: import('node:net').Socket) => void);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `mqtt://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url,
    kind: 'aedes',
    stop: async () => {
      await new Promise<void>((r) => broker.close(() => r()));
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
