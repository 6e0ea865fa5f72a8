/**
 * Water-heater runs on a 24-hour strip: each run is a faint bar at its start time, its width its duration, so the
 * habit shows as a dark band (off-peak relay at 22:00, or the household's own mornings). Off-peak hours shaded.
 */
import type { HeaterRun } from '../../insight-api.ts';

const W = 960;
const H = 64;
const x = (min: number) => (min / 1440) * W;
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function HeaterStrip({ runs }: { runs: readonly HeaterRun[] }) {
  // a run past midnight wraps to the start of the strip
  const bars = runs.flatMap((r) => {
    const s = minutes(r.start);
    const e = s + r.minutes;
    return e <= 1440 ? [[s, e]] : [[s, 1440], [0, e - 1440]];
  });
  const opacity = Math.max(0.04, Math.min(0.5, 6 / Math.max(1, runs.length)));
  return (
    <svg class="heater-strip" viewBox={`0 0 ${W} ${H + 22}`} role="img" data-testid="heater-strip" data-runs={runs.length} preserveAspectRatio="none">
      <rect x={0} y={0} width={W} height={H} fill="#f6f7f5" stroke="#dfe3e0" />
      <rect x={x(22 * 60)} y={0} width={x(120)} height={H} fill="#e4e7ef" />
      <rect x={0} y={0} width={x(6 * 60)} height={H} fill="#e4e7ef" />
      {bars.map(([s, e], i) => (
        <rect key={i} x={x(s!)} y={6} width={Math.max(1.5, x(e! - s!))} height={H - 12} fill="#c2410c" fill-opacity={opacity} />
      ))}
      {[0, 3, 6, 9, 12, 15, 18, 21, 24].map((h) => (
        <g key={h}>
          <line x1={x(h * 60)} x2={x(h * 60)} y1={H} y2={H + 5} stroke="#8a949c" />
          <text x={Math.min(W - 14, Math.max(14, x(h * 60)))} y={H + 18} text-anchor="middle" font-size="12" fill="#56616c">
            {`${String(h).padStart(2, '0')}:00`}
          </text>
        </g>
      ))}
    </svg>
  );
}
