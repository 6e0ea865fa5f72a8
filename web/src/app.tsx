/**
 * @module web/app
 * The shell: header (household, language), nav built from ROUTES, the current page, footer with the data attribution.
 * A new page is one file in pages/ and one entry in ROUTES (plus its words in i18n.ts).
 */
import type { ComponentType } from 'preact';
import { useEffect } from 'preact/hooks';
import { api, type UsagePoint } from './api.ts';
import { ErrorBox } from './components/error-box.tsx';
import { LiveStatus } from './components/live-status.tsx';
import { useAsync } from './components/use-async.ts';
import { fmtDate } from './format.ts';
import { LOCALES, useI18n, type MessageKey } from './i18n.ts';
import { href, useRoute } from './router.ts';
import { DataPage } from './pages/data.tsx';
import { OverviewPage } from './pages/overview.tsx';
import type { PageProps } from './pages/types.ts';

export interface RouteDef {
  path: string;
  nav: MessageKey;
  page: ComponentType<PageProps>;
}

export const ROUTES: RouteDef[] = [
  { path: '/', nav: 'nav.overview', page: OverviewPage },
  { path: '/data', nav: 'nav.data', page: DataPage },
];

function Logo() {
  return (
    <svg class="logo" viewBox="0 0 32 32" width="32" height="32" aria-hidden="true">
      <rect width="32" height="32" rx="8" fill="#0f6b5c" />
      <path d="M18 4 8 18h7l-2 10 10-14h-7z" fill="#fff" />
    </svg>
  );
}

function Household({ up }: { up: UsagePoint }) {
  const { locale, t } = useI18n();
  const first = Math.min(...up.series.map((s) => Date.parse(s.first)));
  const last = Math.max(...up.series.map((s) => Date.parse(s.last)));
  return (
    <div class="household">
      <div>
        <h1 data-testid="household-label">{up.label ?? up.prm}</h1>
        <p class="muted">
          {t('home.meter')} <span class="prm">{up.prm}</span>
          {up.series.length > 0 && <> · {t('home.period', { from: fmtDate(locale, first), to: fmtDate(locale, last) })}</>}
        </p>
      </div>
      <LiveStatus prm={up.prm} />
    </div>
  );
}

export function App() {
  const { locale, t, setLocale } = useI18n();
  const path = useRoute();
  const ups = useAsync(() => api.usagePoints(locale), [locale]);
  const health = useAsync(() => api.health(), []);
  const route = ROUTES.find((r) => r.path === path);
  const other = LOCALES.find((l) => l !== locale)!;
  const household = ups.state === 'ok' ? ups.value[0] : undefined;
  const Page = route?.page;
  useEffect(() => {
    document.title = `${route ? t(route.nav) : t('notFound.title')} · courant`;
  }, [route, locale]);

  return (
    <>
      <a class="skip" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        {t('app.skip')}
      </a>
      <header class="top">
        <div class="wrap top-inner">
          <a class="brand" href={href('/')}>
            <Logo />
            <span>
              <strong>courant</strong>
              <span class="tagline">{t('app.tagline')}</span>
            </span>
          </a>
          <button type="button" class="lang" lang={other} onClick={() => setLocale(other)} aria-label={t('lang.switch')} data-testid="lang-switch">
            {t('lang.other')}
          </button>
        </div>
        <nav class="wrap tabs" aria-label={t('nav.label')}>
          {ROUTES.map((r) => (
            <a key={r.path} href={href(r.path)} aria-current={r.path === path ? 'page' : undefined}>
              {t(r.nav)}
            </a>
          ))}
        </nav>
      </header>
      <main id="main" tabIndex={-1} class="wrap">
        {ups.state === 'loading' && <p class="muted">{t('common.loading')}</p>}
        {ups.state === 'error' && <ErrorBox error={ups.error} onRetry={ups.reload} />}
        {ups.state === 'ok' && !household && <p class="card">{t('error.noHousehold')}</p>}
        {household && <Household up={household} />}
        {household && Page && <Page household={household} />}
        {household && !Page && (
          <section class="card">
            <h2>{t('notFound.title')}</h2>
            <a href={href('/')}>{t('notFound.back')}</a>
          </section>
        )}
      </main>
      <footer class="wrap foot">
        <p>{t('footer.hub', { version: health.state === 'ok' ? health.value.version : '' })}</p>
        <p>{t('footer.data')}</p>
      </footer>
    </>
  );
}
