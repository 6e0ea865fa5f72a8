/**
 * Insight pages' figures against the real hub with the demo loaded (six months of minutes): latency of the
 * household-only reveal route per step (1-minute columns read and coarsened, detectors, sentence, table) and of the
 * costs route over the whole half-year (curve, every offer compared, per day and month).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startHub } from '../src/server/main.ts';

const P = '99999999999901';
const OWNER = { username: 'bench', password: 'a long enough secret phrase' };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function run(): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = {};
  const dataDir = mkdtempSync(join(tmpdir(), 'courant-insight-bench-'));
  const hub = await startHub({ dataDir, port: 0, demo: true, owner: OWNER, onProgress: () => {}, logLevel: 'warn' });
  try {
    const login = await fetch(`${hub.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(OWNER),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const time = async (url: string, n: number) => {
      const ms: number[] = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        const r = await fetch(`${hub.url}${url}`, { headers: { cookie } });
        await r.arrayBuffer();
        if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
        ms.push(performance.now() - t0);
      }
      return Math.round(median(ms));
    };
    for (const step of ['PT1M', 'PT30M', 'P1D'])
      out[`insight.reveal.${step}.ms`] = await time(`/api/usage-points/${P}/reveal?step=${step}&locale=fr`, 5);
    out['insight.costs.6months.ms'] = await time(
      `/api/usage-points/${P}/costs?from=2007-01-01&to=2007-07-01&kva=6&prices=auto`,
      5,
    );
  } finally {
    await hub.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return out;
}
