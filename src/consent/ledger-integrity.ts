/**
 * @module consent/ledger-integrity
 * Verification of the ledger as stored, damage and all. Each row is checked on its own: its JSON parses, it links to
 * the row before it (prev_hash equals that row's stored hash, or the hash its content gives when that hash field was
 * altered), its content matches its own hash, and its receipt is signed by the hub and bound to it. Gaps in the
 * sequence and seq ranges the storage could not read are named. Operators' acknowledgements (`ledger-acknowledged`
 * events that themselves verify) are matched to the damage they cover, so a break stays reported after it was
 * acknowledged. The events that verify are returned: the state is rebuilt from them alone.
 */
import { errorCodeOf } from './ledger-report.ts';
import { GENESIS_HASH, hashEvent } from './ledger.ts';
import type { HashFn } from './canonical.ts';
import type { AcknowledgedDamage, ChainedEvent, DamageKind, EventBody } from './events.ts';
import type { Actor } from './model.ts';

/** A ledger row exactly as the storage returned it (the body is the stored JSON text, parsed here). */
export interface StoredRow {
  readonly seq: number;
  readonly eventId: string;
  readonly at: number;
  readonly actor: Actor;
  /** The type, usage point and consent columns stored beside the body: what a damaged row claims to be. */
  readonly type: string;
  readonly prm: string | null;
  readonly consentId: string | null;
  readonly body: string;
  readonly prevHash: string;
  readonly hash: string;
  readonly receipt: string | null;
}

/** Seqs the storage could not read (`to` inclusive), with the storage's message. */
export interface UnreadableRange {
  readonly from: number;
  readonly to: number;
  readonly detail: string;
}

/** What reading the ledger gave: the readable rows in seq order and the ranges that could not be read. */
export interface LedgerRead {
  readonly rows: readonly StoredRow[];
  readonly unreadable: readonly UnreadableRange[];
}

export interface LedgerDamage {
  readonly seq: number;
  /** Last seq of a damaged range (missing or unreadable rows); absent for one row. */
  readonly through?: number | undefined;
  readonly kind: DamageKind;
  readonly detail: string;
  readonly eventId?: string | undefined;
  /** What a damaged row claims to be (its stored type column, unverified), e.g. "withdrawn". */
  readonly declaredType?: string | undefined;
  /** Seq of the acknowledgement that covers this damage, once an operator acknowledged it. */
  readonly acknowledgedAt?: number | undefined;
}

export interface AcknowledgementView {
  readonly seq: number;
  readonly eventId: string;
  readonly at: number;
  /** Who acknowledged: actor kind and id, e.g. "operator local-cli". */
  readonly by: string;
  readonly reason: string;
  readonly covers: readonly AcknowledgedDamage[];
  readonly setAside?: string | undefined;
}

/** The verification report (`courant ledger verify`, GET /api/admin/ledger/verify). */
export interface LedgerReport {
  /** ok: nothing damaged; acknowledged: every damage acknowledged; broken: some damage is not (writes refused). */
  readonly status: 'ok' | 'broken' | 'acknowledged';
  /** Rows read. */
  readonly count: number;
  /** Rows that verify (the state is rebuilt from these). */
  readonly verified: number;
  /** Last readable row as stored. */
  readonly head: { readonly seq: number; readonly hash: string } | null;
  /** Highest seq known to exist, readable or not. */
  readonly lastSeq: number;
  readonly receipts: { readonly checked: number };
  /** Every damage found, in seq order. */
  readonly breaks: readonly LedgerDamage[];
  /** The first damage not acknowledged, with its catalogue code; null unless status is broken. */
  readonly firstBreak: (LedgerDamage & { readonly code: string }) | null;
  readonly acknowledgements: readonly AcknowledgementView[];
}

/** Checks a receipt against its row; returns the problem, or undefined when it is signed by the hub and bound to it. */
export type ReceiptCheck = (jws: string, e: ChainedEvent) => Promise<string | undefined>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const lastOf = (d: { seq: number; through?: number | undefined }) => d.through ?? d.seq;

function parseBody(text: string): { body: EventBody } | { problem: string } {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return { problem: `the event's JSON does not parse (${(e as Error).message})` };
  }
  if (!isObject(v) || typeof v.type !== 'string') return { problem: 'the event is not a JSON object with a type' };
  return { body: v as unknown as EventBody };
}

type RowCheck =
  | { readonly problem: string }
  | { readonly event: ChainedEvent; readonly computed: string; readonly receipt: string | undefined };

/** Parts of [from, to] outside every unreadable range. */
function outside(from: number, to: number, ranges: readonly UnreadableRange[]): [number, number][] {
  let parts: [number, number][] = [[from, to]];
  for (const r of ranges) {
    parts = parts.flatMap(([a, b]): [number, number][] => {
      if (r.to < a || r.from > b) return [[a, b]];
      const out: [number, number][] = [];
      if (a < r.from) out.push([a, r.from - 1]);
      if (b > r.to) out.push([r.to + 1, b]);
      return out;
    });
  }
  return parts;
}

/**
 * The acknowledgement covering a damage: every seq of it lies in seqs that acknowledgements written after it named
 * as damaged (a range set aside as unreadable and later seen as missing rows stays covered; a new seq does not).
 * Returns the seq of the latest acknowledgement needed, or undefined.
 */
function acknowledgedAt(d: LedgerDamage, acks: readonly AcknowledgementView[]): number | undefined {
  const after = acks.filter((a) => a.seq > lastOf(d));
  let at: number | undefined;
  for (let s = d.seq; s <= lastOf(d);) {
    let reach = -1;
    let by = -1;
    for (const a of after) {
      for (const c of a.covers) {
        if (c.seq <= s && s <= lastOf(c) && lastOf(c) > reach) [reach, by] = [lastOf(c), a.seq];
      }
    }
    if (reach < 0) return undefined;
    at = Math.max(at ?? by, by);
    s = reach + 1;
  }
  return at;
}

export async function inspectLedger(
  read: LedgerRead,
  opts: { hash: HashFn; checkReceipt?: ReceiptCheck | undefined },
): Promise<{ report: LedgerReport; verified: ChainedEvent[] }> {
  const damage: LedgerDamage[] = read.unreadable.map((r) => ({
    seq: r.from,
    ...(r.to !== r.from ? { through: r.to } : {}),
    kind: 'unreadable' as const,
    detail: r.detail,
  }));
  const verified: ChainedEvent[] = [];
  // Each row's hash depends only on its own stored fields, so hashes and receipt signatures are checked
  // concurrently (Web Crypto works off the main thread); the links are then walked in seq order.
  const checked = await Promise.all(
    read.rows.map(async (row): Promise<RowCheck> => {
      const parsed = parseBody(row.body);
      if ('problem' in parsed) return { problem: parsed.problem };
      const event: ChainedEvent = {
        seq: row.seq,
        eventId: row.eventId,
        at: row.at,
        actor: row.actor,
        body: parsed.body,
        prevHash: row.prevHash,
        hash: row.hash,
      };
      const receipt = opts.checkReceipt
        ? row.receipt
          ? opts.checkReceipt(row.receipt, event)
          : Promise.resolve('receipt missing')
        : undefined;
      return { event, computed: await hashEvent(row.prevHash, event, opts.hash), receipt: await receipt };
    }),
  );
  let prev: { hash: string; computed: string | undefined } | null = null;
  let expected = 1;
  let receiptsChecked = 0;
  for (const [i, row] of read.rows.entries()) {
    const hurt = (kind: DamageKind, detail: string) =>
      damage.push({ seq: row.seq, kind, detail, eventId: row.eventId, declaredType: row.type });
    if (row.seq < expected) {
      hurt('missing', `seq ${row.seq} stored after seq ${expected - 1} (rows reordered)`);
      continue;
    }
    const afterGap = row.seq > expected;
    if (afterGap) {
      for (const [a, b] of outside(expected, row.seq - 1, read.unreadable)) {
        damage.push({
          seq: a,
          ...(b !== a ? { through: b } : {}),
          kind: 'missing',
          detail: `no row for seq ${a === b ? a : `${a}–${b}`} (rows removed or renumbered)`,
        });
      }
    }
    expected = row.seq + 1;
    const c = checked[i]!;
    if ('problem' in c) {
      hurt('unparsable', c.problem);
      prev = { hash: row.hash, computed: undefined };
      continue;
    }
    const linked =
      afterGap || (prev ? row.prevHash === prev.hash || row.prevHash === prev.computed : row.prevHash === GENESIS_HASH);
    let problem: [DamageKind, string] | undefined;
    if (!linked)
      problem = ['link-mismatch', `prev_hash ${row.prevHash.slice(0, 12)}… is not the hash of seq ${row.seq - 1}`];
    else if (c.computed !== row.hash)
      problem = ['hash-mismatch', 'content does not match its hash (row altered or reordered)'];
    else if (opts.checkReceipt) {
      receiptsChecked++;
      if (c.receipt) problem = ['bad-signature', c.receipt];
    }
    if (problem) hurt(...problem);
    else verified.push(c.event);
    prev = { hash: row.hash, computed: c.computed };
  }
  damage.sort((a, b) => a.seq - b.seq);

  const acknowledgements: AcknowledgementView[] = [];
  for (const e of verified) {
    if (e.body.type !== 'ledger-acknowledged') continue;
    const b = e.body;
    if (!Array.isArray(b.covers) || typeof b.reason !== 'string') continue; // not an acknowledgement this hub wrote
    acknowledgements.push({
      seq: e.seq,
      eventId: e.eventId,
      at: e.at,
      by: `${e.actor.kind} ${e.actor.id}`,
      reason: b.reason,
      covers: b.covers,
      ...(b.setAside ? { setAside: b.setAside } : {}),
    });
  }
  const breaks = damage.map((d): LedgerDamage => {
    const at = acknowledgedAt(d, acknowledgements);
    return at === undefined ? d : { ...d, acknowledgedAt: at };
  });
  const first = breaks.find((b) => b.acknowledgedAt === undefined);
  const last = read.rows.at(-1);
  const report: LedgerReport = {
    status: first ? 'broken' : breaks.length ? 'acknowledged' : 'ok',
    count: read.rows.length,
    verified: verified.length,
    head: last ? { seq: last.seq, hash: last.hash } : null,
    lastSeq: Math.max(last?.seq ?? 0, ...read.unreadable.map((r) => r.to)),
    receipts: { checked: receiptsChecked },
    breaks,
    firstBreak: first ? { ...first, code: errorCodeOf(first.kind) } : null,
    acknowledgements,
  };
  return { report, verified };
}
