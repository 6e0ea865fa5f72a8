/**
 * Water-heater runs over 24 hours: for each quarter hour, the share of days on which the heater was running then
 * (bar height). The habit shows as a peak — at 22:00 for an off-peak relay, in the mornings after showers otherwise.
 * Usual off-peak hours (22:00–06:00) shaded.
 */
import type { HeaterRun } from '../../insight-api.ts';
import { useI18n } from '../../i18n.ts';
import { fmtNumber } from '../../format.ts';

const W = 960;
const H = 80;
const BIN = 15;
const BINS = 1440 / BIN;
const x = (min: number) => (min / 1440) * W;
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Share of the days with a run on which the heater runs in each quarter hour (runs past midnight wrap). */
export function heaterProfile(runs: readonly HeaterRun[]): number[] {
  const days = new Set(runs.map((r) => r.date)).size;
  const count = new Array<number>(BINS).fill(0);
  for (const r of runs) {
    const s = minutes(r.start);
    for (let b = Math.floor(s / BIN); b * BIN < s + r.minutes; b++) count[b % BINS]!++;
  }
  return count.map((c) => (days ? Math.min(1, c / days) : 0));
}

export function HeaterStrip({ runs }: { runs: readonly HeaterRun[] }) {
  const { locale } = useI18n();
  const share = heaterProfile(runs);
  const top = Math.max(0.05, ...share);
  return (
    <svg
      class="heater-strip"
      viewBox={`0 0 ${W} ${H + 22}`}
      role="img"
      data-testid="heater-strip"
      data-runs={runs.length}
      preserveAspectRatio="none"
    >
      <rect x={0} y={0} width={W} height={H} fill="#f6f7f5" />
      <rect x={x(22 * 60)} y={0} width={x(120)} height={H} fill="#e4e7ef" />
      <rect x={0} y={0} width={x(6 * 60)} height={H} fill="#e4e7ef" />
      {share.map((s, b) =>
        s > 0 ? (
          <rect
            key={b}
            x={x(b * BIN) + 0.5}
            y={H - (s / top) * (H - 6)}
            width={x(BIN) - 1}
            height={(s / top) * (H - 6)}
            fill="#c2410c"
            fill-opacity={0.85}
          >
            <title>{`${String(Math.floor((b * BIN) / 60)).padStart(2, '0')}:${String((b * BIN) % 60).padStart(2, '0')} · ${fmtNumber(locale, s * 100)} %`}</title>
          </rect>
        ) : null,
      )}
      <line x1={0} x2={W} y1={H} y2={H} stroke="#8a949c" />
      {[0, 3, 6, 9, 12, 15, 18, 21, 24].map((h) => (
        <g key={h}>
          <line x1={x(h * 60)} x2={x(h * 60)} y1={H} y2={H + 5} stroke="#8a949c" />
          <text
            x={Math.min(W - 18, Math.max(18, x(h * 60)))}
            y={H + 18}
            text-anchor="middle"
            font-size="12"
            fill="#56616c"
          >
            {`${String(h).padStart(2, '0')}:00`}
          </text>
        </g>
      ))}
    </svg>
  );
}
