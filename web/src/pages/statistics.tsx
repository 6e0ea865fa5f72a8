/** `#/statistics` (public): every published statistics release, what it holds and its guarantee, in words; and the
 * list the household's journal shows of the releases it contributed to.
 */
import type { ComponentChildren } from 'preact';
import { ErrorBox } from '../components/error-box.tsx';
import { useAsync } from '../components/use-async.ts';
import { fmtDate, fmtDateTime, fmtNumber } from '../format.ts';
import { useI18n, type MessageKey } from '../i18n.ts';
import { href } from '../router.ts';
import { secure, type ReleaseView } from '../secure-api.ts';
import '../statistics.css';

function Fact({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The last day of a period `[from, to[` (the day before `to`). */
const lastDay = (to: string) => Date.parse(to) - 1;

/** A parameter with up to three significant digits, in the page's language (0,5 in French). */
function num(locale: 'fr' | 'en', x: number): string {
  return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { maximumSignificantDigits: 3 }).format(x);
}

function energy(locale: 'fr' | 'en', wh: number): string {
  return wh >= 1000 ? `${num(locale, wh / 1000)} kWh` : `${fmtNumber(locale, wh)} Wh`;
}

export function Release({ r }: { r: ReleaseView }) {
  const { locale, t } = useI18n();
  const p = r.parameters;
  const q = r.query;
  return (
    <li class="release-item" data-testid="release-item" data-release={r.releaseId}>
      <h3>{t('stats.release', { at: fmtDateTime(locale, r.createdAt), publisher: r.publisherName })}</h3>
      <dl class="release-facts">
        <Fact label={t('stats.areas')}>{t(`stats.area.${q.areaKind}` as MessageKey)}</Fact>
        <Fact label={t('stats.bucket')}>{t(`stats.bucket.${q.bucket}` as MessageKey)}</Fact>
        <Fact label={t('stats.period')}>
          {t('stats.periodValue', { from: fmtDate(locale, q.from), to: fmtDate(locale, lastDay(q.to)) })}
        </Fact>
        <Fact label={t('stats.what')}>{q.statistics.map((s) => t(`stats.stat.${s}` as MessageKey)).join(', ')}</Fact>
        <Fact label={t('stats.cells')}>
          {t('stats.cellsValue', {
            published: fmtNumber(locale, r.result.cellsPublished),
            suppressed: fmtNumber(locale, r.result.cellsSuppressed),
            floor: fmtNumber(locale, p.floor),
          })}
        </Fact>
        <Fact label={t('stats.homes')}>{t('stats.homesValue', { homes: fmtNumber(locale, r.result.noisyHomes) })}</Fact>
        <Fact label={t('stats.guarantee')}>
          <span data-testid="release-guarantee">
            {t('stats.guaranteeValue', {
              epsilon: num(locale, p.epsilon),
              rho: num(locale, p.rho),
              implied: num(locale, p.impliedEpsilon),
              delta: locale === 'fr' ? 'un sur un million' : 'one in a million',
            })}
          </span>
        </Fact>
        <Fact label={t('stats.clip')}>
          {t('stats.clipValue', { clip: energy(locale, p.clipWh), unit: t(`stats.unit.${q.bucket}` as MessageKey) })}
        </Fact>
        <Fact label={t('stats.files')}>
          <span class="release-files">
            <a href={r.files.csv.url.replace(/^\//, '')} download data-testid="release-csv">
              {t('stats.csv')}
            </a>
            <a href={r.files.parquet.url.replace(/^\//, '')} download>
              {t('stats.parquet')}
            </a>
          </span>
          <span class="release-hash">{t('stats.fingerprint', { sha: r.files.csv.sha256 })}</span>
        </Fact>
      </dl>
    </li>
  );
}

export function StatisticsPage() {
  const { t } = useI18n();
  const r = useAsync(() => secure.releases(), []);
  return (
    <section class="card" aria-labelledby="stats-title">
      <h2 id="stats-title">{t('stats.title')}</h2>
      <p class="lead">{t('stats.intro')}</p>
      {r.state === 'loading' && <p class="muted">{t('common.loading')}</p>}
      {r.state === 'error' && <ErrorBox error={r.error} onRetry={r.reload} />}
      {r.state === 'ok' && r.value.releases.length === 0 && (
        <p class="muted" data-testid="stats-empty">
          {t('stats.empty')}
        </p>
      )}
      {r.state === 'ok' && r.value.releases.length > 0 && (
        <ul class="release-list" data-testid="release-list">
          {[...r.value.releases].reverse().map((x) => (
            <Release key={x.releaseId} r={x} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** The journal's section: the releases the household's data went into. */
export function MyReleases({ prm }: { prm: string }) {
  const { locale, t } = useI18n();
  const r = useAsync(() => secure.myReleases(prm), [prm]);
  return (
    <section class="card" aria-labelledby="my-stats-title">
      <h2 id="my-stats-title">{t('stats.mine')}</h2>
      <p class="muted">{t('stats.mineIntro')}</p>
      {r.state === 'error' && <ErrorBox error={r.error} onRetry={r.reload} />}
      {r.state === 'ok' && r.value.releases.length === 0 && (
        <p class="muted" data-testid="my-releases-empty">
          {t('stats.mineEmpty')}
        </p>
      )}
      {r.state === 'ok' && r.value.releases.length > 0 && (
        <ul data-testid="my-releases">
          {[...r.value.releases].reverse().map((x) => (
            <li key={x.releaseId}>
              {t('stats.mineLine', {
                publisher: x.publisherName,
                at: fmtDate(locale, x.createdAt),
                areas: t(`stats.area.${x.query.areaKind}` as MessageKey),
                bucket: t(`stats.bucket.${x.query.bucket}` as MessageKey),
                from: fmtDate(locale, x.query.from),
                to: fmtDate(locale, lastDay(x.query.to)),
              })}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={href('/statistics')}>{t('stats.seeAll')}</a>
      </p>
    </section>
  );
}
