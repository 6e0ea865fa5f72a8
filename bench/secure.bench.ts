/**
 * HTTP edge of the secure space: time of a login (argon2id verify + session insert), and what deny-by-default costs a
 * data request (session lookup + policy decision) compared with the same read through the local CLI token.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { loadConfig } from '../src/config/load.ts';
import { DEMO_PRM } from '../src/core/prm.ts';
import { loadDemoIfEmpty } from '../src/adapters/demo/demo.ts';
import { createLogger } from '../src/backend/logging.ts';
import { createApp } from '../src/server/app.ts';
import { buildHub } from '../src/server/main.ts';
import { setupOwner } from '../src/server/auth/setup.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number) => Math.round(x * 100) / 100;

export async function run(): Promise<Record<string, number | string>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'courant-secure-bench-'));
  const { config } = loadConfig({ env: {}, cwd: dataDir, overrides: { dataDir } });
  const hub = await buildHub(config, createLogger({ level: 'silent' }));
  try {
    await loadDemoIfEmpty(hub.store);
    await setupOwner(hub, { username: 'bench', password: 'a long enough secret phrase' });
    const app = await createApp(hub, { webDist: '/nonexistent' });
    const logins: number[] = [];
    let cookie = '';
    for (let i = 0; i < 12; i++) {
      const t0 = performance.now();
      const r = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'bench', password: 'a long enough secret phrase' },
      });
      logins.push(performance.now() - t0);
      cookie = `courant_session=${r.cookies.find((c) => c.name === 'courant_session')!.value}`;
    }
    const url = `/api/usage-points/${DEMO_PRM}/daily?from=2007-03-01&to=2007-04-01`;
    const time = async (headers: Record<string, string>) => {
      const xs: number[] = [];
      for (let i = 0; i < 60; i++) {
        const t0 = performance.now();
        const r = await app.inject({ method: 'GET', url, headers });
        if (r.statusCode !== 200) throw new Error(`bench read answered ${r.statusCode}`);
        xs.push(performance.now() - t0);
      }
      return median(xs.slice(10));
    };
    const session = await time({ cookie });
    const local = await time({ authorization: `Bearer ${hub.localToken}` });
    const decisions = 20_000;
    const req = {
      actor: { kind: 'household' as const, id: hub.consent.ledger.state.occupantAt(DEMO_PRM, Date.now())!.subject },
      prm: DEMO_PRM,
      step: 'PT30M' as const,
      purpose: 'self' as const,
      category: 'consumption' as const,
      range: { from: Date.UTC(2007, 0, 1), to: Date.UTC(2007, 1, 1) },
      at: Date.now(),
    };
    const t0 = performance.now();
    await hub.consent.access.authorize(Array.from({ length: decisions }, () => req));
    const perSec = decisions / ((performance.now() - t0) / 1000);
    await app.close();
    return {
      'secure.login.p50ms': round(median(logins.slice(2))),
      'secure.dailyMonth.session.p50ms': round(session),
      'secure.dailyMonth.localToken.p50ms': round(local),
      'secure.selfDecisions.perSec': Math.round(perSec),
    };
  } finally {
    await hub.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await run());
