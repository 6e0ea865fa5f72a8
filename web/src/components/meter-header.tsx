/**
 * The household's header: the meter in view (label, PRM, period, where its data comes from) and, when the hub holds
 * more than one, the switcher that changes it. The choice lives in the address (web/meter.ts), so a reload stays on it.
 */
import type { UsagePoint } from '../api.ts';
import { fmtDate } from '../format.ts';
import { isMessageKey, useI18n } from '../i18n.ts';
import { meterSources } from '../meter.ts';
import { LiveStatus } from './live-status.tsx';

/** The hub's synthetic demo household (src/core/prm.ts SYNTHETIC_DEMO_PRM): UCI days re-dated, not measurements. */
const SYNTHETIC_DEMO_PRM = '99999999999902';

function useSourceText(): (up: UsagePoint) => string {
  const { t } = useI18n();
  return (up) => {
    const names = meterSources(up).map((s) => {
      const key = s === 'demo' && up.prm === SYNTHETIC_DEMO_PRM ? 'source.demoSynthetic' : `source.${s}`;
      return isMessageKey(key) ? t(key) : s;
    });
    return names.length ? names.join(' ; ') : t('meters.noData');
  };
}

export function MeterHeader({
  meter,
  meters,
  onSwitch,
}: {
  meter: UsagePoint;
  meters: UsagePoint[];
  onSwitch: (prm: string) => void;
}) {
  const { locale, t } = useI18n();
  const sources = useSourceText();
  const first = Math.min(...meter.series.map((s) => Date.parse(s.first)));
  const last = Math.max(...meter.series.map((s) => Date.parse(s.last)));
  return (
    <div class="household" data-testid="meter-header" data-prm={meter.prm}>
      <div>
        <h1 data-testid="household-label">{meter.label ?? meter.prm}</h1>
        <p class="muted">
          {t('home.meter')} <span class="prm">{meter.prm}</span>
          {meter.series.length > 0 && (
            <> · {t('home.period', { from: fmtDate(locale, first), to: fmtDate(locale, last) })}</>
          )}
        </p>
        <p class="muted small" data-testid="meter-source">
          {t('meters.source', { source: sources(meter) })}
        </p>
      </div>
      {meters.length > 1 && (
        <label class="meter-switch">
          <span>{t('meters.switch')}</span>
          <select
            value={meter.prm}
            onChange={(e) => onSwitch((e.currentTarget as HTMLSelectElement).value)}
            data-testid="meter-switch"
          >
            {meters.map((u) => (
              <option key={u.prm} value={u.prm}>
                {u.label ? t('meters.option', { label: u.label, prm: u.prm }) : u.prm}
              </option>
            ))}
          </select>
          <span class="muted small">{t('meters.count', { n: meters.length })}</span>
        </label>
      )}
      <LiveStatus prm={meter.prm} />
    </div>
  );
}
