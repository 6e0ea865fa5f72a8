/**
 * The consumption curve: uPlot drawing the hub's min/max-decimated series, refetching at about one point per pixel
 * whenever the visible window changes (drag, wheel, buttons), so six months and one minute are both sharp.
 * The previous data stays drawn while the finer data loads; only the latest request is applied.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { api, type SeriesData } from '../api.ts';
import { describeError } from './error-box.tsx';
import { summarise, type Summary } from '../chart-summary.ts';
import {
  calendarWindow,
  clampRange,
  maxPointsFor,
  toPowerColumns,
  zoomAround,
  type CalendarUnit,
  type Range,
} from '../chart-data.ts';
import { dateNames, fmtDateTime, fmtDuration, fmtWatts, timeAxisValues, TZ } from '../format.ts';
import { useI18n, type Locale, type MessageKey } from '../i18n.ts';

export interface PowerChartProps {
  prm: string;
  seriesId: string;
  /** Everything the series holds: the widest window and the limits of panning. */
  bounds: Range;
  /** A window asked for from outside (a day clicked in the daily bars); `key` changes on each ask. */
  focus?: (Range & { key: number }) | undefined;
  /** Told the window shown, so that other views (the daily bars) can mark it. */
  onShownChange?: (r: Range) => void;
}

type Preset = CalendarUnit | 'all';
const PRESETS: [Preset, MessageKey][] = [
  ['all', 'chart.range.all'],
  ['month', 'chart.range.month'],
  ['week', 'chart.range.week'],
  ['day', 'chart.range.day'],
  ['hour', 'chart.range.hour'],
];
const HEIGHT = 320;
const DEBOUNCE_MS = 180;
const COLOR = '#0f6b5c';

const near = (a: Range, b: Range) => Math.abs(a.from - b.from) < 1000 && Math.abs(a.to - b.to) < 1000;

function makeOptions(
  locale: Locale,
  t: ReturnType<typeof useI18n>['t'],
  width: number,
  onResetAll: () => void,
  onScale: (u: uPlot) => void,
): uPlot.Options {
  const names = dateNames(locale);
  const watts = (_u: uPlot, v: number | null) => (v == null ? '—' : fmtWatts(locale, v));
  return {
    width,
    height: HEIGHT,
    ms: 1,
    tzDate: (ts) => uPlot.tzDate(new Date(ts), TZ),
    fmtDate: (tpl) => uPlot.fmtDate(tpl, names),
    scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.08 : 1000] } },
    series: [
      { label: t('chart.when'), value: (_u, v) => (v == null ? '—' : fmtDateTime(locale, v)) },
      { label: t('chart.mean'), stroke: COLOR, width: 1.6, value: watts, points: { show: false } },
      { label: t('chart.min'), stroke: 'rgba(15,107,92,0.28)', width: 1, value: watts, points: { show: false } },
      { label: t('chart.max'), stroke: 'rgba(15,107,92,0.28)', width: 1, value: watts, points: { show: false } },
    ],
    bands: [{ series: [3, 2], fill: 'rgba(15,107,92,0.16)' }],
    axes: [
      {
        stroke: '#4b5563',
        grid: { stroke: '#eceff1', width: 1 },
        ticks: { stroke: '#d5dade', width: 1 },
        size: 48,
        space: 90,
        values: timeAxisValues(locale),
      },
      {
        stroke: '#4b5563',
        grid: { stroke: '#eceff1', width: 1 },
        ticks: { show: false },
        size: 64,
        values: (_u, splits) => splits.map((v) => fmtWatts(locale, v)),
      },
    ],
    cursor: {
      y: false,
      drag: { x: true, y: false, setScale: true },
      // a double-click goes back to the whole period, not merely to the extent of the data loaded for the zoom
      bind: { dblclick: () => () => (onResetAll(), null) },
    },
    legend: { live: true },
    hooks: { setScale: [(u, key) => key === 'x' && onScale(u)] },
  };
}

export function PowerChart({ prm, seriesId, bounds, focus, onShownChange }: PowerChartProps) {
  const { locale, t } = useI18n();
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const view = useRef<Range>(bounds);
  const data = useRef<SeriesData | null>(null);
  const inflight = useRef<AbortController | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [shown, setShown] = useState<Range>(bounds);
  /** The calendar unit shown (the range buttons), or null once the user drags or wheels to a free window. */
  const [preset, setPreset] = useState<Preset | null>('all');
  const [resolution, setResolution] = useState<{ bucketMs: number; count: number } | null>(null);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<Error | null>(null);

  const width = () => Math.max(280, host.current?.clientWidth ?? 800);

  const apply = (u: uPlot, d: SeriesData) => {
    u.batch(() => {
      u.setData(toPowerColumns(d));
      u.setScale('x', { min: view.current.from, max: view.current.to });
    });
  };

  const load = () => {
    clearTimeout(timer.current);
    inflight.current?.abort();
    const ac = new AbortController();
    inflight.current = ac;
    const r = view.current;
    const u = plot.current;
    setLoading(true);
    api
      .series(
        prm,
        seriesId,
        { from: r.from, to: r.to, maxPoints: maxPointsFor(u ? u.bbox.width / devicePixelRatio : width()) },
        ac.signal,
      )
      .then((d) => {
        if (ac.signal.aborted) return;
        data.current = d;
        setError(null);
        setResolution({ bucketMs: d.bucketMs, count: d.t.length });
        setSummary(summarise(d.v, d.min, d.max));
        if (plot.current) apply(plot.current, d);
      })
      .catch((e: Error) => {
        if (e.name === 'AbortError' || ac.signal.aborted) return;
        setError(e);
      })
      .finally(() => inflight.current === ac && setLoading(false));
  };

  /** Moves the window (clamped to the held data) and loads it, at once or after the user stops moving. */
  const goTo = (r: Range, immediate: boolean, p: Preset | null = null) => {
    setPreset(p);
    view.current = clampRange(r, bounds);
    setShown(view.current);
    onShownChange?.(view.current);
    const u = plot.current;
    if (u && (u.scales.x!.min !== view.current.from || u.scales.x!.max !== view.current.to))
      u.setScale('x', { min: view.current.from, max: view.current.to });
    clearTimeout(timer.current);
    if (immediate) load();
    else timer.current = setTimeout(load, DEBOUNCE_MS);
  };

  const onScale = (u: uPlot) => {
    const r = { from: u.scales.x!.min ?? bounds.from, to: u.scales.x!.max ?? bounds.to };
    if (near(r, view.current)) return; // our own setScale, or no change
    goTo(r, false);
  };

  // (re)build the plot when the language changes: axis names, legend labels and number formats are in its options
  useEffect(() => {
    const el = host.current!;
    const u = new uPlot(
      makeOptions(locale, t, width(), () => goTo(bounds, true, 'all'), onScale),
      [[], [], [], []],
      el,
    );
    plot.current = u;
    if (data.current) apply(u, data.current);
    const wheel = (e: WheelEvent) => {
      e.preventDefault();
      const anchor = u.posToVal(e.offsetX, 'x');
      goTo(zoomAround(view.current, anchor, e.deltaY < 0 ? 0.7 : 1 / 0.7, bounds), false);
    };
    u.over.addEventListener('wheel', wheel, { passive: false });
    const ro = new ResizeObserver(() => {
      const w = width();
      if (Math.abs(w - u.width) > 2) {
        u.setSize({ width: w, height: HEIGHT });
        clearTimeout(timer.current);
        timer.current = setTimeout(load, DEBOUNCE_MS);
      }
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      u.over.removeEventListener('wheel', wheel);
      u.destroy();
      plot.current = null;
    };
  }, [locale]);

  useEffect(() => {
    goTo(bounds, true, 'all');
    return () => {
      clearTimeout(timer.current);
      inflight.current?.abort();
    };
  }, [prm, seriesId, bounds.from, bounds.to]);

  useEffect(() => {
    if (focus) goTo(focus, true, 'day');
  }, [focus?.key]);

  const span = shown.to - shown.from;
  const mid = (shown.from + shown.to) / 2;
  // earlier/later: the previous or next calendar unit when one is shown, else half a window
  const shift = (dir: -1 | 1) =>
    preset && preset !== 'all'
      ? goTo(calendarWindow(dir < 0 ? shown.from - 1 : shown.to, preset), true, preset)
      : goTo({ from: shown.from + (dir * span) / 2, to: shown.to + (dir * span) / 2 }, true);

  return (
    <section class="card chart-card" aria-labelledby="power-title">
      <div class="card-head">
        <h2 id="power-title">{t('chart.title')}</h2>
        <span class={`status${loading ? ' status-busy' : ''}`} role="status" aria-live="polite">
          {loading ? t('common.loading') : ''}
        </span>
      </div>
      <div class="toolbar">
        <div class="segmented" role="group" aria-label={t('chart.range.label')}>
          {PRESETS.map(([p, key]) => (
            <button
              type="button"
              key={p}
              data-range={p}
              aria-pressed={preset === p}
              onClick={() => goTo(p === 'all' ? bounds : calendarWindow(mid, p), true, p)}
            >
              {t(key)}
            </button>
          ))}
        </div>
        <div class="pager">
          <button
            type="button"
            class="ghost"
            onClick={() => shift(-1)}
            disabled={shown.from <= bounds.from}
            aria-label={t('chart.earlier')}
          >
            ‹ <span class="pager-label">{t('chart.earlier')}</span>
          </button>
          <button
            type="button"
            class="ghost"
            onClick={() => shift(1)}
            disabled={shown.to >= bounds.to}
            aria-label={t('chart.later')}
          >
            <span class="pager-label">{t('chart.later')}</span> ›
          </button>
        </div>
      </div>
      <p class="range-line" data-testid="chart-range">
        {fmtDateTime(locale, shown.from)} – {fmtDateTime(locale, shown.to)}
      </p>
      <div
        class={`chart${resolution?.bucketMs === 0 ? ' native' : ''}`}
        ref={host}
        data-testid="power-chart"
        role="img"
        aria-label={t('chart.title')}
        aria-describedby="power-summary"
      />
      <p id="power-summary" class="sr-only" data-testid="power-summary">
        {summary
          ? t('chart.summary', {
              from: fmtDateTime(locale, shown.from),
              to: fmtDateTime(locale, shown.to),
              min: fmtWatts(locale, summary.min),
              max: fmtWatts(locale, summary.max),
              mean: fmtWatts(locale, summary.mean),
            })
          : t('chart.empty')}
      </p>
      {error && (
        <p class="error" role="alert">
          {describeError(t, error)}
        </p>
      )}
      {!error && resolution && resolution.count === 0 && <p class="muted">{t('chart.empty')}</p>}
      <p class="muted small" data-testid="chart-resolution">
        {resolution &&
          resolution.count > 0 &&
          (resolution.bucketMs > 0
            ? t('chart.res.bucket', { bucket: fmtDuration(locale, resolution.bucketMs) })
            : t('chart.res.native', { step: t(`step.${data.current?.nativeStep ?? 'PT1M'}` as MessageKey) }))}{' '}
        {t('chart.hint')}
      </p>
    </section>
  );
}
