import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { configSchema } from '../config/schema.ts';
import { CourantError, isCourantError } from '../core/errors.ts';
import type { Prm } from '../core/prm.ts';
import { openReadingStore } from '../backend/open-storage.ts';
import { installErrorHandling } from '../server/errors.ts';
import { importRoutes } from '../server/routes/imports.ts';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { createLogger } from '../backend/logging.ts';
import type { Hub } from './hub.ts';
import { fileSources, importSources } from './import-files.ts';

const fx = (n: string) => join(import.meta.dirname, '../../test/fixtures/enedis', n);
const tmp = () => mkdtempSync(join(tmpdir(), 'courant-import-'));

test('Data Connect 2026 curve + daily: summary, daily/curve check, idempotent re-import', async () => {
  const store = await openReadingStore({ dataDir: tmp() });
  try {
    const files = await fileSources([fx('dc2026-curve.json'), fx('dc2026-daily.json'), fx('dc2026-max-power.json')]);
    const s = await importSources(store, files);
    assert.deepEqual(s.usagePoints, ['99999999999991']);
    assert.equal(s.points, 96 * 2 + 2 + 2);
    assert.equal(s.added, s.points);
    assert.equal(s.replaced, 0);
    assert.deepEqual(s.steps, ['P1D', 'PT30M']);
    assert.equal(s.mismatches.comparedDays, 2);
    assert.deepEqual(s.mismatches.days, []);
    assert.equal(s.gaps.count, 0);
    assert.deepEqual(s.range, { from: '2026-09-28T22:00:00.000Z', to: '2026-09-30T21:30:00.000Z' });
    const again = await importSources(store, await fileSources([fx('dc2026-curve.json')]));
    assert.equal(again.added, 0);
    assert.equal(again.replaced, 192);
    const held = await store.list('99999999999991' as Prm);
    assert.equal(held.find((x) => x.quantity === 'energy' && x.step === 'PT30M')!.count, 96);
  } finally {
    await store.close();
  }
});

test('gaps are found across a step change (R63: 30-min curve, a missing day, then 60-min)', async () => {
  const store = await openReadingStore({ dataDir: tmp() });
  try {
    const s = await importSources(store, await fileSources([fx('sge-r63-gap-step.csv')]));
    assert.deepEqual(s.steps, ['PT1H', 'PT30M']);
    assert.equal(s.gaps.count, 1);
    assert.deepEqual(s.gaps.listed, [
      {
        prm: '00000000000000',
        series: 'energy.consumption.enedis_sge',
        from: '2024-07-17T22:00:00.000Z',
        to: '2024-07-18T21:00:00.000Z',
      },
    ]);
  } finally {
    await store.close();
  }
});

test('a changed daily value is reported as a daily/curve mismatch', async () => {
  const dir = tmp();
  const daily = readFileSync(fx('dc2026-daily.json'), 'utf8').replace('"33495"', '"33000"');
  writeFileSync(join(dir, 'daily.json'), daily);
  const store = await openReadingStore({ dataDir: dir });
  try {
    const s = await importSources(store, await fileSources([fx('dc2026-curve.json'), join(dir, 'daily.json')]));
    assert.deepEqual(s.mismatches.days, [
      { prm: '99999999999991', direction: 'consumption', day: '2026-09-29', curveWh: 33495, dailyWh: 33000 },
    ]);
  } finally {
    await store.close();
  }
});

test('a bad value after 30 000 good rows stores nothing from that file, parsed in place or in the parser thread', async () => {
  const rows = [
    '\ufeffIdentifiant PRM;Type de donnees;Date de debut;Date de fin;Grandeur physique;Grandeur metier;Etape metier;Unite;Pas en minutes',
    '14290000000001;Courbe de charge;01/01/2023;31/12/2023;Energie active;Consommation;Comptage Brut;W;',
    'Horodate;Valeur',
  ];
  for (let i = 1; i <= 30_000; i++)
    rows.push(
      `${new Date(Date.parse('2023-01-01T00:00:00Z') + i * 600_000).toISOString().replace('.000Z', '+00:00')};${i % 900}`,
    );
  rows.push('2023-07-01T00:00:00+02:00;oops');
  for (const parseIn of ['inline', 'worker'] as const) {
    const dir = tmp();
    writeFileSync(join(dir, 'big.csv'), rows.join('\n'));
    const store = await openReadingStore({ dataDir: dir });
    try {
      await importSources(store, await fileSources([fx('dc-v5-daily.json')]));
      await assert.rejects(
        importSources(store, await fileSources([join(dir, 'big.csv')]), { parseIn }),
        (e: unknown) => {
          assert.ok(isCourantError(e) && e.code === 'IMPORT_PARSE_ERROR', String(e));
          assert.match(e.message, /big\.csv, line 30004, field "Valeur"/);
          return true;
        },
      );
      assert.deepEqual(await store.usagePoints(), ['11111111111111'], parseIn);
    } finally {
      await store.close();
    }
  }
});

test('an authorisation hook refusing a usage point stores nothing from the file', async () => {
  const store = await openReadingStore({ dataDir: tmp() });
  try {
    const seen: string[] = [];
    const authorise = (prm: string) => {
      seen.push(prm);
      if (prm === '99999999999991')
        throw new CourantError('HTTP_NOT_FOUND', `usage point ${prm}: not found or no access`);
    };
    await assert.rejects(importSources(store, await fileSources([fx('dc2026-curve.json')]), { authorise }), {
      code: 'HTTP_NOT_FOUND',
    });
    assert.deepEqual(seen, ['99999999999991']);
    assert.deepEqual(await store.usagePoints(), []);
    const ok = await importSources(store, await fileSources([fx('dc-v5-daily.json')]), { authorise });
    assert.equal(ok.points, 3);
  } finally {
    await store.close();
  }
});

test('PRM mismatch and unknown formats stop the import with their codes', async () => {
  const store = await openReadingStore({ dataDir: tmp() });
  try {
    await assert.rejects(
      importSources(store, await fileSources([fx('dc-v5-daily.json')]), { prm: '22222222222222' as Prm }),
      { code: 'IMPORT_PRM_MISMATCH' },
    );
    await assert.rejects(importSources(store, await fileSources([fx('bad-unknown.txt')])), {
      code: 'IMPORT_UNRECOGNISED_FORMAT',
    });
    await assert.rejects(fileSources([fx('does-not-exist.csv')]), { code: 'IMPORT_FILE_UNREADABLE' });
    assert.deepEqual(await store.usagePoints(), []);
  } finally {
    await store.close();
  }
});

test('POST /api/imports streams the body into the store and renders errors', async () => {
  const store = await openReadingStore({ dataDir: tmp() });
  const app = Fastify();
  // the routes declare their request and answer shapes with zod, as in createApp
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const log = createLogger({ level: 'silent' });
  installErrorHandling(app, log);
  await importRoutes(app, { store, log, config: configSchema.parse({}) } as unknown as Hub);
  try {
    // the workbook gives its PRM as fourteen zeros: through the route that is a masked number, refused without x-prm
    const masked = await app.inject({
      method: 'POST',
      url: '/api/imports',
      payload: readFileSync(fx('portal-xlsx.xlsx')),
      headers: { 'content-type': 'application/octet-stream', 'x-file-name': 'portal-xlsx.xlsx' },
    });
    assert.equal(masked.statusCode, 400, masked.body);
    assert.equal((masked.json() as { error: { code: string } }).error.code, 'IMPORT_PRM_MISMATCH');
    assert.deepEqual(await store.usagePoints(), [], 'nothing stored, no meter of zeros');
    const ok = await app.inject({
      method: 'POST',
      url: '/api/imports',
      payload: readFileSync(fx('portal-xlsx.xlsx')),
      headers: {
        'content-type': 'application/octet-stream',
        'x-file-name': 'portal-xlsx.xlsx',
        'x-prm': '14290000000002',
      },
    });
    assert.equal(ok.statusCode, 200, ok.body);
    const s = ok.json() as { points: number; usagePoints: string[] };
    assert.equal(s.points, 22);
    assert.deepEqual(s.usagePoints, ['14290000000002']);
    const csv = await app.inject({
      method: 'POST',
      url: '/api/imports',
      payload: readFileSync(fx('portal-heure-dst-fall.csv')),
      headers: { 'content-type': 'text/csv', 'x-file-name': 'conso.csv', 'x-prm': '14290000000001' },
    });
    assert.equal(csv.statusCode, 200, csv.body);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/imports',
      payload: readFileSync(fx('bad-value.csv')),
      headers: { 'content-type': 'application/octet-stream', 'x-file-name': 'bad.csv', 'x-prm': '14290000000009' },
    });
    assert.equal(bad.statusCode, 400);
    assert.equal((bad.json() as { error: { code: string } }).error.code, 'IMPORT_PARSE_ERROR');
    assert.deepEqual((await store.usagePoints()).sort(), ['14290000000001', '14290000000002']);
  } finally {
    await app.close();
    await store.close();
  }
});
