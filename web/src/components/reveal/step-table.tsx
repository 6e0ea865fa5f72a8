/** "What each step reveals about you": our measured figures per inference and step, the published anchor beside. */
import type { RevealAnswer, StepTableRow, StepValue } from '../../insight-api.ts';
import { fmtNumber } from '../../format.ts';
import { isMessageKey, useI18n, type MessageKey } from '../../i18n.ts';

type Measured = RevealAnswer['measured'];
type Anchor = StepTableRow['anchors'][number];

export function StepTable({ measured, current }: { measured: Measured; current: string }) {
  const { locale, t } = useI18n();
  // a declined run may have no figure at all: a dash, never a formatted null (which would read 0)
  const num = (row: StepTableRow, { value }: StepValue) =>
    value === null
      ? '—'
      : row.metric === 'wake_mae_min'
        ? fmtNumber(locale, value, value < 10 ? 1 : 0)
        : fmtNumber(locale, value, 2);
  const households = [
    ...new Set(measured.rows.flatMap((r) => Object.values(r.cells).flatMap((c) => c!.values.map((v) => v.household)))),
  ];
  const stepName = (s: string) => (isMessageKey(`reveal.step.${s}`) ? t(`reveal.step.${s}` as MessageKey) : s);
  // The published figure in the page's language, from its range; the note says where it was measured (the steps of
  // the table it sits beside are where we compare, not where the study measured, so they are not repeated here).
  const anchorText = (a: Anchor, inference: string) => {
    const n = (v: number) => fmtNumber(locale, v, 2);
    const range =
      a.high >= 1 && a.metric !== 'nde' ? t('reveal.anchorAbove', { low: n(a.low) }) : `${n(a.low)}–${n(a.high)}`;
    const metricKey = `reveal.metric.${a.metric}`;
    const noteKey = `reveal.anchorNote.${inference}`;
    const datasets = [...new Set(a.households.map((h) => h.split(/[_-]/)[0]!))].join(', ');
    return t('reveal.anchorAt', {
      range,
      metric: isMessageKey(metricKey) ? t(metricKey) : a.metric,
      note: isMessageKey(noteKey)
        ? t(noteKey)
        : t('reveal.anchorNote.other', { steps: a.steps.map(stepName).join(', '), datasets }),
    });
  };
  return (
    <>
      <div class="table-scroll">
        <table class="step-table" data-testid="step-table">
          <thead>
            <tr>
              <th scope="col">{t('reveal.inference')}</th>
              {measured.steps.map((s) => (
                <th scope="col" key={s} class={s === current ? 'current' : undefined} data-step={s}>
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
                  if (!c)
                    return (
                      <td key={s} class={s === current ? 'current' : undefined}>
                        —
                      </td>
                    );
                  const declined = c.values.every((v) => v.declined);
                  // an error in minutes where no estimate is shown at all is not a figure (forced runs answer nothing)
                  if (declined && row.better === 'lower')
                    return (
                      <td key={s} class={s === current ? 'current' : undefined} data-step={s}>
                        — <span class="tag">{t('reveal.declined')}</span>
                      </td>
                    );
                  return (
                    <td key={s} class={s === current ? 'current' : undefined} data-step={s}>
                      <span class="fig">{c.values.map((v) => num(row, v)).join(' / ')}</span>
                      {c.chance && (
                        <span class="small muted">
                          {' '}
                          ({t('reveal.chance', { n: c.chance.map((v) => num(row, v)).join(' / ') })})
                        </span>
                      )}
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
      <p class="small muted">{t('reveal.households', { list: households.join(', ') })}</p>
    </>
  );
}
