/**
 * @module use-cases/consent/test-support
 * Shared set-up for consent tests: a real DuckDB file in a temp dir, the real reading store, the consent hub with a
 * manual clock, and real readings (UCI household, test/fixtures/consent) attached to fake usage points.
 */
import { loadOrCreateSigningKey } from '../../adapters/keys/file-key-store.ts';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Prm } from '../../core/prm.ts';
import type { ReadingBatch } from '../../core/series.ts';
import { consentConfigSchema, type ConsentConfig } from '../../consent/config.ts';
import type { Actor } from '../../consent/model.ts';
import { openStorage, type OpenedStore } from '../../backend/open-storage.ts';
import { openConsentHub, type ConsentHub } from './index.ts';
import type { Clock } from './ledger-service.ts';

export const PRM_A = '99999999999911' as Prm;
export const PRM_B = '99999999999912' as Prm;
export const ALICE: Actor = { kind: 'household', id: 'alice' };
export const BOB: Actor = { kind: 'household', id: 'bob' };
export const OPERATOR: Actor = { kind: 'operator', id: 'op' };
export const ADVISOR: Actor = { kind: 'recipient', id: 'conseil-energie' };
export const STATS: Actor = { kind: 'recipient', id: 'stats-coop' };
export const SUPPLIER: Actor = { kind: 'recipient', id: 'fournisseur-x' };
export const T0 = Date.UTC(2007, 0, 1);
export const DAY = 86_400_000;

export const TEST_CONFIG: ConsentConfig = consentConfigSchema.parse({
  controller: { name: 'Hub de test', contact: 'test@courant.invalid' },
});

/** A client registration for tests: the given fields over plausible defaults (any step; one redirect URI). */
export function testClient(o: {
  clientId: string;
  name: string;
  role?: string;
  purposes: readonly string[];
  finestStep?: string;
  redirectUris?: readonly string[];
}): Record<string, unknown> {
  return {
    legalIdentity: `${o.name}, SIRET 000 000 000 00000`,
    contact: `dpo@${o.clientId}.invalid`,
    redirectUris: [`https://${o.clientId}.invalid/callback`],
    role: 'service',
    finestStep: 'raw',
    retentionMonths: 12,
    ...o,
  };
}

/** The recipients the consent tests name: registered clients. */
export const TEST_CLIENTS = [
  testClient({
    clientId: 'conseil-energie',
    name: 'Conseil Énergie SAS',
    purposes: ['personalised-advice', 'service-provision'],
  }),
  testClient({ clientId: 'stats-coop', name: 'Stats Coop', role: 'research', purposes: ['anonymised-statistics'] }),
  testClient({ clientId: 'fournisseur-x', name: 'Fournisseur X', role: 'supplier', purposes: ['billing'] }),
];

/** Register `clients` (as the operator) on a hub that does not have them yet. */
export async function registerClients(
  hub: Pick<ConsentHub, 'clients'>,
  clients: readonly Record<string, unknown>[],
): Promise<void> {
  for (const c of clients) {
    if (!hub.clients.get(String(c.clientId))) await hub.clients.register(OPERATOR, c);
  }
}

export class ManualClock implements Clock {
  constructor(public t: number) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/** Real readings: 3 days of one UCI household, 1-minute energy (Wh), plus 30-minute and daily sums. */
export function fixtureBatches(prm: Prm, dayOffset = 0): ReadingBatch[] {
  const text = readFileSync(
    new URL('../../../test/fixtures/consent/uci-2007-01-01-3days-1min.csv', import.meta.url),
    'utf8',
  );
  const ts: number[] = [];
  const wh: number[] = [];
  for (const line of text.trim().split('\n').slice(1)) {
    const [m, kw] = line.split(',');
    ts.push(T0 + dayOffset * DAY + Number(m) * 60_000);
    wh.push((Number(kw) * 1000) / 60);
  }
  const sum = (width: number) => {
    const t: number[] = [];
    const v: number[] = [];
    for (let i = 0; i < ts.length; i++) {
      const b = Math.floor((ts[i]! - T0) / width) * width + T0;
      if (t[t.length - 1] !== b) {
        t.push(b);
        v.push(0);
      }
      v[v.length - 1]! += wh[i]!;
    }
    return { t, v };
  };
  const h = sum(1_800_000);
  const d = sum(DAY);
  const key = { prm, quantity: 'energy' as const, direction: 'consumption' as const, register: '' };
  return [
    { key: { ...key, step: 'PT1M', source: 'csv' }, ts, values: wh },
    { key: { ...key, step: 'PT30M', source: 'derived' }, ts: h.t, values: h.v },
    { key: { ...key, step: 'P1D', source: 'derived' }, ts: d.t, values: d.v },
  ];
}

export interface TestHub extends ConsentHub {
  readonly clock: ManualClock;
  readonly storage: OpenedStore;
  readonly dir: string;
  close(): Promise<void>;
}

export async function openTestHub(
  opts: { dir?: string; start?: number; retentionExempt?: (prm: string) => boolean } = {},
): Promise<TestHub> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'courant-consent-'));
  const clock = new ManualClock(opts.start ?? T0 + 10 * DAY);
  const storage = await openStorage({ dataDir: dir, threads: 1 });
  const hub = await openConsentHub({
    repositories: storage.repositories,
    readings: storage.store,
    key: await loadOrCreateSigningKey(dir),
    config: TEST_CONFIG,
    clock,
    ...(opts.retentionExempt ? { retentionExempt: opts.retentionExempt } : {}),
  });
  await registerClients(hub, TEST_CLIENTS);
  return {
    ...hub,
    clock,
    storage,
    dir,
    close: async () => {
      await storage.store.close();
      await storage.db.close();
    },
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Give a consent the way the UI does: fetch the notice for the choices, then submit it. */
export async function giveVia(
  hub: ConsentHub,
  actor: Actor,
  o: { prm: Prm; recipient: string; purpose: string; step: string; categories?: string[]; expiresAt?: number },
) {
  const categories = o.categories ?? ['consumption'];
  const { notice } = await hub.consents.notice({
    recipient: o.recipient,
    purpose: o.purpose as never,
    step: o.step as never,
    categories: categories as never,
    lang: 'fr',
    ...(o.expiresAt ? { expiresAt: o.expiresAt } : {}),
  });
  return hub.consents.give(actor, {
    prm: o.prm,
    recipient: o.recipient,
    purposes: [o.purpose],
    categories,
    step: o.step,
    notice,
    ...(o.expiresAt ? { expiresAt: o.expiresAt } : {}),
  });
}

/**
 * Runs `fn` on a fresh test hub where alice occupies PRM_A (with 3 days of real readings) — and bob PRM_B when asked —
 * with the clock 10 days after T0; the hub and its folder are removed afterwards.
 */
export async function withOccupiedHub(
  fn: (hub: TestHub) => Promise<void>,
  opts: { start?: number; withBob?: boolean } = {},
): Promise<void> {
  const hub = await openTestHub({ start: opts.start ?? T0 - DAY });
  try {
    await hub.consents.startOccupancy(OPERATOR, { prm: PRM_A, subject: 'alice' });
    if (opts.withBob) await hub.consents.startOccupancy(OPERATOR, { prm: PRM_B, subject: 'bob' });
    await hub.storage.store.write(fixtureBatches(PRM_A));
    hub.clock.t = T0 + 10 * DAY;
    await fn(hub);
  } finally {
    await hub.close();
    removeDir(hub.dir);
  }
}
