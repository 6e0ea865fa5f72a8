/** `#/data`: "what this hub holds about me": every series held, in plain words, and the way to take it all away. */
import { api, type SeriesInfo } from '../api.ts';
import { ErrorBox } from '../components/error-box.tsx';
import { useAsync } from '../components/use-async.ts';
import { fmtDate, fmtDateTime, fmtNumber } from '../format.ts';
import { isMessageKey, useI18n, type MessageKey } from '../i18n.ts';
import type { PageProps } from './types.ts';
import { ImportUpload } from '../components/import-upload.tsx';

/** The hub's synthetic demo household (src/core/prm.ts SYNTHETIC_DEMO_PRM): UCI days re-dated, not measurements. */
const SYNTHETIC_DEMO_PRM = '99999999999902';

function SeriesCard({ s, prm }: { s: SeriesInfo; prm: string }) {
  const { locale, t } = useI18n();
  // a source added later without words yet shows its identifier rather than nothing
  const sourceKey = s.source === 'demo' && prm === SYNTHETIC_DEMO_PRM ? 'source.demoSynthetic' : `source.${s.source}`;
  const source = isMessageKey(sourceKey) ? t(sourceKey) : s.source;
  return (
    <li class="holding" data-series={s.id}>
      <h3>
        {t(`quantity.${s.quantity}` as MessageKey)} {t(`direction.${s.direction}` as MessageKey)}
        {s.register && <span class="muted"> · {s.register}</span>} <span class="unit">{s.unit}</span>
      </h3>
      <p class="about">{t(`about.${s.quantity}` as MessageKey)}</p>
      <dl>
        <div>
          <dt>{t('data.step')}</dt>
          <dd data-step={s.step}>{t(`step.${s.step}` as MessageKey)}</dd>
        </div>
        <div>
          <dt>{t('data.source')}</dt>
          <dd>{source}</dd>
        </div>
        <div>
          <dt>{t('data.range')}</dt>
          <dd>{t('data.rangeValue', { from: fmtDate(locale, s.first), to: fmtDate(locale, s.last) })}</dd>
        </div>
        <div>
          <dt>{t('data.count')}</dt>
          <dd>{t('data.countValue', { n: fmtNumber(locale, s.count) })}</dd>
        </div>
        <div>
          <dt>{t('data.id')}</dt>
          <dd>
            <code>{s.id}</code>
          </dd>
        </div>
      </dl>
    </li>
  );
}

const STEP_ORDER = ['raw', 'PT1M', 'PT10M', 'PT15M', 'PT30M', 'PT1H', 'P1D'];
const QUANTITY_ORDER = ['power', 'apparent_power', 'max_power', 'energy', 'index', 'voltage', 'current'];

export function DataPage({ household, meters, onChanged }: PageProps) {
  const { locale, t } = useI18n();
  const holdings = useAsync(() => api.holdings(household.prm), [household.prm]);
  return (
    <section class="card" aria-labelledby="data-title">
      <h2 id="data-title">{t('data.title')}</h2>
      <p class="lead">{t('data.intro')}</p>
      {holdings.state === 'loading' && <p class="muted">{t('common.loading')}</p>}
      {holdings.state === 'error' && <ErrorBox error={holdings.error} onRetry={holdings.reload} />}
      {holdings.state === 'ok' &&
        (holdings.value.series.length === 0 ? (
          <p>{t('data.empty')}</p>
        ) : (
          <>
            <ul class="holdings" data-testid="holdings">
              {[...holdings.value.series]
                .sort(
                  (a, b) =>
                    QUANTITY_ORDER.indexOf(a.quantity) - QUANTITY_ORDER.indexOf(b.quantity) ||
                    STEP_ORDER.indexOf(a.step) - STEP_ORDER.indexOf(b.step),
                )
                .map((s) => (
                  <SeriesCard key={s.id} s={s} prm={household.prm} />
                ))}
            </ul>
            <div class="export">
              <a class="button" href={api.exportUrl(household.prm, 'csv')} download>
                {t('data.export')}
              </a>
              <span class="muted small">{t('data.exportHint')}</span>
            </div>
            <p class="muted small">{t('data.generated', { at: fmtDateTime(locale, holdings.value.generatedAt) })}</p>
          </>
        ))}
      <ImportUpload onImported={() => (holdings.reload(), onChanged())} meters={meters} current={household.prm} />
    </section>
  );
}
