/**
 * @module use-cases/consent/refusals
 * Every refused action (bad input, forged receipt, cross-household attempt, reuse of a withdrawn consent…) is
 * logged with its error code, who tried and what, and changes nothing. The hub wires `sink` to its logger.
 */
import { isCourantError } from '../../core/errors.ts';
import type { Actor } from '../../consent/model.ts';

export interface Refusal {
  readonly at: number;
  readonly code: string;
  readonly actor: string;
  readonly action: string;
  readonly message: string;
}

export class RefusalLog {
  readonly recent: Refusal[] = [];
  constructor(
    private readonly sink?: (r: Refusal) => void,
    private readonly keep = 1000,
  ) {}

  /** Run `fn`; if it throws, record the refusal and rethrow the same error. */
  async guard<T>(actor: Actor, action: string, now: number, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      const r: Refusal = {
        at: now,
        code: isCourantError(e) ? e.code : 'INTERNAL',
        actor: `${actor.kind}:${actor.id}`,
        action,
        message: (e as Error).message,
      };
      this.recent.push(r);
      if (this.recent.length > this.keep) this.recent.shift();
      this.sink?.(r);
      throw e;
    }
  }
}
