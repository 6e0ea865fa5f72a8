/**
 * Import throughput: load-curve points per second from a portal CSV and from a Data Connect 2026 JSON, parse only
 * and parse + convert + store (DuckDB in a temp dir), with the peak RSS growth to show memory stays flat for CSV.
 * Files are generated in a temp dir (30-min Linky curve, end-of-interval stamps with offsets, DST days included).
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isNotice } from '../src/importers/importer.ts';
import { enedisCsvImporter } from '../src/importers/enedis-csv/enedis-csv.ts';
import { dc2026Importer } from '../src/importers/dataconnect/v2026.ts';
import { fileSources, importSources } from '../src/use-cases/import-files.ts';
import { openReadingStore } from '../src/backend/open-storage.ts';
import { stopIdleParser } from '../src/use-cases/parse-worker/parse-in-worker.ts';
import { parisOffsetMs } from '../src/core/calendar.ts';
import { createReadStream } from 'node:fs';

const N_CSV = 8_000_000; // 236 MB: large enough that the parser thread's start-up (~0.3 s) weighs little
const JSON_START = Date.parse('1975-01-01T00:00:00Z');
const N_JSON = 2_000_000; // 114 years of half hours from 1975
const START = Date.parse('1998-01-01T00:00:00Z');
const METERS = 16; // one file, one block per meter (an operator's export), N_CSV / METERS points each

function localIso(t: number, withOffset: boolean): string {
  const off = parisOffsetMs(t);
  const s = new Date(t + off).toISOString().slice(0, 19);
  return withOffset ? `${s}${off === 7_200_000 ? '+02:00' : '+01:00'}` : s.replace('T', ' ');
}

export async function writeCsv(path: string): Promise<void> {
  const out = createWriteStream(path);
  let buf = '';
  for (let m = 0; m < METERS; m++) {
    buf +=
      '\ufeffIdentifiant PRM;Type de donnees;Date de debut;Date de fin;Grandeur physique;Grandeur metier;Etape metier;Unite;Pas en minutes\n'.slice(
        m === 0 ? 0 : 1,
      );
    buf += `${String(70 + m).padStart(14, '0')};Courbe de charge;01/01/1998;31/12/2030;Energie active;Consommation;Comptage Brut;W;\nHorodate;Valeur\n`;
    for (let i = 1; i <= N_CSV / METERS; i++) {
      buf += `${localIso(START + i * 1_800_000, true)};${(i * 7919) % 4000}\n`;
      if (buf.length > 1 << 20) {
        if (!out.write(buf)) await once(out, 'drain');
        buf = '';
      }
    }
  }
  out.end(buf);
  await once(out, 'close');
}

export async function writeJson(path: string, prm = '00000000000078'): Promise<void> {
  const out = createWriteStream(path);
  out.write(
    '{"idPrm":"' +
      prm +
      '","etapeMetier":"BRUT","modeCalcul":"MESURE","grandeur":[{"grandeurMetier":"CONS","grandeurPhysique":"PA","unite":"W","points":[',
  );
  let buf = '';
  for (let i = 1; i <= N_JSON; i++) {
    buf += `${i > 1 ? ',' : ''}{"v":"${(i * 7919) % 4000}","d":"${localIso(JSON_START + i * 1_800_000, false)}","p":"PT30M","n":"B","iv":"0","ec":"0"}`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf + ']}]}');
  await once(out, 'close');
}

async function parseOnly(
  imp: typeof enedisCsvImporter,
  path: string,
): Promise<{ points: number; seconds: number; rssMB: number }> {
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const t0 = performance.now();
  let points = 0;
  for await (const it of imp.parse(createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Uint8Array>, {
    fileName: path,
  })) {
    if (isNotice(it)) continue;
    points += it.ts.length;
    if ((points & 0xfffff) < it.ts.length) peak = Math.max(peak, process.memoryUsage().rss);
  }
  return { points, seconds: (performance.now() - t0) / 1000, rssMB: (peak - rss0) / 1048576 };
}

export async function run(): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'courant-bench-import-'));
  try {
    const csv = join(dir, 'Enedis_Conso_Heure.csv');
    const json = join(dir, 'dc2026.json');
    const json2 = join(dir, 'dc2026-second-meter.json');
    await writeCsv(csv);
    await writeJson(json);
    await writeJson(json2, '00000000000079');
    const r: Record<string, number | string> = {};
    // each curve point becomes two stored points (power W and energy Wh); figures count curve points
    const pc = await parseOnly(enedisCsvImporter, csv);
    r['import.csv.parse.points_per_s'] = Math.round(pc.points / 2 / pc.seconds);
    r['import.csv.parse.rss_growth_MB'] = Math.round(pc.rssMB);
    r['import.csv.file_MB'] = Math.round(statSync(csv).size / 1048576);
    const pj = await parseOnly(dc2026Importer, json);
    r['import.json.parse.points_per_s'] = Math.round(pj.points / 2 / pj.seconds);
    r['import.json.parse.rss_growth_MB'] = Math.round(pj.rssMB);
    r['import.json.file_MB'] = Math.round(statSync(json).size / 1048576);
    const store = await openReadingStore({ dataDir: dir });
    try {
      // peak resident memory while storing (the parser thread, its batches in flight and DuckDB's write buffers)
      let peak = 0;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
      let rss0 = process.memoryUsage().rss;
      const phase = () => {
        rss0 = process.memoryUsage().rss;
        peak = rss0;
      };
      // each file as a user's single-file import: the parser thread starts cold (its start-up is counted)
      let t0 = performance.now();
      const s1 = await importSources(store, await fileSources([csv]));
      r['import.csv.store.points_per_s'] = Math.round(s1.points / 2 / ((performance.now() - t0) / 1000));
      r['import.csv.store.seconds'] = Math.round((performance.now() - t0) / 10) / 100;
      r['import.csv.store.rss_growth_MB'] = Math.round((peak - rss0) / 1048576);
      await stopIdleParser();
      phase();
      t0 = performance.now();
      const s2 = await importSources(store, await fileSources([json]));
      r['import.json.store.points_per_s'] = Math.round(s2.points / 2 / ((performance.now() - t0) / 1000));
      r['import.json.store.seconds'] = Math.round((performance.now() - t0) / 10) / 100;
      r['import.json.store.rss_growth_MB'] = Math.round((peak - rss0) / 1048576);
      // a second file of the same run (another meter): the parser thread is warm
      t0 = performance.now();
      const s2b = await importSources(store, await fileSources([json2]));
      r['import.json.store.warm.points_per_s'] = Math.round(s2b.points / 2 / ((performance.now() - t0) / 1000));
      await stopIdleParser();
      phase();
      // the same JSON again: every point replaces a stored one (the merge route), the idempotent re-import
      t0 = performance.now();
      const s3 = await importSources(store, await fileSources([json]));
      r['import.json.reimport.points_per_s'] = Math.round(s3.points / 2 / ((performance.now() - t0) / 1000));
      r['import.json.reimport.replaced'] = s3.replaced;
      await stopIdleParser();
      clearInterval(sampler);
      r['import.reimport.rss_growth_MB'] = Math.round((peak - rss0) / 1048576);
    } finally {
      await store.close();
    }
    return r;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
