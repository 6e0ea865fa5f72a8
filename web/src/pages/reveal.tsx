/**
 * `#/reveal` "Ce que mes données révèlent": for the household's own data, at the step chosen, its
 * inferred routine, absences and water-heater runs, the sentence a consent screen shows, and our measured accuracy
 * per step. Computed by the hub for the household only (GET /api/usage-points/:prm/reveal); never offered to others.
 */
import { useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { ErrorBox } from '../components/error-box.tsx';
import { AbsenceCalendar } from '../components/reveal/absence-calendar.tsx';
import { HeaterStrip } from '../components/reveal/heater-strip.tsx';
import { RoutinePlot } from '../components/reveal/routine-plot.tsx';
import { StepTable } from '../components/reveal/step-table.tsx';
import { useAsync } from '../components/use-async.ts';
import { fmtDate, fmtNumber, fmtWatts, TZ } from '../format.ts';
import { useI18n, type MessageKey } from '../i18n.ts';
import { insight, isNone, type RevealAnswer, type RevealStep } from '../insight-api.ts';
import { hashParam, href } from '../router.ts';
import type { PageProps } from './types.ts';

const STEPS: RevealStep[] = ['PT1M', 'PT10M', 'PT30M', 'PT1H', 'P1D'];
const parisDay = (ms: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(ms),
  );

function NoneNote({ reason }: { reason: string }) {
  const { t } = useI18n();
  return <p class="muted none-note">{t(`reveal.none.${reason}` as MessageKey)}</p>;
}

function Findings({ r }: { r: RevealAnswer }) {
  const { locale, t } = useI18n();
  const from = parisDay(Date.parse(r.from));
  const to = parisDay(Date.parse(r.to) - 1);
  const heater = r.waterHeater;
  return (
    <>
      <blockquote class="reveal-sentence" data-testid="reveal-sentence">
        {r.sentence}
      </blockquote>
      <p class="small muted">
        {t('reveal.from', {
          series: r.series,
          from: fmtDate(locale, Date.parse(r.from)),
          to: fmtDate(locale, Date.parse(r.to) - 1),
        })}
        {r.baseLoadW !== null && <> {t('reveal.baseLoad', { power: fmtWatts(locale, r.baseLoadW) })}</>}
      </p>

      <section class="card" aria-labelledby="routine-title">
        <h3 id="routine-title">{t('reveal.routine')}</h3>
        <p class="small muted">{t('reveal.routineHint')}</p>
        {isNone(r.routine) ? (
          <NoneNote reason={r.routine.none} />
        ) : (
          <>
            {r.routine.usualWake && (
              <p data-testid="usual-times">
                {t('reveal.usual', { wake: r.routine.usualWake, bed: r.routine.usualBed ?? '—' })}
              </p>
            )}
            <RoutinePlot days={r.routine.days} />
          </>
        )}
      </section>

      <section class="card" aria-labelledby="absence-title">
        <h3 id="absence-title">{t('reveal.absences')}</h3>
        <p class="small muted">{t('reveal.absencesHint')}</p>
        {isNone(r.absences) ? (
          <NoneNote reason={r.absences.none} />
        ) : (
          <>
            <p>{t('reveal.absentDays', { n: fmtNumber(locale, r.absences.days.length) })}</p>
            <AbsenceCalendar from={from} to={to} absent={r.absences.days} />
          </>
        )}
      </section>

      <section class="card" aria-labelledby="heater-title">
        <h3 id="heater-title">{t('reveal.heater')}</h3>
        {isNone(heater) ? (
          <NoneNote reason={heater.none} />
        ) : (
          <>
            <p data-testid="heater-schedule" data-schedule={heater.schedule}>
              {heater.schedule === 'off_peak_relay'
                ? t('reveal.heaterOffPeak', { start: heater.usualStart ?? '—' })
                : t('reveal.heaterOwn', { start: heater.usualFirstStart ?? '—' })}{' '}
              {t('reveal.heaterPower', {
                power: fmtWatts(locale, heater.powerW),
                n: fmtNumber(locale, heater.runs.length),
              })}
            </p>
            <p class="small muted">{t('reveal.heaterHint')}</p>
            <HeaterStrip runs={heater.runs} />
            <details>
              <summary>{t('reveal.heaterRecent')}</summary>
              <ul class="runs">
                {heater.runs
                  .slice(-12)
                  .reverse()
                  .map((run) => (
                    <li key={`${run.date}-${run.start}`}>
                      {t('reveal.heaterRun', {
                        date: fmtDate(locale, Date.parse(`${run.date}T12:00:00Z`)),
                        start: run.start,
                        minutes: run.minutes,
                      })}
                    </li>
                  ))}
              </ul>
            </details>
          </>
        )}
      </section>
    </>
  );
}

export function RevealPage({ household }: PageProps) {
  const { locale, t } = useI18n();
  const asked = hashParam('step');
  const [step, setStep] = useState<RevealStep>(STEPS.includes(asked as RevealStep) ? (asked as RevealStep) : 'PT30M');
  const r = useAsync(() => insight.reveal(household.prm, step, locale), [household.prm, step, locale]);
  const choose = (s: RevealStep) => {
    setStep(s);
    history.replaceState(null, '', href('/reveal', { step: s })); // kept on reload (with the meter), no hashchange
  };
  const noSeries = r.state === 'error' && r.error instanceof ApiError && r.error.code === 'REVEAL_NO_SERIES';
  return (
    <section class="reveal" aria-labelledby="reveal-title">
      <div class="card">
        <h2 id="reveal-title">{t('reveal.title')}</h2>
        <p class="lead">{t('reveal.intro')}</p>
        <div class="toolbar">
          <span id="step-label">{t('reveal.stepLabel')}</span>
          <span class="segmented" role="group" aria-labelledby="step-label" data-testid="reveal-steps">
            {STEPS.map((s) => (
              <button type="button" key={s} aria-pressed={s === step} onClick={() => choose(s)} data-step={s}>
                {t(`reveal.step.${s}` as MessageKey)}
              </button>
            ))}
          </span>
        </div>
        {r.state === 'loading' && <p class="status status-busy">{t('common.loading')}</p>}
      </div>
      {noSeries && <p class="card">{t('reveal.noSeries')}</p>}
      {r.state === 'error' && !noSeries && <ErrorBox error={r.error} onRetry={r.reload} />}
      {r.state === 'ok' && <Findings r={r.value} />}
      {r.state === 'ok' && (
        <section class="card" aria-labelledby="table-title">
          <h3 id="table-title">{t('reveal.table')}</h3>
          <p class="small muted">{t('reveal.tableHint', { seed: r.value.measured.seed })}</p>
          <StepTable measured={r.value.measured} current={step} />
        </section>
      )}
    </section>
  );
}
