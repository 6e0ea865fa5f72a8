/** Cost per Paris day as bars (uPlot), total € per day; the legend gives the day, kWh and € under the cursor. */
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { PeriodCost } from '../../insight-api.ts';
import { dateNames, fmtDay, fmtNumber, timeAxisValues, TZ } from '../../format.ts';
import { useI18n } from '../../i18n.ts';

const HEIGHT = 220;
export const fmtEur = (l: 'fr' | 'en', eur: number, digits = 2) =>
  new Intl.NumberFormat(l === 'fr' ? 'fr-FR' : 'en-GB', {
    style: 'currency',
    currency: 'EUR',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(eur);

export function CostBars({ days }: { days: PeriodCost[] }) {
  const { locale, t } = useI18n();
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current!;
    const names = dateNames(locale);
    const x = days.map((d) => Date.parse(`${d.period}T12:00:00Z`)); // noon: inside that Paris day in every season
    const kwh = new Map(days.map((d, i) => [x[i]!, d.kwh]));
    const u = new uPlot(
      {
        width: Math.max(280, el.clientWidth),
        height: HEIGHT,
        ms: 1,
        tzDate: (ts) => uPlot.tzDate(new Date(ts), TZ),
        fmtDate: (tpl) => uPlot.fmtDate(tpl, names),
        scales: {
          x: { time: true, range: (_u, min, max) => [min - 43_200_000, max + 43_200_000] },
          y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
        },
        series: [
          {
            label: t('costs.day'),
            value: (_u, v) => (v == null ? '—' : `${fmtDay(locale, v)} · ${fmtNumber(locale, kwh.get(v) ?? 0, 1)} kWh`),
          },
          {
            label: t('costs.euro'),
            stroke: '#0f6b5c',
            fill: 'rgba(15,107,92,0.7)',
            width: 0,
            paths: uPlot.paths.bars!({ size: [0.75, 24], gap: 1 }),
            points: { show: false },
            value: (_u, v) => (v == null ? '—' : fmtEur(locale, v)),
          },
        ],
        axes: [
          {
            stroke: '#4b5563',
            grid: { show: false },
            ticks: { stroke: '#d5dade' },
            size: 48,
            space: 90,
            values: timeAxisValues(locale),
          },
          {
            stroke: '#4b5563',
            grid: { stroke: '#eceff1' },
            ticks: { show: false },
            size: 64,
            values: (_u, s) => s.map((v) => fmtEur(locale, v, 0)),
          },
        ],
        cursor: { drag: { x: false, y: false }, points: { show: false } },
        legend: { live: true },
      },
      [x, days.map((d) => d.totalEur)],
      el,
    );
    const ro = new ResizeObserver(
      () =>
        Math.abs(el.clientWidth - u.width) > 2 && u.setSize({ width: Math.max(280, el.clientWidth), height: HEIGHT }),
    );
    ro.observe(el);
    return () => {
      ro.disconnect();
      u.destroy();
    };
  }, [days, locale]);
  return <div class="chart" ref={host} data-testid="cost-bars" />;
}
