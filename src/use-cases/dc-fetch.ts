/**
 * @module use-cases/dc-fetch
 * Fetches a usage point's data from Data Connect and imports each answer with the same importers and atomic
 * writes as file imports (one answer = one source). A kind without data (`no_data_found`, e.g. hourly collection
 * not enabled) is reported in the summary and does not stop the other kinds; so is a contract API the application
 * has not subscribed on DataHub (the measures do not need it). The contract answer, fetched once per run, gives the
 * usage point's profile its subscribed power, tariff option and off-peak hours (through `profiles`); it is fetched
 * first, and its start date (last activation) clamps the measure windows of the same run, so no window is asked
 * before the contract began (Enedis would answer ADAM-ERR0123).
 */
import { isCourantError } from '../core/errors.ts';
import type { Prm } from '../core/prm.ts';
import type { DataConnectSource } from '../ports/data-connect.ts';
import { KINDS, type DcKind } from '../enedis/endpoints.ts';
import type { ReadingStore } from '../ports/reading-store.ts';
import { isNotice } from '../importers/importer.ts';
import { HEAD_BYTES, detectImporter } from '../importers/registry.ts';
import { importSources, type ImportSource, type ImportSummary } from './import-files.ts';
import type { ProfileSink } from './usage-point-profiles.ts';

export interface FetchRequest {
  readonly prm: Prm;
  readonly kinds: readonly DcKind[];
  readonly from: string;
  readonly to: string;
  readonly today: string;
  readonly contractStart?: string | undefined;
}

/** `profiles` records contract facts the answers carry (as file imports do). */
export async function fetchAndImport(
  store: ReadingStore,
  client: DataConnectSource,
  req: FetchRequest,
  opts: { profiles?: ProfileSink | undefined } = {},
): Promise<ImportSummary & { unavailable: { kind: DcKind; code: string; message: string }[] }> {
  const sources: ImportSource[] = [];
  const unavailable: { kind: DcKind; code: string; message: string }[] = [];
  let contractStart = req.contractStart;
  // snapshot kinds (the contract) first: their start date shapes the windows of the others
  const kinds = [...new Set(req.kinds)].sort((a, b) => Number(KINDS[b].once === true) - Number(KINDS[a].once === true));
  for (const kind of kinds) {
    const once = KINDS[kind].once === true;
    try {
      for await (const w of client.fetchKind(kind, req.prm, req.from, req.to, req.today, contractStart)) {
        const body = w.body;
        const dates = once ? w.start : `${w.start}_${w.end}`;
        const name = `dataconnect-${client.generation}_${kind}_${req.prm}_${dates}.json`;
        sources.push({
          name,
          size: body.length,
          open: async function* () {
            yield body;
          },
        });
        if (once && contractStart === undefined) contractStart = await contractStartIn(body, name, req.prm);
      }
    } catch (e) {
      if (
        isCourantError(e) &&
        (e.code === 'DC_NO_DATA' || e.code === 'DC_BEFORE_ACTIVATION' || (once && e.code === 'DC_FORBIDDEN'))
      )
        unavailable.push({ kind, code: e.code, message: e.message });
      else throw e;
    }
  }
  const summary = await importSources(store, sources, { prm: req.prm, profiles: opts.profiles });
  return { ...summary, unavailable };
}

/** The contract start (last activation) a contract answer gives for the usage point, as YYYY-MM-DD, if any. */
async function contractStartIn(body: Uint8Array, name: string, prm: Prm): Promise<string | undefined> {
  try {
    const importer = detectImporter(body.subarray(0, HEAD_BYTES), name);
    let start: string | undefined;
    for await (const item of importer.parse(
      (async function* () {
        yield body;
      })(),
      { fileName: name, prm },
    )) {
      if (isNotice(item) && item.kind === 'metadata' && item.prm === prm && item.contractStart)
        start = item.contractStart.slice(0, 10);
    }
    return start !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(start) ? start : undefined;
  } catch {
    return undefined; // an unreadable contract answer fails later, in the import, with its own message
  }
}
