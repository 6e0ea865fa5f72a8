/** `#/`: the household's consumption, the zoomable power curve and the daily energy bars. */
import { useMemo, useState } from 'preact/hooks';
import { api, type SeriesInfo } from '../api.ts';
import type { Range } from '../chart-data.ts';
import { PowerChart } from '../components/power-chart.tsx';
import { DailyBars } from '../components/daily-bars.tsx';
import { ErrorBox } from '../components/error-box.tsx';
import { MeterEmpty } from '../components/meter-empty.tsx';
import { useAsync } from '../components/use-async.ts';
import { useI18n } from '../i18n.ts';
import type { PageProps } from './types.ts';

const STEP_ORDER = ['raw', 'PT1M', 'PT10M', 'PT15M', 'PT30M', 'PT1H', 'P1D'];
const STEP_MS: Record<string, number> = {
  raw: 1000,
  PT1M: 60_000,
  PT10M: 600_000,
  PT15M: 900_000,
  PT30M: 1_800_000,
  PT1H: 3_600_000,
  P1D: 86_400_000,
};

/** The finest consumption power series (the sharpest curve); apparent power from a live meter if nothing better. */
export function pickPowerSeries(series: SeriesInfo[]): SeriesInfo | undefined {
  const rank = (s: SeriesInfo) => (s.quantity === 'power' ? 0 : 1) * 10 + STEP_ORDER.indexOf(s.step);
  return series
    .filter(
      (s) =>
        (s.quantity === 'power' || s.quantity === 'apparent_power') &&
        s.direction === 'consumption' &&
        s.register === '',
    )
    .sort((a, b) => rank(a) - rank(b))[0];
}

export function OverviewPage({ household }: PageProps) {
  const { t } = useI18n();
  const power = pickPowerSeries(household.series);
  const bounds = useMemo(
    () => (power ? { from: Date.parse(power.first), to: Date.parse(power.last) + STEP_MS[power.step]! } : null),
    [power?.id, power?.first, power?.last],
  );
  const daily = useAsync(() => api.daily(household.prm), [household.prm]);
  const [focus, setFocus] = useState<(Range & { key: number }) | undefined>(undefined);
  const [shown, setShown] = useState<Range | undefined>(undefined);

  const selectDay = (dayStart: number) => {
    const i = daily.state === 'ok' ? daily.value.t.indexOf(dayStart) : -1;
    const next = daily.state === 'ok' ? daily.value.t[i + 1] : undefined;
    setFocus({ from: dayStart, to: next ?? dayStart + 86_400_000, key: Date.now() });
    document.getElementById('power-title')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  // nothing held (erased, purged or never imported): say so and how to import, rather than an empty chart
  if (household.series.length === 0) return <MeterEmpty />;
  return (
    <>
      {power && bounds ? (
        <PowerChart prm={household.prm} seriesId={power.id} bounds={bounds} focus={focus} onShownChange={setShown} />
      ) : (
        <p class="card muted" data-testid="no-detail">
          {t('chart.noDetail')}
        </p>
      )}
      {daily.state === 'ok' && daily.value.t.length > 0 && (
        <DailyBars daily={daily.value} onSelectDay={selectDay} shown={shown} />
      )}
      {daily.state === 'error' && <ErrorBox error={daily.error} onRetry={daily.reload} />}
    </>
  );
}
