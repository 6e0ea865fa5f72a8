import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { recorded, recordedError, startReplayServer } from '../../../test/enedis-replay-server.ts';
import type { Prm } from '../../core/prm.ts';
import { openStorage } from '../../backend/open-storage.ts';
import { enedisCommand } from './enedis.ts';

test('courant enedis fetch imports the replayed answers and reports a kind without data', async () => {
  const srv = await startReplayServer({
    '/mesure_synchrone_auto/v2/consommation_quotidienne': [recorded('dc2026-daily.json')],
    '/mesure_synchrone_auto/v2/courbe_de_charge_consommation': [recordedError('no_data_found')],
  });
  const out = new PassThrough();
  let text = '';
  out.on('data', (d: Buffer) => (text += d.toString()));
  try {
    const dataDir = mkdtempSync(join(tmpdir(), 'courant-dc-'));
    const code = await enedisCommand.run(
      [
        'fetch',
        '--prm',
        '99999999999991',
        '--from',
        '2026-09-29',
        '--to',
        '2026-10-01',
        '--kinds',
        'daily_consumption,consumption_load_curve',
        '--base-url',
        srv.url,
        '--data-dir',
        dataDir,
        '--json',
      ],
      {
        stdout: out,
        stderr: new PassThrough(),
        stdin: new PassThrough(),
        env: { COURANT_DC_CLIENT_ID: 'id', COURANT_DC_CLIENT_SECRET: 'secret' },
        cwd: dataDir,
      },
    );
    assert.equal(code, 0);
    const s = JSON.parse(text) as {
      points: number;
      usagePoints: string[];
      unavailable: { kind: string; code: string; message: string }[];
    };
    assert.equal(s.points, 2);
    assert.deepEqual(s.usagePoints, ['99999999999991']);
    assert.equal(s.unavailable[0]!.kind, 'consumption_load_curve');
    assert.equal(s.unavailable[0]!.code, 'DC_NO_DATA');
    assert.match(s.unavailable[0]!.message, /hourly collection is not enabled/);
  } finally {
    await srv.close();
  }
});

/** Runs `courant enedis fetch` against the replay server; returns its JSON summary and the data directory. */
async function fetchCli(url: string, args: string[]) {
  const out = new PassThrough();
  let text = '';
  out.on('data', (d: Buffer) => (text += d.toString()));
  const dataDir = mkdtempSync(join(tmpdir(), 'courant-dc-'));
  const code = await enedisCommand.run(['fetch', ...args, '--base-url', url, '--data-dir', dataDir, '--json'], {
    stdout: out,
    stderr: new PassThrough(),
    stdin: new PassThrough(),
    env: { COURANT_DC_CLIENT_ID: 'id', COURANT_DC_CLIENT_SECRET: 'secret' },
    cwd: dataDir,
  });
  assert.equal(code, 0);
  return { summary: JSON.parse(text) as { points: number; unavailable: { kind: string; code: string }[] }, dataDir };
}

/** The usage point's profile as the fetch left it in the DuckDB file. */
async function profileOf(dataDir: string, prm: string) {
  const { store, repositories } = await openStorage({ dataDir });
  try {
    return await (await repositories.profiles()).profile(prm as Prm);
  } finally {
    await store.close();
  }
}

const fixture = (n: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../../../test/fixtures/enedis', n), 'utf8')) as unknown;

test('default kinds (2026): the contract situation is fetched once, PRM in the path, and its subscribed power lands in the profile', async () => {
  const prm = '99999999999991';
  const srv = await startReplayServer({
    [`/situation_contrat_auto/v1/${prm}`]: [recorded('dc2026-situation.json')],
    '/mesure_synchrone_auto/v2/consommation_quotidienne': [recorded('dc2026-daily.json')],
    '/mesure_synchrone_auto/v2/courbe_de_charge_consommation': [recorded('dc2026-curve.json')],
    '/mesure_synchrone_auto/v2/puissance_conso_max_quotidienne': [recorded('dc2026-max-power.json')],
  });
  try {
    const { summary, dataDir } = await fetchCli(srv.url, ['--prm', prm, '--from', '2026-09-29', '--to', '2026-10-01']);
    assert.deepEqual(summary.unavailable, []);
    const calls = srv.seen.filter((s) => s.path.startsWith('/situation_contrat_auto/'));
    assert.equal(calls.length, 1, 'one contract call per run, not one per window');
    assert.deepEqual(calls[0]!.query, {}, 'no query parameter: the ITC APIs answer 500 to one');
    for (const p of ['consommation_quotidienne', 'courbe_de_charge_consommation', 'puissance_conso_max_quotidienne'])
      assert.ok(
        srv.seen.some((s) => s.path.endsWith(p)),
        p,
      );
    const situation = fixture('dc2026-situation.json') as {
      subscribed_power: { value: string };
      distribution_tariff: string;
    }[];
    const profile = await profileOf(dataDir, prm);
    assert.equal(profile.contract.subscribedKva?.value, Number(situation[0]!.subscribed_power.value));
    assert.equal(profile.contract.tariffOption?.value, situation[0]!.distribution_tariff);
    assert.equal(profile.contract.subscribedKva?.source, 'dataconnect-2026');
    assert.match(
      profile.contract.subscribedKva!.file,
      /^dataconnect-2026_contract_99999999999991_\d{4}-\d{2}-\d{2}\.json$/,
    );
  } finally {
    await srv.close();
  }
});

test('v5: the customers_upc contracts answer gives the profile its power and off-peak hours; asked twice, fetched once', async () => {
  const v5 = fixture('dc-v5-contracts.json') as {
    customer: {
      usage_points: {
        usage_point: { usage_point_id: string };
        contracts: { subscribed_power: string; offpeak_hours: string };
      }[];
    };
  };
  const up = v5.customer.usage_points[0]!;
  const srv = await startReplayServer({
    '/customers_upc/v5/usage_points/contracts': [recorded('dc-v5-contracts.json')],
  });
  try {
    const { dataDir } = await fetchCli(srv.url, [
      '--prm',
      up.usage_point.usage_point_id,
      '--generation',
      'v5',
      '--kinds',
      'contract,contract',
    ]);
    const calls = srv.seen.filter((s) => s.path === '/customers_upc/v5/usage_points/contracts');
    assert.equal(calls.length, 1);
    assert.deepEqual(calls[0]!.query, { usage_point_id: up.usage_point.usage_point_id });
    const profile = await profileOf(dataDir, up.usage_point.usage_point_id);
    assert.equal(profile.contract.subscribedKva?.value, Number.parseFloat(up.contracts.subscribed_power));
    assert.equal(profile.contract.offpeakHours?.value, up.contracts.offpeak_hours);
  } finally {
    await srv.close();
  }
});

test('a contract API the application has not subscribed (900908) is reported; the measures are still imported', async () => {
  const prm = '99999999999991';
  const srv = await startReplayServer({
    [`/situation_contrat_auto/v1/${prm}`]: [recordedError('900908', 403)],
    '/mesure_synchrone_auto/v2/consommation_quotidienne': [recorded('dc2026-daily.json')],
  });
  try {
    const { summary, dataDir } = await fetchCli(srv.url, [
      '--prm',
      prm,
      '--from',
      '2026-09-29',
      '--to',
      '2026-10-01',
      '--kinds',
      'contract,daily_consumption',
    ]);
    assert.deepEqual(
      summary.unavailable.map((u) => [u.kind, u.code]),
      [['contract', 'DC_FORBIDDEN']],
    );
    assert.equal(summary.points, 2);
    assert.equal((await profileOf(dataDir, prm)).contract.subscribedKva, undefined);
  } finally {
    await srv.close();
  }
});

test('the contract start date clamps the measure windows of the same run (no call before the usage point was activated)', async () => {
  const prm = '99999999999991';
  const srv = await startReplayServer({
    [`/situation_contrat_auto/v1/${prm}`]: [recorded('dc2026-situation.json')],
    '/mesure_synchrone_auto/v2/consommation_quotidienne': [recorded('dc2026-daily.json')],
    '/mesure_synchrone_auto/v2/courbe_de_charge_consommation': [recorded('dc2026-curve.json')],
    '/mesure_synchrone_auto/v2/puissance_conso_max_quotidienne': [recorded('dc2026-max-power.json')],
  });
  try {
    const situation = fixture('dc2026-situation.json') as { contract_start: string }[];
    const start = situation[0]!.contract_start.slice(0, 10);
    // asked from six months before the contract began
    await fetchCli(srv.url, ['--prm', prm, '--from', '2025-08-01', '--to', '2026-03-01']);
    const measures = srv.seen.filter((s) => s.path.startsWith('/mesure_synchrone_auto/'));
    assert.ok(measures.length >= 3);
    const dates = measures
      .flatMap((s) => Object.values(s.query).filter((v) => /^\d{4}-\d{2}-\d{2}/.test(String(v))))
      .map((v) => String(v).slice(0, 10));
    assert.ok(dates.length >= measures.length, 'each measure call names its dates');
    assert.equal(dates.filter((d) => d < start).length, 0, `no window before ${start}: ${dates.sort()[0]}`);
    assert.ok(dates.includes(start), 'the first window starts on the contract start');
  } finally {
    await srv.close();
  }
});
