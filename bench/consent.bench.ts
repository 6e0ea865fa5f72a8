/**
 * Consent: policy decisions per second in batches on one core (target ≥ 200,000/s), plus ledger append
 * and verification rates on a real DuckDB file (chain hashing + Ed25519 receipt signing per event).
 * State: 10,000 usage points, each with an occupant and 3 consents (one withdrawn); batches of 10,000 requests
 * mixing allowed and denied answers (household, recipients at several steps and purposes, operator, authority).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Prm } from '../src/core/prm.ts';
import { decide, type AccessRequest } from '../src/consent/policy.ts';
import { EventLog, DAY, T0 } from '../src/consent/test-events.ts';
import type { LadderStep, PurposeId } from '../src/consent/model.ts';
import { openStorage } from '../src/backend/open-storage.ts';
import { generateSigningKey } from '../src/adapters/keys/file-key-store.ts';
import { LedgerService, verifyLedger } from '../src/use-cases/consent/ledger-service.ts';

function policyFigures(): Record<string, number> {
  const N = 10_000;
  const log = new EventLog();
  const prms: Prm[] = [];
  for (let i = 0; i < N; i++) {
    const prm = String(10_000_000_000_000 + i) as Prm;
    prms.push(prm);
    log.occupy(T0, prm, `h${i}`);
    log.give(T0 + DAY, {
      id: `a${i}`,
      prm,
      subject: `h${i}`,
      recipient: 'conseil',
      purpose: 'personalised-advice',
      step: 'PT30M',
    });
    log.give(T0 + DAY, {
      id: `b${i}`,
      prm,
      subject: `h${i}`,
      recipient: 'stats',
      purpose: 'anonymised-statistics',
      step: 'P1D',
    });
    log.give(T0 + DAY, { id: `c${i}`, prm, subject: `h${i}`, recipient: 'conseil', purpose: 'marketing', step: 'P1D' });
    log.withdraw(T0 + 2 * DAY, `c${i}`, `h${i}`);
  }
  const steps: LadderStep[] = ['PT10M', 'PT30M', 'PT1H', 'P1D'];
  const purposes: PurposeId[] = ['personalised-advice', 'anonymised-statistics', 'marketing'];
  const at = T0 + 30 * DAY;
  const range = { from: T0 + 3 * DAY, to: T0 + 4 * DAY };
  const batch: AccessRequest[] = [];
  let seed = 12345;
  const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), (seed >>> 8) % n);
  for (let i = 0; i < 10_000; i++) {
    const k = rnd(10);
    const prm = prms[rnd(N)]!;
    const actor =
      k === 0
        ? { kind: 'household' as const, id: `h${rnd(N)}` }
        : k === 1
          ? { kind: 'operator' as const, id: 'op' }
          : k === 2
            ? { kind: 'authority' as const, id: 'police' }
            : { kind: 'recipient' as const, id: rnd(2) ? 'conseil' : 'stats' };
    batch.push({
      actor,
      prm,
      step: steps[rnd(4)]!,
      purpose: k === 0 ? 'self' : k === 2 ? 'legal-obligation' : purposes[rnd(3)]!,
      category: 'consumption',
      range,
      at,
    });
  }
  let allowed = 0;
  for (const d of decide(log.state, batch)) if (d.allowed) allowed++;
  // warm-up, then best of 5 runs of 20 batches
  for (let i = 0; i < 20; i++) decide(log.state, batch);
  let best = Infinity;
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    for (let i = 0; i < 20; i++) decide(log.state, batch);
    best = Math.min(best, performance.now() - t);
  }
  return {
    'consent.policy.decisionsPerSec': Math.round((20 * batch.length) / (best / 1000)),
    'consent.policy.allowedShare': Math.round((allowed / batch.length) * 1000) / 1000,
  };
}

async function ledgerFigures(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'courant-bench-consent-'));
  const storage = await openStorage({ dataDir: dir, threads: 1 });
  try {
    const repo = await storage.repositories.consent();
    const { key } = await generateSigningKey();
    let t = T0;
    const ledger = await LedgerService.open({ repo, key, clock: { now: () => (t += 1000) } });
    const n = 200;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const prm = String(10_000_000_000_000 + i) as Prm;
      await ledger.append({ kind: 'operator', id: 'op' }, () => ({ type: 'occupancy-started', prm, subject: `h${i}` }));
    }
    const appendMs = performance.now() - t0;
    const t1 = performance.now();
    const report = await verifyLedger(repo, key.publicJwk);
    const verifyMs = performance.now() - t1;
    if (report.status !== 'ok') throw new Error('bench ledger does not verify');
    return {
      'consent.ledger.appendsPerSec': Math.round(n / (appendMs / 1000)),
      'consent.ledger.verifyEventsPerSec': Math.round(n / (verifyMs / 1000)),
    };
  } finally {
    await storage.store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<Record<string, number | string>> {
  return { ...policyFigures(), ...(await ledgerFigures()) };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await run());
