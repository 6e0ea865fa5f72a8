/**
 * @module consent/ledger-report
 * Words for ledger damage: the label and catalogue code of each kind, and the lines `courant ledger verify`, the hub
 * log and error messages print, so every surface names a break the same way.
 */
import type { ErrorCode } from '../core/errors.ts';
import type { DamageKind } from './events.ts';
import type { AcknowledgementView, LedgerDamage, LedgerReport } from './ledger-integrity.ts';

export const DAMAGE_LABEL: Readonly<Record<DamageKind, string>> = {
  unreadable: 'unreadable storage',
  missing: 'missing sequence',
  unparsable: 'unparsable event',
  'link-mismatch': 'broken link',
  'hash-mismatch': 'hash mismatch',
  'bad-signature': 'bad receipt signature',
};

/** The catalogue code a break of this kind is reported with. */
export function errorCodeOf(kind: DamageKind): ErrorCode {
  if (kind === 'unreadable') return 'LEDGER_UNREADABLE';
  if (kind === 'bad-signature') return 'LEDGER_BAD_SIGNATURE';
  return 'LEDGER_BROKEN';
}

/** "seq 2", or "seq 1–3" for a range. */
export function seqLabel(d: { readonly seq: number; readonly through?: number | undefined }): string {
  return d.through !== undefined && d.through !== d.seq ? `seq ${d.seq}–${d.through}` : `seq ${d.seq}`;
}

/** "seq 2 (unparsable event)". */
export function damageLabel(d: {
  readonly seq: number;
  readonly through?: number | undefined;
  readonly kind: DamageKind;
}): string {
  return `${seqLabel(d)} (${DAMAGE_LABEL[d.kind]})`;
}

/** The message of the error naming the first unacknowledged break. */
export function firstBreakMessage(d: LedgerDamage): string {
  return `first broken link at ${damageLabel(d)}${d.eventId ? `, event ${d.eventId}` : ''}: ${d.detail}`;
}

/** Why an append is refused while a break is unacknowledged. */
export function frozenMessage(d: LedgerDamage): string {
  return `the consent ledger is broken at ${damageLabel(d)} and takes no new event until an operator acknowledges the break (courant ledger acknowledge --reason "…", or POST /api/admin/ledger/acknowledge)`;
}

/** "broken at seq 2 (unparsable event), acknowledged at seq 4 by operator local-cli on …: reason". Rows set aside
 *  as unreadable are named by the kind they were acknowledged as, and the table that keeps them. */
export function acknowledgedLine(d: LedgerDamage, a: AcknowledgementView | undefined): string {
  const cover = a?.covers.find((c) => c.seq <= d.seq && d.seq <= (c.through ?? c.seq));
  const kind = cover?.kind ?? d.kind;
  const aside = kind === 'unreadable' && a?.setAside ? `; rows set aside in table ${a.setAside}` : '';
  const who = a ? ` by ${a.by} on ${new Date(a.at).toISOString()}: ${a.reason}` : '';
  return `broken at ${seqLabel(d)} (${DAMAGE_LABEL[kind]}${aside}), acknowledged at seq ${d.acknowledgedAt}${who}`;
}

/** One line per break: acknowledged ones with who, when and why; the others with what is wrong. */
export function breakLines(r: LedgerReport): string[] {
  return r.breaks.map((d) =>
    d.acknowledgedAt === undefined
      ? `damaged: ${damageLabel(d)}: ${d.detail}`
      : acknowledgedLine(
          d,
          r.acknowledgements.find((a) => a.seq === d.acknowledgedAt),
        ),
  );
}

/** What the hub logs at start when the ledger is not intact (error level when broken, warning when acknowledged). */
export function startupMessage(r: LedgerReport): string | undefined {
  if (r.status === 'ok') return undefined;
  if (r.firstBreak) {
    const others = r.breaks.length - 1;
    return (
      `consent ledger ${r.firstBreak.code}: ${firstBreakMessage(r.firstBreak)}` +
      `${others ? ` (and ${others} more damaged seq range(s))` : ''}; state rebuilt from the ${r.verified} event(s) that verify; ` +
      'new ledger writes are refused until an operator acknowledges the break (courant ledger acknowledge --reason "…")'
    );
  }
  return `consent ledger: ${breakLines(r).join('; ')}`;
}
