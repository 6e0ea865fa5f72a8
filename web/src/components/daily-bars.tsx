/**
 * Daily energy as bars (uPlot's bar path builder), one bar per Paris civil day, with a few plain figures above.
 * Clicking a bar asks the page to show that day on the power curve.
 */
import { summarise } from '../chart-summary.ts';
import { useEffect, useRef } from 'preact/hooks';
import type { Range } from '../chart-data.ts';
import uPlot from 'uplot';
import type { DailyEnergy } from '../api.ts';
import { dateNames, fmtDay, fmtKwh, fmtNumber, timeAxisValues, TZ } from '../format.ts';
import { useI18n } from '../i18n.ts';

const HALF_DAY = 43_200_000;
const HEIGHT = 220;

export function DailyBars({
  daily,
  onSelectDay,
  shown,
}: {
  daily: DailyEnergy;
  onSelectDay: (dayStart: number) => void;
  shown?: Range | undefined;
}) {
  const { locale, t } = useI18n();
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const mark = useRef<Range | undefined>(shown);

  useEffect(() => {
    const el = host.current!;
    const names = dateNames(locale);
    // bars centred on noon of their day, so that each bar sits over its own date on the axis
    const x = daily.t.map((d) => d + HALF_DAY);
    const bars = uPlot.paths.bars!({ size: [0.75, 24], gap: 1 });
    const u = new uPlot(
      {
        width: Math.max(280, el.clientWidth),
        height: HEIGHT,
        ms: 1,
        tzDate: (ts) => uPlot.tzDate(new Date(ts), TZ),
        fmtDate: (tpl) => uPlot.fmtDate(tpl, names),
        scales: {
          x: { time: true, range: (_u, min, max) => [min - HALF_DAY, max + HALF_DAY] },
          y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1000] },
        },
        series: [
          { label: t('daily.day'), value: (_u, v) => (v == null ? '—' : fmtDay(locale, v - HALF_DAY)) },
          {
            label: t('daily.series'),
            stroke: '#c0862b',
            fill: 'rgba(214,158,62,0.75)',
            width: 0,
            paths: bars,
            points: { show: false },
            value: (_u, v) => (v == null ? '—' : fmtKwh(locale, v)),
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
            values: (_u, s) => s.map((v) => `${fmtNumber(locale, v / 1000)} kWh`),
          },
        ],
        cursor: { drag: { x: false, y: false }, points: { show: false } },
        legend: { live: true },
        // the window shown on the power curve, shaded behind the bars (the whole period is not worth marking)
        hooks: {
          drawClear: [
            (u) => {
              const r = mark.current;
              if (!r || r.to - r.from >= 0.9 * (daily.t[daily.t.length - 1]! + 86_400_000 - daily.t[0]!)) return;
              const x0 = u.valToPos(r.from, 'x', true);
              const x1 = Math.max(u.valToPos(r.to, 'x', true), x0 + 2 * devicePixelRatio);
              u.ctx.save();
              u.ctx.fillStyle = 'rgba(15,107,92,0.22)';
              u.ctx.fillRect(x0, u.bbox.top, x1 - x0, u.bbox.height);
              u.ctx.restore();
            },
          ],
        },
      },
      [x, daily.v],
      el,
    );
    const click = () => {
      const i = u.cursor.idx;
      if (i != null && daily.t[i] !== undefined) onSelectDay(daily.t[i]!);
    };
    plot.current = u;
    u.over.addEventListener('click', click);
    u.over.style.cursor = 'pointer';
    const ro = new ResizeObserver(
      () =>
        Math.abs(el.clientWidth - u.width) > 2 && u.setSize({ width: Math.max(280, el.clientWidth), height: HEIGHT }),
    );
    ro.observe(el);
    return () => {
      ro.disconnect();
      u.destroy();
      plot.current = null;
    };
  }, [daily, locale]);

  useEffect(() => {
    mark.current = shown;
    plot.current?.redraw(false);
  }, [shown?.from, shown?.to]);

  const n = daily.v.length;
  const total = daily.v.reduce((a, b) => a + b, 0);
  const summary = summarise(daily.v);
  const maxI = daily.v.reduce((best, v, i) => (v > (daily.v[best] ?? -Infinity) ? i : best), 0);

  return (
    <section class="card" aria-labelledby="daily-title">
      <div class="card-head">
        <h2 id="daily-title">{t('daily.title')}</h2>
      </div>
      {n > 0 && (
        <dl class="figures">
          <div>
            <dt>{t('daily.avg')}</dt>
            <dd>{fmtKwh(locale, total / n)}</dd>
          </div>
          <div>
            <dt>{t('daily.max')}</dt>
            <dd>
              {fmtKwh(locale, daily.v[maxI]!)} <span class="muted small">{fmtDay(locale, daily.t[maxI]!)}</span>
            </dd>
          </div>
          <div>
            <dt>{t('daily.total')}</dt>
            <dd>{fmtKwh(locale, total)}</dd>
          </div>
        </dl>
      )}
      <div
        class="chart"
        ref={host}
        data-testid="daily-chart"
        role="img"
        aria-label={t('daily.title')}
        aria-describedby="daily-summary"
      />
      <p id="daily-summary" class="sr-only" data-testid="daily-summary">
        {summary &&
          t('daily.summary', {
            from: fmtDay(locale, daily.t[0]!),
            to: fmtDay(locale, daily.t[n - 1]!),
            min: fmtKwh(locale, summary.min),
            max: fmtKwh(locale, summary.max),
            mean: fmtKwh(locale, summary.mean),
          })}
      </p>
      <p class="muted small">{t('daily.hint')}</p>
    </section>
  );
}
