/** Month grids (Monday first) over the period computed, absent days marked; the days outside the data greyed. */
import { useI18n } from '../../i18n.ts';
import { monthGrid, monthsBetween } from './time.ts';

const WEEKDAYS = { fr: ['L', 'M', 'M', 'J', 'V', 'S', 'D'], en: ['M', 'T', 'W', 'T', 'F', 'S', 'S'] } as const;

export function AbsenceCalendar({ from, to, absent }: { from: string; to: string; absent: readonly string[] }) {
  const { locale, t } = useI18n();
  const set = new Set(absent);
  const monthName = (m: string) =>
    new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${m}-15T12:00:00Z`));
  return (
    <div>
      <div class="cal-months" data-testid="absence-calendar">
        {monthsBetween(from, to).map((m) => (
          <figure class="cal-month" key={m} data-month={m}>
            <figcaption>{monthName(m)}</figcaption>
            <div class="cal-grid" role="grid">
              {WEEKDAYS[locale].map((w, i) => (
                <span class="cal-head" key={`h${i}`} aria-hidden="true">
                  {w}
                </span>
              ))}
              {monthGrid(m).map((d, i) =>
                d === null ? (
                  <span key={`b${i}`} />
                ) : (
                  <span
                    key={d}
                    role="gridcell"
                    class={set.has(d) ? 'cal-day absent' : d < from || d > to ? 'cal-day out' : 'cal-day'}
                    data-date={d}
                    data-absent={set.has(d) ? 'true' : undefined}
                    title={set.has(d) ? `${d} · ${t('reveal.absentLegend')}` : d}
                  >
                    {Number(d.slice(8))}
                  </span>
                ),
              )}
            </div>
          </figure>
        ))}
      </div>
      <p class="cal-legend small muted">
        <span class="cal-day absent sample" aria-hidden="true" /> {t('reveal.absentLegend')}{' '}
        <span class="cal-day out sample" aria-hidden="true" /> {t('reveal.noDataLegend')}
      </p>
    </div>
  );
}
