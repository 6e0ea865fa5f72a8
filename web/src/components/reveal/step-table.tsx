/**
 * "What each step reveals about you": our out-of-sample figures per inference and step (each evaluation home scored
 * with settings chosen on the other homes) as the median and the range over the homes, with a verdict — still
 * inferable, weak, at chance — the published anchor beside, what the chosen step leaves in words, and at the daily
 * step the day-level facts that still show.
 */
import type { DailyFact, RevealAnswer, Spread, StepTableRow, Verdict } from '../../insight-api.ts';
import { fmtNumber } from '../../format.ts';
import { isMessageKey, useI18n, type MessageKey } from '../../i18n.ts';

type Measured = RevealAnswer['measured'];
type Anchor = StepTableRow['anchors'][number];

/** An evaluation household in words ("REFIT home 2"), never its internal code. */
export function householdName(t: ReturnType<typeof useI18n>['t'], id: string): string {
  const own = `reveal.house.${id}`;
  if (isMessageKey(own)) return t(own);
  const m = /^([A-Za-z-]+?)_House(\d+)$/.exec(id);
  const set = m ? (m[1] === 'UKDALE' ? 'UK-DALE' : m[1]!) : id;
  return m ? t('reveal.house', { set, n: m[2]! }) : id;
}

export function StepTable({ measured, current }: { measured: Measured; current: string }) {
  const { locale, t } = useI18n();
  const num = (row: StepTableRow, value: number) =>
    row.metric === 'wake_mae_min' ? fmtNumber(locale, value, value < 10 ? 1 : 0) : fmtNumber(locale, value, 2);
  const households = [
    ...new Set(measured.rows.flatMap((r) => Object.values(r.cells).flatMap((c) => c!.values.map((v) => v.household)))),
  ];
  const stepName = (s: string) => (isMessageKey(`reveal.step.${s}`) ? t(`reveal.step.${s}` as MessageKey) : s);
  const verdictText = (v: Verdict) => t(`reveal.verdict.${v}` as MessageKey);
  const range = (row: StepTableRow, s: Spread) =>
    s.households < 2 ? t('reveal.oneHousehold') : t('reveal.range', { min: num(row, s.min), max: num(row, s.max) });
  // The published figure in the page's language, from its range; the note says where it was measured.
  const anchorText = (a: Anchor, inference: string) => {
    const n = (v: number) => fmtNumber(locale, v, 2);
    const r =
      a.high >= 1 && a.metric !== 'nde' ? t('reveal.anchorAbove', { low: n(a.low) }) : `${n(a.low)}–${n(a.high)}`;
    const metricKey = `reveal.metric.${a.metric}`;
    const noteKey = `reveal.anchorNote.${inference}`;
    const datasets = [
      ...new Set(a.households.map((h) => h.split(/[_-]/)[0]!).map((d) => (d === 'UKDALE' ? 'UK-DALE' : d))),
    ].join(', ');
    return t('reveal.anchorAt', {
      range: r,
      metric: isMessageKey(metricKey) ? t(metricKey) : a.metric,
      note: isMessageKey(noteKey)
        ? t(noteKey)
        : t('reveal.anchorNote.other', { steps: a.steps.map(stepName).join(', '), datasets }),
    });
  };
  const cls = (s: string) => (s === current ? 'current' : undefined);
  // what the chosen step leaves, in words
  const at = (v: Verdict) =>
    measured.rows
      .filter((r) => r.cells[current as keyof typeof r.cells]?.verdict === v)
      .map((r) => t(`reveal.inf.${r.inference}` as MessageKey).toLowerCase());
  const list = (xs: string[]) => (xs.length ? xs.join(', ') : t('reveal.nothing'));
  return (
    <>
      <div class="table-scroll">
        <table class="step-table" data-testid="step-table">
          <thead>
            <tr>
              <th scope="col">{t('reveal.inference')}</th>
              {measured.steps.map((s) => (
                <th scope="col" key={s} class={cls(s)} data-step={s}>
                  {stepName(s)}
                </th>
              ))}
              <th scope="col">{t('reveal.published')}</th>
            </tr>
          </thead>
          <tbody>
            {measured.rows.map((row) => (
              <tr key={row.inference} data-inference={row.inference}>
                <th scope="row">
                  {t(`reveal.inf.${row.inference}` as MessageKey)}
                  <span class="small muted"> · {t(`reveal.metric.${row.metric}` as MessageKey)}</span>
                </th>
                {measured.steps.map((s) => {
                  const c = row.cells[s];
                  if (!c || !c.spread)
                    return (
                      <td key={s} class={cls(s)} data-step={s} data-verdict="not_measured">
                        —
                      </td>
                    );
                  const declined = c.values.every((v) => v.declined);
                  const chance = (c.chance?.flatMap((v) => (v.value === null ? [] : [v.value])) ?? []).sort(
                    (a, b) => a - b,
                  );
                  const mid = chance.length >> 1;
                  const chanceMedian = chance.length % 2 ? chance[mid]! : (chance[mid - 1]! + chance[mid]!) / 2;
                  return (
                    <td key={s} class={cls(s)} data-step={s} data-verdict={c.verdict}>
                      <span class="fig">{num(row, c.spread.median)}</span>{' '}
                      <span class="small muted range">({range(row, c.spread)})</span>
                      {chance.length > 0 && (
                        <span class="small muted"> ({t('reveal.chance', { n: num(row, chanceMedian) })})</span>
                      )}
                      {c.precision && c.recall && (
                        <span class="small muted pr">
                          {t('reveal.precisionRecall', {
                            p: num(row, c.precision.median),
                            r: num(row, c.recall.median),
                          })}
                        </span>
                      )}
                      <span class={`verdict verdict-${c.verdict}`}>{verdictText(c.verdict)}</span>
                      {c.fit === 'a_priori' && <span class="small muted fit">{t('reveal.aPriori')}</span>}
                      {declined && <span class="tag">{t('reveal.declined')}</span>}
                    </td>
                  );
                })}
                <td class="small">
                  {row.anchors.map((a) => (
                    <span class="anchor" key={`${a.metric} ${a.low} ${a.high}`} title={a.source}>
                      {anchorText(a, row.inference)}
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="step-verdicts" data-testid="step-verdicts">
        <h4>{t('reveal.atStep', { step: stepName(current) })}</h4>
        <p>{t('reveal.stillShows', { list: list(at('inferable')) })}</p>
        {at('weak').length > 0 && <p>{t('reveal.weakShows', { list: list(at('weak')) })}</p>}
        <p>{t('reveal.toChance', { list: list(at('chance')) })}</p>
      </div>
      {current === 'P1D' && <DailyFacts facts={measured.daily} />}
      <p class="small muted">
        {t('reveal.households', { list: households.map((h) => householdName(t, h)).join(', ') })}
      </p>
    </>
  );
}

function DailyFacts({ facts }: { facts: readonly DailyFact[] }) {
  const { locale, t } = useI18n();
  const pct = (x: number) => fmtNumber(locale, Math.round(x * 100), 0);
  return (
    <div class="daily-facts" data-testid="daily-facts">
      <h4>{t('reveal.dailyTitle')}</h4>
      <p class="small muted">{t('reveal.dailyNote')}</p>
      <ul>
        {facts.map((f) => (
          <li key={f.fact} data-fact={f.fact} data-verdict={f.verdict}>
            <strong>{t(`reveal.daily.${f.fact}` as MessageKey)}</strong> —{' '}
            {f.days
              ? f.days.truly === 0
                ? t('reveal.dailyEmptyNone', {
                    scored: fmtNumber(locale, f.days.scored),
                    wrong: fmtNumber(locale, f.days.wrong),
                  })
                : t('reveal.dailyEmpty', {
                    scored: fmtNumber(locale, f.days.scored),
                    truly: fmtNumber(locale, f.days.truly),
                    found: fmtNumber(locale, f.days.found),
                    wrong: fmtNumber(locale, f.days.wrong),
                  })
              : f.precision && f.recall
                ? t('reveal.dailyGuess', {
                    verdict: t(`reveal.verdict.${f.verdict}` as MessageKey),
                    p: pct(f.precision.median),
                    r: pct(f.recall.median),
                  })
                : t('reveal.verdict.not_measured')}
          </li>
        ))}
      </ul>
    </div>
  );
}
