/**
 * @module adapters/enedis/client
 * Data Connect client (adapter: HTTP with the global `fetch`): OAuth2 client credentials with a cached token
 * refreshed early, both API generations, planned windows, a shared rate limiter honouring 429 `nextAccessTime`,
 * retries with exponential backoff on technical errors, and Enedis error bodies mapped to courant codes.
 * It returns the raw answer bodies; turning them into readings is the importers' job (same code as file imports).
 */
import { CourantError, isCourantError } from '../../core/errors.ts';
import { KINDS, TOKEN_PATH, type DcGeneration, type DcKind } from '../../enedis/endpoints.ts';
import { classifyError, toCourantError } from '../../enedis/dc-errors.ts';
import { planWindows } from '../../enedis/planner.ts';
import type { DataConnectSource, FetchedWindow } from '../../ports/data-connect.ts';
import { RateLimiter, realClock, type Clock } from './rate-limiter.ts';

export interface DataConnectOptions {
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly generation?: DcGeneration;
  readonly clock?: Clock;
  readonly limiter?: RateLimiter;
  /** Attempts per call for technical errors and 429s (default 5). */
  readonly maxAttempts?: number;
  /** First backoff delay, ms (doubles each attempt). */
  readonly backoffMs?: number;
}

export type { FetchedWindow };

export class DataConnectClient implements DataConnectSource {
  private token: { value: string; expires: number } | undefined;
  readonly generation: DcGeneration;
  private readonly clock: Clock;
  private readonly limiter: RateLimiter;
  private readonly maxAttempts: number;
  private readonly backoffMs: number;
  constructor(private readonly opts: DataConnectOptions) {
    this.generation = opts.generation ?? '2026';
    this.clock = opts.clock ?? realClock;
    this.limiter = opts.limiter ?? new RateLimiter(this.clock, 5, this.generation === '2026' ? 1000 : 10_000);
    this.maxAttempts = opts.maxAttempts ?? 5;
    this.backoffMs = opts.backoffMs ?? 1000;
  }

  private async accessToken(force = false): Promise<string> {
    if (!force && this.token && this.clock.now() < this.token.expires) return this.token.value;
    await this.limiter.acquire();
    let res: Response;
    try {
      res = await fetch(this.opts.baseUrl + TOKEN_PATH, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${btoa(`${this.opts.clientId}:${this.opts.clientSecret}`)}`,
        },
        body: 'grant_type=client_credentials',
      });
    } catch (cause) {
      throw new CourantError('DC_UNAVAILABLE', `token endpoint unreachable: ${(cause as Error).message}`, { cause });
    }
    const body = (await res.json().catch(() => null)) as { access_token?: string; expires_in?: number } | null;
    if (!res.ok || !body?.access_token)
      throw new CourantError(
        'DC_AUTH_FAILED',
        `Data Connect refused the client credentials (HTTP ${res.status}${body && 'error' in body ? `: ${String((body as { error: unknown }).error)}` : ''})`,
      );
    // refresh 30 min early: 12 600 s is announced, some documents say 3 h (enedis-formats.md §1.3)
    const life = Math.max(60, (body.expires_in ?? 12_600) - 1800) * 1000;
    this.token = { value: body.access_token, expires: this.clock.now() + life };
    return body.access_token;
  }

  /** One GET with retries; returns the raw body. */
  async get(path: string, query: Record<string, string>, what: string): Promise<Uint8Array> {
    let tokenRefreshed = false;
    for (let attempt = 1; ; attempt++) {
      const token = await this.accessToken();
      await this.limiter.acquire();
      let res: Response;
      try {
        res = await fetch(
          `${this.opts.baseUrl}${path}${Object.keys(query).length ? `?${new URLSearchParams(query)}` : ''}`,
          { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } },
        );
      } catch (cause) {
        if (attempt >= this.maxAttempts)
          throw new CourantError(
            'DC_UNAVAILABLE',
            `${what}: Data Connect unreachable after ${attempt} attempts: ${(cause as Error).message}`,
            { cause },
          );
        await this.clock.sleep(this.backoffMs * 2 ** (attempt - 1));
        continue;
      }
      const bytes = new Uint8Array(await res.arrayBuffer());
      if (res.ok) return bytes;
      let body: unknown = null;
      try {
        body = JSON.parse(new TextDecoder().decode(bytes));
      } catch {
        /* non-JSON error page: classified by status */
      }
      const info = classifyError(res.status, body);
      const err = toCourantError(info, what);
      if (attempt >= this.maxAttempts) throw err;
      if (info.rule.retry === 'token' && !tokenRefreshed) {
        tokenRefreshed = true;
        await this.accessToken(true);
        continue;
      }
      if (info.rule.retry === 'wait') {
        const retryAfter = Number(res.headers.get('retry-after'));
        const until =
          info.nextAccess ??
          (Number.isFinite(retryAfter) && retryAfter > 0
            ? this.clock.now() + retryAfter * 1000
            : this.clock.now() + this.backoffMs * 2 ** (attempt - 1));
        this.limiter.closeUntil(until);
        continue;
      }
      if (info.rule.retry === 'backoff') {
        await this.clock.sleep(this.backoffMs * 2 ** (attempt - 1));
        continue;
      }
      throw err;
    }
  }

  /**
   * Every window of one kind over [start, end[, clamped to history and contract start. A window without data
   * (`no_data_found`) stops the series with DC_NO_DATA; others are yielded as raw bodies for the importers.
   * A snapshot kind (the contract) is one call, yielded as the window [today, today].
   */
  async *fetchKind(
    kind: DcKind,
    prm: string,
    start: string,
    end: string,
    today: string,
    contractStart?: string,
  ): AsyncGenerator<FetchedWindow> {
    const spec = KINDS[kind];
    const ep = spec.endpoints[this.generation];
    const windows = spec.once ? [{ start: today, end: today }] : planWindows(kind, start, end, today, contractStart);
    for (const w of windows) {
      const query: Record<string, string> = { ...(ep.extra ?? {}) };
      if (ep.params.prm) query[ep.params.prm] = prm;
      if (!spec.once && ep.params.start && ep.params.end)
        Object.assign(query, { [ep.params.start]: w.start, [ep.params.end]: w.end });
      const path = ep.path.replace('{prm}', encodeURIComponent(prm));
      try {
        yield {
          ...w,
          kind,
          body: await this.get(path, query, spec.once ? `${kind} ${prm}` : `${kind} ${prm} ${w.start}→${w.end}`),
        };
      } catch (e) {
        if (isCourantError(e)) throw e;
        throw new CourantError('DC_UNAVAILABLE', `${kind}: ${(e as Error).message}`, { cause: e });
      }
    }
  }
}
