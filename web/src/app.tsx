/**
 * @module web/app
 * The shell: header (household, language), nav built from ROUTES, the current page, footer with the data attribution.
 * A new page is one file in pages/ and one entry in ROUTES (plus its words in i18n.ts).
 */
import type { ComponentType } from 'preact';
import { useEffect } from 'preact/hooks';
import { api, type UsagePoint } from './api.ts';
import { ErrorBox } from './components/error-box.tsx';
import { MeterHeader } from './components/meter-header.tsx';
import { NoMeter } from './components/no-meter.tsx';
import { useAsync } from './components/use-async.ts';
import { pickMeter, useMeterParam } from './meter.ts';
import { LOCALES, useI18n, type MessageKey } from './i18n.ts';
import { hashParam, href, useRoute } from './router.ts';
import { DataPage } from './pages/data.tsx';
import { OverviewPage } from './pages/overview.tsx';
import type { PageProps } from './pages/types.ts';
import { useState } from 'preact/hooks';
import { secure } from './secure-api.ts';
import { LoginPage, SetupPage } from './pages/login.tsx';
import { SpacePage } from './pages/space.tsx';
import { JournalPage } from './pages/journal.tsx';
import { ReceiptsPage } from './pages/receipts.tsx';
import { RightsPage } from './pages/rights.tsx';
import { RevealPage } from './pages/reveal.tsx';
import { CostsPage } from './pages/costs.tsx';
import { RegisterPage, TransparencyPage } from './pages/transparency.tsx';
import { StatisticsPage } from './pages/statistics.tsx';
import { ClientsPage } from './pages/clients.tsx';
import { AuthorizeErrorPage, AuthorizeNotHouseholdPage, AuthorizePage } from './pages/authorize.tsx';

export interface RouteDef {
  path: string;
  nav: MessageKey;
  page: ComponentType<PageProps>;
  /** Reached from other pages' links, not from the menu. */
  hidden?: boolean;
}

export const ROUTES: RouteDef[] = [
  { path: '/', nav: 'nav.overview', page: OverviewPage },
  { path: '/data', nav: 'nav.data', page: DataPage },
  { path: '/reveal', nav: 'nav.reveal', page: RevealPage },
  { path: '/costs', nav: 'nav.costs', page: CostsPage },
  { path: '/space', nav: 'nav.space', page: SpacePage },
  { path: '/journal', nav: 'nav.journal', page: JournalPage },
  { path: '/receipts', nav: 'nav.receipts', page: ReceiptsPage, hidden: true },
  { path: '/rights', nav: 'nav.rights', page: RightsPage },
];

/**
 * Pages that need no household: the public transparency report and published statistics (also before login), the
 * operator's register and its third-party clients.
 */
export const OTHER_ROUTES: {
  path: string;
  nav: MessageKey;
  page: ComponentType;
  public?: boolean;
  operator?: boolean;
}[] = [
  { path: '/transparency', nav: 'nav.transparency', page: TransparencyPage, public: true },
  { path: '/statistics', nav: 'nav.statistics', page: StatisticsPage, public: true },
  { path: '/register', nav: 'nav.register', page: RegisterPage, operator: true },
  { path: '/clients', nav: 'nav.clients', page: ClientsPage, operator: true },
];

function Logo() {
  return (
    <svg class="logo" viewBox="0 0 32 32" width="32" height="32" aria-hidden="true">
      <rect width="32" height="32" rx="8" fill="#0f6b5c" />
      <path d="M18 4 8 18h7l-2 10 10-14h-7z" fill="#fff" />
    </svg>
  );
}

export function App() {
  const { locale, t, setLocale } = useI18n();
  const path = useRoute();
  // Deny by default: nothing but the public pages until the session is known; `session` bumps on log in/out.
  const [session, setSession] = useState(0);
  const sess = useAsync(async () => {
    const st = await secure.state();
    return { setupNeeded: st.setupNeeded, me: st.authenticated ? await secure.me() : null };
  }, [session]);
  const me = sess.state === 'ok' ? sess.value.me : null;
  const ups = useAsync(
    () => (me ? api.usagePoints(locale) : new Promise<UsagePoint[]>(() => {})),
    [locale, me, session],
  );
  const health = useAsync(() => api.health(), []);
  const operator = !!me && me.actor.kind !== 'household';
  const other = OTHER_ROUTES.find((r) => r.path === path && (r.public || operator));
  const route = ROUTES.find((r) => r.path === path) ?? other;
  // An application's consent screen (`#/authorize?…`, sent by the hub's authorisation endpoint): in no menu; signing
  // in first keeps its address. Its error variant needs no household and links nowhere outside the hub.
  const consent = path === '/authorize';
  const consentError = consent && hashParam('error') !== null;
  const otherLocale = LOCALES.find((l) => l !== locale)!;
  const loggedOut = sess.state === 'ok' && !me;
  // the meter in view is the one the address names; the first held when it names none or one no longer held
  const meters = !loggedOut && ups.state === 'ok' ? ups.value : [];
  const [asked, setMeter] = useMeterParam();
  const { meter: household, missing } = pickMeter(meters, asked);
  const [gone, setGone] = useState<string | null>(null);
  useEffect(() => {
    // the consent screen's address belongs to the application that sent the household there
    if (!household || consent) return;
    if (missing) setGone(missing);
    if (asked !== household.prm) setMeter(household.prm, true);
  }, [household?.prm, asked, missing, consent]);
  const switchMeter = (prm: string) => (setGone(null), setMeter(prm));
  const Page = consent ? AuthorizePage : ROUTES.find((r) => r.path === path)?.page;
  const Other = consentError ? AuthorizeErrorPage : consent && operator ? AuthorizeNotHouseholdPage : other?.page;
  const navRoutes = loggedOut
    ? OTHER_ROUTES.filter((r) => r.public)
    : operator
      ? OTHER_ROUTES
      : [...ROUTES.filter((r) => !r.hidden), ...OTHER_ROUTES.filter((r) => r.public)];
  const onSession = () => setSession((n) => n + 1);
  const logout = () => secure.logout().finally(() => ((location.hash = '#/'), onSession()));
  useEffect(() => {
    document.title = `${route ? t(route.nav) : consent ? t('authorize.title') : t('notFound.title')} · courant`;
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
          <span class="top-actions">
            {me?.account && (
              <button
                type="button"
                class="lang"
                onClick={logout}
                title={t('space.signedAs', { name: me.account.displayName })}
                data-testid="logout"
              >
                {t('auth.logout')}
              </button>
            )}
            <button
              type="button"
              class="lang"
              lang={otherLocale}
              onClick={() => setLocale(otherLocale)}
              aria-label={t('lang.switch')}
              data-testid="lang-switch"
            >
              {t('lang.other')}
            </button>
          </span>
        </div>
        <nav class="wrap tabs" aria-label={t('nav.label')}>
          {navRoutes.map((r) => (
            <a key={r.path} href={href(r.path)} aria-current={r.path === path ? 'page' : undefined}>
              {t(r.nav)}
            </a>
          ))}
        </nav>
      </header>
      <main id="main" tabIndex={-1} class="wrap">
        {Other && <Other />}
        {!Other && loggedOut && path === '/setup' && <SetupPage onDone={onSession} />}
        {!Other && loggedOut && path !== '/setup' && (
          <LoginPage onDone={onSession} setupNeeded={sess.state === 'ok' && sess.value.setupNeeded} waiting={consent} />
        )}
        {!Other && sess.state === 'error' && <ErrorBox error={sess.error} onRetry={sess.reload} />}
        {!Other && !loggedOut && (sess.state === 'loading' || ups.state === 'loading') && (
          <p class="muted">{t('common.loading')}</p>
        )}
        {!Other && !loggedOut && ups.state === 'error' && <ErrorBox error={ups.error} onRetry={ups.reload} />}
        {!Other && !loggedOut && ups.state === 'ok' && !household && <NoMeter gone={asked} onImported={ups.reload} />}
        {!Other && household && !consent && <MeterHeader meter={household} meters={meters} onSwitch={switchMeter} />}
        {!Other && household && !consent && gone && (
          <p class="card meter-notice" role="status" data-testid="meter-gone">
            {t('meters.gone', { prm: gone, label: household.label ?? household.prm })}
          </p>
        )}
        {!Other && household && Page && (
          <Page key={household.prm} household={household} meters={meters} onChanged={ups.reload} />
        )}
        {!Other && household && !Page && (
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
