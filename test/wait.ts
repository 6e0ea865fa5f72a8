/**
 * Waiting in tests for something to happen, never for a fixed time. `until` re-checks a condition after each event
 * of the emitters it is given (or every few milliseconds when nothing emits one) and fails after a generous deadline
 * naming what it waited for: a loaded machine makes a test slower, never red.
 */
/** Anything with on/off (a Node EventEmitter, a stream, an MQTT client). */
export interface Emitter {
  on(event: string, listener: () => void): unknown;
  off(event: string, listener: () => void): unknown;
}

/** Long enough for a busy two-core machine; a test that waits this long has failed anyway. */
export const DEADLINE_MS = 30_000;

export interface UntilOptions {
  /** Re-check after each of these events (e.g. `[child.stdout, 'data']`); without any, poll every `everyMs`. */
  readonly on?: readonly (readonly [Emitter, string])[];
  readonly everyMs?: number;
  readonly ms?: number;
}

export function until(what: string, ok: () => boolean, opts: UntilOptions = {}): Promise<void> {
  if (ok()) return Promise.resolve();
  const ms = opts.ms ?? DEADLINE_MS;
  const on = opts.on ?? [];
  return new Promise<void>((resolve, reject) => {
    const stop = () => {
      clearTimeout(deadline);
      if (poll) clearInterval(poll);
      for (const [emitter, event] of on) emitter.off(event, check);
    };
    const check = () => {
      try {
        if (!ok()) return;
      } catch (e) {
        stop();
        reject(e as Error);
        return;
      }
      stop();
      resolve();
    };
    const deadline = setTimeout(() => {
      stop();
      reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
    }, ms);
    const poll = on.length ? undefined : setInterval(check, opts.everyMs ?? 20);
    for (const [emitter, event] of on) emitter.on(event, check);
  });
}
