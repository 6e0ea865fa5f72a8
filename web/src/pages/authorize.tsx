/**
 * `#/authorize?<request>`: the consent screen an application sends the household to (the hub's authorisation server
 * answers `/dataconnect/v1/oauth2/authorize` with a redirect here). It shows only what this application asks: who
 * it is, what for, one unticked box per frequency with what that frequency reveals (the household's own preview where
 * the hub can compute one), how long and until when, the retention it promises and how to withdraw. The answer goes
 * to the hub, which says where to send the browser back. Signing in first keeps the request: the address stays.
 * A client that accepts protected daily data gets one more box per purpose, "once a day, with blurring", whose
 * preview (what the blurred days still reveal, the cost on a monthly bill) comes in words from the hub.
 *
 * `#/authorize?error=…`: the application or its return address cannot be trusted; the page says so and sends the
 * household nowhere.
 */
import { useState } from 'preact/hooks';
import { ErrorBox } from '../components/error-box.tsx';
import { RevealPreview } from '../components/reveal-preview.tsx';
import { useAsync } from '../components/use-async.ts';
import { fmtDate } from '../format.ts';
import { useI18n, isMessageKey } from '../i18n.ts';
import { periodWords } from '../period.ts';
import { hashParam, href } from '../router.ts';
import { secure, type AuthorizationScreen } from '../secure-api.ts';
import type { PageProps } from './types.ts';
import '../authorize.css';

/** The authorisation request as the hub passed it to the page (its query, after `#/authorize?`). */
const requestOfHash = (): Record<string, string> =>
  Object.fromEntries(new URLSearchParams(location.hash.split('?')[1] ?? ''));

function Screen({ s, request }: { s: AuthorizationScreen; request: Record<string, string> }) {
  const { locale, t } = useI18n();
  const [prm, setPrm] = useState(s.prms[0] ?? '');
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState<'grant' | 'deny' | null>(null);
  const [leaving, setLeaving] = useState(false);
  const [err, setErr] = useState<Error | null>(null);
  const name = s.client.name;
  const purposes = [...new Map(s.boxes.map((b) => [b.purpose, b.purposeText])).values()];
  const toggle = (k: string) =>
    setTicked((old) => {
      const next = new Set(old);
      if (!next.delete(k)) next.add(k);
      return next;
    });
  const answer = async (decision: 'grant' | 'deny') => {
    setErr(null);
    setBusy(decision);
    try {
      const r = await secure.authorize({
        request,
        decision,
        ...(decision === 'grant' && prm ? { usagePoint: prm } : {}),
        ticked: decision === 'grant' ? [...ticked] : [],
        lang: locale,
      });
      setLeaving(true);
      location.assign(r.redirect);
    } catch (e) {
      setErr(e as Error);
      setBusy(null);
    }
  };
  const categories = (cs: readonly string[]) =>
    cs
      .map((c) => `authorize.category.${c}`)
      .filter(isMessageKey)
      .map((k) => t(k))
      .join(', ');
  const none = ticked.size === 0;
  return (
    <section class="card authorize" aria-labelledby="authorize-title" data-testid="authorize-screen">
      <h2 id="authorize-title">{t('authorize.heading', { name })}</h2>
      <p class="lead">{t('authorize.lead')}</p>
      <dl class="authorize-facts" data-testid="authorize-client">
        <div>
          <dt>{t('authorize.who')}</dt>
          <dd>
            <strong>{name}</strong>
          </dd>
        </div>
        <div>
          <dt>{t('authorize.legalIdentity')}</dt>
          <dd>{s.client.legalIdentity}</dd>
        </div>
        <div>
          <dt>{t('authorize.contact')}</dt>
          <dd>{s.client.contact}</dd>
        </div>
        <div>
          <dt>{t('authorize.why')}</dt>
          <dd data-testid="authorize-purposes">{purposes.join(' ; ')}</dd>
        </div>
        <div>
          <dt>{t('authorize.duration')}</dt>
          <dd data-testid="authorize-duration">
            {t('authorize.durationText', {
              duration: periodWords(t, s.duration),
              until: fmtDate(locale, Date.parse(s.expiresAt)),
            })}
          </dd>
        </div>
        <div>
          <dt>{t('authorize.retention')}</dt>
          <dd>{t('authorize.retentionText', { name, months: s.client.retentionMonths })}</dd>
        </div>
      </dl>
      {s.prms.length > 1 && (
        <fieldset class="consent-screen authorize-meters" data-testid="authorize-prm">
          <legend>{t('authorize.meter')}</legend>
          {s.prms.map((p) => (
            <label key={p} class="authorize-meter">
              <input type="radio" name="usage-point" value={p} checked={p === prm} onChange={() => setPrm(p)} />{' '}
              {t('authorize.meterOption', { prm: p })}
            </label>
          ))}
        </fieldset>
      )}
      <fieldset class="consent-screen">
        <legend>{t('authorize.boxes')}</legend>
        <p class="muted authorize-hint">{t('authorize.boxesHint')}</p>
        {s.boxes.map((b, i) => {
          const id = `authorize-box-${i}`;
          return (
            <div class="consent-box" key={b.key}>
              <input
                type="checkbox"
                id={id}
                checked={ticked.has(b.key)}
                onChange={() => toggle(b.key)}
                aria-describedby={`${id}-details`}
                data-testid="authorize-box"
                data-key={b.key}
                data-step={b.step}
                data-protection={b.protection ?? ''}
              />
              <span>
                <label for={id}>
                  <strong>{t('authorize.box', { step: b.stepText })}</strong>
                </label>
                <span class="notice-text" id={`${id}-details`}>
                  {purposes.length > 1 && (
                    <>
                      {t('authorize.boxPurpose', { purpose: b.purposeText })}
                      {'\n'}
                    </>
                  )}
                  {t('authorize.boxData', { data: categories(b.categories) })}
                  {'\n'}
                  {t('authorize.boxReveals', { reveals: b.reveals })}
                </span>
                {b.preview ? (
                  <span class="notice-text" data-testid="authorize-protected-preview">
                    {b.preview.reveals}
                    {'\n'}
                    {b.preview.bill}
                  </span>
                ) : (
                  prm && <RevealPreview prm={prm} step={b.step} link={false} />
                )}
              </span>
            </div>
          );
        })}
      </fieldset>
      <h3>{t('authorize.withdrawTitle')}</h3>
      <p data-testid="authorize-withdraw">{t('authorize.withdrawText', { name })}</p>
      <div class="authorize-actions">
        <button
          type="button"
          disabled={none || busy !== null || leaving}
          aria-describedby={none ? 'authorize-none' : undefined}
          onClick={() => answer('grant')}
          data-testid="authorize-grant"
        >
          {busy === 'grant' ? t('authorize.busy') : t('authorize.grant')}
        </button>
        <button
          type="button"
          class="ghost"
          disabled={busy !== null || leaving}
          onClick={() => answer('deny')}
          data-testid="authorize-deny"
        >
          {busy === 'deny' ? t('authorize.busy') : t('authorize.deny')}
        </button>
      </div>
      {none && (
        <p class="muted" id="authorize-none" data-testid="authorize-none">
          {t('authorize.noneTicked')}
        </p>
      )}
      {leaving && <p role="status">{t('authorize.leaving', { name })}</p>}
      {err && <ErrorBox error={err} />}
    </section>
  );
}

/** The consent screen of the request in the address (the household is signed in: the app shell makes sure). */
export function AuthorizePage(_: PageProps) {
  const { locale, t } = useI18n();
  const [request] = useState(requestOfHash);
  const screen = useAsync(() => secure.authorization(request, locale), [locale]);
  if (screen.state === 'loading') return <p class="muted">{t('common.loading')}</p>;
  if (screen.state === 'error') return <ErrorBox error={screen.error} onRetry={screen.reload} />;
  if (screen.value.prms.length === 0) return <p class="card">{t('error.noHousehold')}</p>;
  return <Screen s={screen.value} request={request} />;
}

/** `#/authorize?error=…`: the application or its return address cannot be trusted; nothing links outside the hub. */
export function AuthorizeErrorPage() {
  const { t } = useI18n();
  const error = hashParam('error');
  const key =
    error === 'invalid_client' || error === 'invalid_redirect_uri'
      ? (`authorize.error.${error}` as const)
      : 'authorize.error.other';
  return (
    <section
      class="card authorize"
      aria-labelledby="authorize-error-title"
      data-testid="authorize-error"
      data-error={error ?? ''}
    >
      <h2 id="authorize-error-title">{t('authorize.error.title')}</h2>
      <p>{t(key)}</p>
      <p>{t('authorize.error.nothingShared')}</p>
      <a href={href('/')}>{t('authorize.error.home')}</a>
    </section>
  );
}

/** Signed in as the operator (or another non-household account): only the household itself answers a request. */
export function AuthorizeNotHouseholdPage() {
  const { t } = useI18n();
  return (
    <section class="card authorize" data-testid="authorize-not-household">
      <h2>{t('authorize.title')}</h2>
      <p>{t('authorize.notHousehold')}</p>
    </section>
  );
}
