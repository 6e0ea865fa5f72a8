/**
 * @module server/drain
 * Stopping the HTTP edge without cutting anyone off. `installDrain` counts the requests in flight; `drain` then
 *   1. answers every request that arrives from then on (on a new connection or an open one) 503 HUB_STOPPING with
 *      `connection: close`, and closes the connection of every answer sent, so no client reuses it,
 *   2. ends the answers that never end on their own (event streams: `onDrainStart`),
 *   3. waits for the requests in flight to finish with their real answer, at most `timeoutMs`; those still running
 *      then are answered 503 HUB_STOPPING; an answer already being written gets one more `timeoutMs` to reach its
 *      client, then is cut (reported),
 *   4. once no request has arrived for a moment (at most `timeoutMs` after the drain began, plus that moment), stops
 *      listening (new connections are refused), closes the connections left idle, then the Fastify instance (its
 *      onClose hooks).
 * Only after that may the caller close the store: nothing answered from the store is still running.
 *
 * Why not Fastify's own close: closing the listening socket at once resets the connections still in the kernel's
 * accept queue (the client had sent its request and sees ECONNRESET), and Node's `http.Server.close()` destroys idle
 * keep-alive connections at once, resetting a request a client is writing on one at that moment. Here the listener
 * and the idle connections stay open, answering HUB_STOPPING, until the requests are done and no more arrive.
 */
import { Server as NetServer, type Socket } from 'node:net';
import type { FastifyInstance, FastifyReply } from 'fastify';

export interface DrainReport {
  /** Requests in flight when the drain began that ended with their real answer. */
  readonly drained: number;
  /** Requests that arrived on an open connection while draining: answered 503 HUB_STOPPING. */
  readonly refused: number;
  /** Requests still running at the timeout: answered 503 HUB_STOPPING. */
  readonly timedOut: number;
  /** Answers already being written at the timeout and still unfinished one timeout later: their connection was
   *  closed (a client that stopped reading, an endless stream such as /api/live). */
  readonly cut: number;
  /** Idle keep-alive connections closed at the end. */
  readonly idleClosed: number;
  readonly ms: number;
}

interface DrainState {
  draining: boolean;
  refused: number;
  /** When the last request arrived while draining (or the drain began). */
  lastArrival: number;
  readonly inFlight: Set<FastifyReply>;
  readonly sockets: Set<Socket>;
  /** Called whenever a request ends, while draining. */
  onIdle?: (() => void) | undefined;
  /** Run when the drain begins: ending answers that never end on their own (event streams). */
  readonly atStart: (() => void)[];
}

/** Per HTTP server, which every encapsulated Fastify scope of an app shares. */
const states = new WeakMap<object, DrainState>();

/** Quiet time on the open connections before the idle ones are closed (ms): longer than a loopback or LAN round trip
 *  between a client's answer and its next request on the same connection. */
const QUIET_MS = 250;

export const STOPPING_BODY = {
  error: { code: 'HUB_STOPPING', message: 'the hub is stopping; try again once it has restarted' },
} as const;

function answerStopping(reply: FastifyReply): FastifyReply {
  return reply.code(503).header('connection', 'close').header('retry-after', '5').send(STOPPING_BODY);
}

/** Registers the hooks counting requests in flight; call once, first, on the root instance. */
export function installDrain(app: FastifyInstance): void {
  const state: DrainState = {
    draining: false,
    refused: 0,
    lastArrival: 0,
    inFlight: new Set(),
    sockets: new Set(),
    atStart: [],
  };
  states.set(app.server, state);
  app.server.on('connection', (s: Socket) => {
    if (state.draining) state.lastArrival = Date.now();
    state.sockets.add(s);
    s.once('close', () => state.sockets.delete(s));
  });
  app.addHook('onRequest', async (_req, reply) => {
    if (state.draining) {
      state.refused++;
      state.lastArrival = Date.now();
      return answerStopping(reply);
    }
    state.inFlight.add(reply);
    // 'close' comes once the answer is written or the client went away: every way a request can end
    reply.raw.once('close', () => {
      state.inFlight.delete(reply);
      state.onIdle?.();
    });
  });
  app.addHook('onSend', async (_req, reply, payload) => {
    if (state.draining) reply.header('connection', 'close');
    return payload;
  });
}

/** Requests being answered now. */
export function inFlight(app: FastifyInstance): number {
  return states.get(app.server)?.inFlight.size ?? 0;
}

/** `end` runs when the drain begins, on any scope of an app made with installDrain: for answers that never end on
 *  their own (an event stream), which the drain would otherwise wait for until its timeout. */
export function onDrainStart(app: FastifyInstance, end: () => void): void {
  states.get(app.server)?.atStart.push(end);
}

/** Stops the HTTP edge as described above; the Fastify instance is closed when it resolves. */
export async function drain(app: FastifyInstance, timeoutMs: number): Promise<DrainReport> {
  const state = states.get(app.server);
  if (!state) throw new Error('drain: installDrain was not called on this app');
  const began = Date.now();
  state.draining = true;
  state.lastArrival = began;
  for (const end of state.atStart) end();
  const atStart = state.inFlight.size;
  const finished = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    state.onIdle = () => {
      if (state.inFlight.size) return;
      clearTimeout(timer);
      resolve(true);
    };
    state.onIdle();
  });
  state.onIdle = undefined;
  let timedOut = 0;
  let cut = 0;
  if (!finished) {
    const writing: FastifyReply[] = [];
    const answered: Promise<void>[] = [];
    for (const reply of state.inFlight) {
      answered.push(new Promise((r) => reply.raw.once('close', () => r())));
      if (reply.sent || reply.raw.headersSent) writing.push(reply);
      else {
        timedOut++;
        answerStopping(reply);
      }
    }
    // an answer already on its way (a large body, a stream) gets one more timeout to reach its client, then is cut
    const late = setTimeout(() => {
      for (const reply of writing)
        if (!reply.raw.writableFinished) {
          cut++;
          reply.raw.destroy();
        }
    }, timeoutMs);
    await Promise.all(answered);
    clearTimeout(late);
  }
  // Idle keep-alive connections: a client may be writing a request on one right now, and closing the listening
  // socket resets the connections still in the kernel's accept queue. Every request arriving while stopping is
  // answered and closes its connection, so wait until none has come for QUIET_MS (bounded), let the event loop poll
  // once more (accepting what is queued), and close only then.
  const deadline = began + timeoutMs + QUIET_MS;
  for (;;) {
    while (Date.now() - state.lastArrival < QUIET_MS && Date.now() < deadline) {
      const wait = Math.min(QUIET_MS - (Date.now() - state.lastArrival), deadline - Date.now());
      await new Promise((r) => setTimeout(r, Math.max(1, wait)));
    }
    const seen = state.lastArrival;
    for (let hop = 0; hop < 2; hop++) await new Promise((r) => setImmediate(r));
    if (state.lastArrival === seen || Date.now() >= deadline) break;
  }
  // the listening socket only (http.Server.close() would destroy idle connections before the line below counts them;
  // its callback would wait for every connection to end)
  if (app.server.listening) NetServer.prototype.close.call(app.server);
  let idleClosed = 0;
  for (const s of state.sockets) if (!s.destroyed) idleClosed++;
  app.server.closeIdleConnections();
  await app.close();
  return {
    drained: atStart - timedOut - cut,
    refused: state.refused,
    timedOut,
    cut,
    idleClosed,
    ms: Date.now() - began,
  };
}

/** One line for the log: what the drain did. */
export function describeDrain(r: DrainReport): string {
  const parts = [`drained ${r.drained} request${r.drained === 1 ? '' : 's'} in ${r.ms} ms`];
  if (r.refused) parts.push(`${r.refused} arriving while stopping answered HUB_STOPPING`);
  if (r.timedOut) parts.push(`${r.timedOut} still running at the drain timeout answered HUB_STOPPING`);
  if (r.cut) parts.push(`${r.cut} cut (their answer had begun at the drain timeout)`);
  if (r.idleClosed) parts.push(`${r.idleClosed} idle connection${r.idleClosed === 1 ? '' : 's'} closed`);
  return parts.join('; ');
}
