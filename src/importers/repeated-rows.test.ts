// Every importer treats a repeated interval and a wall time in the spring gap the same way (docs/importers.md
// § Repeated rows, § Daylight saving): the same value again is merged and named in one notice; another value refuses
// the file with IMPORT_CONFLICTING_ROWS; an offset-less Paris wall time that does not exist refuses the file with
// IMPORT_NONEXISTENT_TIME naming the line (or JSON path). Nothing is shifted or dropped silently.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isCourantError } from '../core/errors.ts';
import type { Prm } from '../core/prm.ts';
import { seriesId } from '../core/series.ts';
import { isNotice, type ImportContext, type Importer, type SheetRows } from './importer.ts';
import { plainCsvImporter } from './plain-csv/plain-csv.ts';
import { enedisCsvImporter } from './enedis-csv/enedis-csv.ts';
import { sgeR63Importer } from './sge-r63/sge-r63.ts';
import { portalXlsxImporter } from './portal-xlsx/portal-xlsx.ts';
import { dc2026Importer } from './dataconnect/v2026.ts';
import { dcV5Importer } from './dataconnect/v5.ts';

interface Outcome {
  readonly points: Record<string, [string, number][]>;
  readonly notices: string[];
}

async function run(imp: Importer, input: string | SheetRows, ctx: Partial<ImportContext> = {}): Promise<Outcome> {
  const text = typeof input === 'string' ? input : '';
  async function* chunks() {
    yield new TextEncoder().encode(text);
  }
  const workbook =
    typeof input === 'string'
      ? undefined
      : async () => ({ sheetNames: ['Consommation Horaire'], read: async () => input });
  const points: Record<string, [string, number][]> = {};
  const notices: string[] = [];
  for await (const it of imp.parse(chunks(), { fileName: 'f', workbook, ...ctx })) {
    if (isNotice(it)) {
      if (it.kind === 'notice') notices.push(it.message);
      continue;
    }
    const list = (points[seriesId(it.key)] ??= []);
    for (let i = 0; i < it.ts.length; i++) list.push([new Date(it.ts[i]!).toISOString(), it.values[i]!]);
  }
  return { points, notices };
}

async function refused(p: Promise<unknown>, code: string, ...parts: RegExp[]): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(isCourantError(e), String(e));
    assert.equal(e.code, code, e.message);
    for (const part of parts) assert.match(e.message, part);
    return true;
  });
}

function mergedOnce(o: Outcome, series: string, points: number, where: RegExp): void {
  assert.equal(o.points[series]?.length, points, JSON.stringify(o.points[series]));
  const merged = o.notices.filter((n) => /merged/.test(n));
  assert.equal(merged.length, 1, JSON.stringify(o.notices));
  assert.match(merged[0]!, /1 row\b/);
  assert.match(merged[0]!, where);
}

// ---- plain CSV
const plain = (rows: string[]) => ['prm,start,step,unit,value', ...rows.map((r) => `00000000000071,${r}`)].join('\n');

test('plain CSV: a repeated row is merged, another value refuses, a spring-gap start refuses', async () => {
  const rows = [
    '2025-01-10T00:00:00+01:00,PT30M,W,500',
    '2025-01-10T00:30:00+01:00,PT30M,W,600',
    '2025-01-10T00:30:00+01:00,PT30M,W,600',
  ];
  mergedOnce(await run(plainCsvImporter, plain(rows)), 'power.consumption.PT30M.csv', 2, /line 4\b/);
  await refused(
    run(plainCsvImporter, plain([...rows.slice(0, 2), '2025-01-10T00:30:00+01:00,PT30M,W,601'])),
    'IMPORT_CONFLICTING_ROWS',
    /f, line 4/,
  );
  await refused(
    run(plainCsvImporter, plain(['2025-03-30T01:30:00,PT30M,W,1', '2025-03-30T02:30:00,PT30M,W,2'])),
    'IMPORT_NONEXISTENT_TIME',
    /f, line 3, field "start"/,
    /2025-03-30T02:30:00/,
  );
  // the distance to the next row as the step: the gap row is refused too, not read as 03:30
  await refused(
    run(
      plainCsvImporter,
      ['start,value', '2025-03-30T01:30:00,1', '2025-03-30T02:30:00,2', '2025-03-30T03:00:00,3'].join('\n'),
      { prm: '00000000000071' as Prm },
    ),
    'IMPORT_NONEXISTENT_TIME',
    /line 3/,
  );
  // daily energy repeated
  mergedOnce(
    await run(
      plainCsvImporter,
      plain(['2025-01-10T00:00:00+01:00,P1D,kWh,12', '2025-01-10T00:00:00+01:00,P1D,kWh,12']),
    ),
    'energy.consumption.P1D.csv',
    1,
    /line 3\b/,
  );
});

// ---- portal / SGE HDM CSV
const hdm = (rows: string[]) =>
  [
    '\ufeffIdentifiant PRM;Type de donnees;Date de debut;Date de fin;Grandeur physique;Grandeur metier;Etape metier;Unite;Pas en minutes',
    '00000000000072;Courbe de charge;10/01/2025;11/01/2025;Energie active;Consommation;Comptage Brut;W;',
    'Horodate;Valeur',
    ...rows,
  ].join('\n');

test('portal / HDM CSV: a repeated row (fast byte path or not) is merged, another value refuses', async () => {
  const rows = [
    '2025-01-10T00:30:00+01:00;500',
    '2025-01-10T01:00:00+01:00;600',
    '2025-01-10T01:00:00+01:00;600',
    '2025-01-10T01:30:00+01:00;700',
  ];
  mergedOnce(await run(enedisCsvImporter, hdm(rows)), 'power.consumption.PT30M.enedis_portal', 3, /line 6\b/);
  // decimals take the general string path: same outcome
  mergedOnce(
    await run(enedisCsvImporter, hdm(rows.map((r) => `${r}.0`))),
    'power.consumption.PT30M.enedis_portal',
    3,
    /line 6\b/,
  );
  await refused(
    run(enedisCsvImporter, hdm([rows[0]!, rows[1]!, '2025-01-10T01:00:00+01:00;601', rows[3]!])),
    'IMPORT_CONFLICTING_ROWS',
    /f, line 6/,
  );
  // a stamp without offset is Paris wall time: one in the spring gap is refused
  await refused(
    run(enedisCsvImporter, hdm(['2025-03-30T01:30:00;1', '2025-03-30T02:30:00;2', '2025-03-30T03:30:00;3'])),
    'IMPORT_NONEXISTENT_TIME',
    /f, line 5, field "Horodate"/,
  );
});

// ---- SGE R63
const r63 = (rows: [string, string][]) =>
  [
    'Identifiant PRM;Date de début;Date de fin;Grandeur physique;Grandeur métier;Etape métier;Unité;Horodate;Valeur;Nature;Pas;Indice de vraisemblance;Etat complémentaire',
    ...rows.map(
      ([stamp, v]) => `00000000000000;2025-01-01 00:00:00;2025-04-01 00:00:00;PA;CONS;BRUT;W;${stamp};${v};B;PT30M;0;0`,
    ),
  ].join('\n');

test('SGE R63: a repeated row is merged, another value refuses, a spring-gap stamp refuses', async () => {
  const rows: [string, string][] = [
    ['2025-01-10 00:30:00', '500'],
    ['2025-01-10 01:00:00', '600'],
    ['2025-01-10 01:00:00', '600'],
  ];
  mergedOnce(await run(sgeR63Importer, r63(rows)), 'power.consumption.PT30M.enedis_sge', 2, /line 4\b/);
  await refused(
    run(sgeR63Importer, r63([rows[0]!, rows[1]!, ['2025-01-10 01:00:00', '601']])),
    'IMPORT_CONFLICTING_ROWS',
    /f, line 4/,
  );
  const spring: [string, string][] = [
    ['2025-03-30 01:30:00', '1'],
    ['2025-03-30 02:00:00', '2'],
    ['2025-03-30 02:30:00', '3'],
    ['2025-03-30 03:00:00', '4'],
  ];
  await refused(
    run(sgeR63Importer, r63(spring)),
    'IMPORT_NONEXISTENT_TIME',
    /f, line 3, field "Horodate"/,
    /2025-03-30 02:00:00/,
  );
});

// ---- portal XLSX (rows as the workbook adapter hands them over)
const sheet = (rows: [string, string, string][]): SheetRows => [
  ['Point Référence Mesure (PRM) :', '00000000000073'],
  ['Début', 'Fin', 'Valeur (en kW)'],
  ...rows,
];

test('portal XLSX: a repeated row is merged, another value refuses, a spring-gap start or end refuses', async () => {
  const rows: [string, string, string][] = [
    ['10/01/2025 00:00:00', '10/01/2025 00:30:00', '1,5'],
    ['10/01/2025 00:30:00', '10/01/2025 01:00:00', '2'],
    ['10/01/2025 00:30:00', '10/01/2025 01:00:00', '2'],
  ];
  mergedOnce(await run(portalXlsxImporter, sheet(rows)), 'power.consumption.PT30M.enedis_portal', 2, /line 5\b/);
  await refused(
    run(portalXlsxImporter, sheet([rows[0]!, rows[1]!, ['10/01/2025 00:30:00', '10/01/2025 01:00:00', '2,1']])),
    'IMPORT_CONFLICTING_ROWS',
    /f, line 5/,
  );
  const spring: [string, string, string][] = [
    ['30/03/2025 01:30:00', '30/03/2025 02:00:00', '1'],
    ['30/03/2025 02:00:00', '30/03/2025 02:30:00', '1'],
  ];
  await refused(run(portalXlsxImporter, sheet(spring)), 'IMPORT_NONEXISTENT_TIME', /f, line 3, field "Fin"/);
});

// ---- Data Connect
const dc2026 = (points: [string, string][]) =>
  JSON.stringify({
    idPrm: '00000000000074',
    grandeur: [
      {
        grandeurMetier: 'CONS',
        grandeurPhysique: 'PA',
        unite: 'W',
        points: points.map(([d, v]) => ({ v, d, p: 'PT30M', n: 'B' })),
      },
    ],
  });
const dcV5 = (points: [string, string][]) =>
  JSON.stringify({
    meter_reading: {
      usage_point_id: '00000000000074',
      reading_type: { measurement_kind: 'power', unit: 'W', aggregate: 'average' },
      interval_reading: points.map(([date, value]) => ({ value, date, interval_length: 'PT30M', measure_type: 'B' })),
    },
  });

for (const [name, imp, make, path] of [
  ['Data Connect 2026', dc2026Importer, dc2026, /\$\.grandeur\[0\]\.points\[2\]/],
  ['Data Connect v5', dcV5Importer, dcV5, /\$\.meter_reading\.interval_reading\[2\]/],
] as const) {
  test(`${name}: a repeated point is merged, another value refuses, a spring-gap date refuses`, async () => {
    const pts: [string, string][] = [
      ['2025-01-10 00:30:00', '500'],
      ['2025-01-10 01:00:00', '600'],
      ['2025-01-10 01:00:00', '600'],
    ];
    mergedOnce(await run(imp, make(pts)), 'power.consumption.PT30M.enedis_api', 2, path);
    await refused(run(imp, make([pts[0]!, pts[1]!, ['2025-01-10 01:00:00', '601']])), 'IMPORT_CONFLICTING_ROWS', path);
    await refused(
      run(
        imp,
        make([
          ['2025-03-30 01:30:00', '1'],
          ['2025-03-30 02:00:00', '1'],
          ['2025-03-30 02:30:00', '1'],
        ]),
      ),
      'IMPORT_NONEXISTENT_TIME',
      /\[1\]/,
      /2025-03-30 02:00:00/,
    );
    // with a `T`, an escape, or a decimal, the general path says the same
    await refused(
      run(
        imp,
        make([
          ['2025-03-30 01:30:00', '1'],
          ['2025-03-30T02:00:00', '1.5'],
        ]),
      ),
      'IMPORT_NONEXISTENT_TIME',
      /\[1\]/,
    );
  });
}
