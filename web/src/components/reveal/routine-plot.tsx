/**
 * Estimated wake-up and bedtime per day as two series of local clock times (uPlot, points only: one estimate a day,
 * nothing drawn on a day without a reliable estimate). y is minutes after midnight; a bedtime after midnight sits
 * above 24:00 so that the night stays continuous.
 */
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { DayRoutine } from '../../insight-api.ts';
import { dateNames, fmtDay, timeAxisValues, TZ } from '../../format.ts';
import { useI18n } from '../../i18n.ts';
import { clock, dayMs } from './time.ts';

const HEIGHT = 260;

export function RoutinePlot({ days }: { days: readonly DayRoutine[] }) {
  const { locale, t } = useI18n();
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current!;
    const names = dateNames(locale);
    const x = days.map((d) => dayMs(d.date));
    const wake = days.map((d) => d.wakeMin);
    const bed = days.map((d) => d.bedMin);
    const dot = (stroke: string, fill: string): uPlot.Series => ({
      stroke,
      fill,
      width: 0,
      points: { show: true, size: 6, stroke, fill, width: 1 },
      paths: () => null,
    });
    const u = new uPlot(
      {
        width: Math.max(280, el.clientWidth),
        height: HEIGHT,
        ms: 1,
        tzDate: (ts) => uPlot.tzDate(new Date(ts), TZ),
        fmtDate: (tpl) => uPlot.fmtDate(tpl, names),
        scales: { x: { time: true }, y: { range: () => [240, 1680] } },
        series: [
          { label: t('reveal.day'), value: (_u, v) => (v == null ? '—' : fmtDay(locale, v)) },
          {
            label: t('reveal.wake'),
            ...dot('#b45309', 'rgba(217,119,6,0.85)'),
            value: (_u, v) => (v == null ? '—' : clock(v)),
          },
          {
            label: t('reveal.bed'),
            ...dot('#1e3a8a', 'rgba(37,99,235,0.85)'),
            value: (_u, v) => (v == null ? '—' : clock(v)),
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
            size: 56,
            splits: () => [240, 480, 720, 960, 1200, 1440, 1680],
            values: (_u, s) => s.map(clock),
          },
        ],
        cursor: { drag: { x: false, y: false } },
        legend: { live: true },
      },
      [x, wake, bed],
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
  return <div class="chart" ref={host} data-testid="routine-plot" />;
}
