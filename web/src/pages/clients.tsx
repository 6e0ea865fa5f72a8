/**
 * `#/clients` (operator): the registered third-party clients — who they are, what they may ask for, where households
 * are sent back — with a form to register one, a new secret (shown once, with a copy button and a warning) and
 * disable/enable (disabling asks first: it revokes the client's tokens at once).
 */
import { useRef, useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { ErrorBox, HouseholdMessage } from '../components/error-box.tsx';
import { useAsync } from '../components/use-async.ts';
import { fmtDate } from '../format.ts';
import { isMessageKey, useI18n, type I18n, type MessageKey } from '../i18n.ts';
import { clientsApi, invalidField, type ClientView, type WithSecret } from '../clients-api.ts';
import '../clients.css';

const PURPOSES = [
  'service-provision',
  'personalised-advice',
  'anonymised-statistics',
  'academic-research',
  'billing',
  'marketing',
] as const;
const STEPS = ['raw', 'PT1M', 'PT10M', 'PT15M', 'PT30M', 'PT1H', 'P1D', 'P1M'] as const;
const ROLES = ['service', 'supplier', 'research', 'operator'] as const;

const purposeWords = (t: I18n['t'], p: string) => {
  const k = `journal.purpose.${p}`;
  return isMessageKey(k) ? t(k) : p;
};
const stepWords = (t: I18n['t'], s: string) => {
  const k = s === 'P1M' ? 'clients.step.P1M' : `step.${s}`;
  return isMessageKey(k) ? t(k) : s;
};

/** A refusal in the operator's words: the field a CLIENT_INVALID names, or the code's own sentence. */
function operatorError(t: I18n['t'], e: Error): Error {
  const field = invalidField(e);
  const key = field ? `clients.invalid.${field}` : undefined;
  if (key && isMessageKey(key)) return new HouseholdMessage(t(key));
  if (e instanceof ApiError && e.code === 'CLIENT_EXISTS') return new HouseholdMessage(t('clients.exists'));
  if (e instanceof ApiError && e.code === 'CLIENT_UNKNOWN') return new HouseholdMessage(t('clients.unknown'));
  return e;
}

function SecretBox({ shown, onDone }: { shown: WithSecret; onDone: () => void }) {
  const { t } = useI18n();
  const field = useRef<HTMLTextAreaElement>(null);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const doCopy = async () => {
    field.current?.select();
    try {
      await navigator.clipboard.writeText(shown.secret);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };
  return (
    <div class="notice secret-box" role="alert" data-testid="client-secret">
      <h3>{t('clients.secretTitle', { name: shown.client.name })}</h3>
      <p>
        <strong>{t('clients.secretWarning')}</strong>
      </p>
      <p class="secret-line">
        <span class="muted small">client_id</span> <code>{shown.client.clientId}</code>
      </p>
      <p class="secret-line">
        <label>
          <span class="muted small">client_secret</span>
          <textarea
            ref={field}
            class="secret"
            readOnly
            rows={2}
            spellcheck={false}
            value={shown.secret}
            onFocus={(e) => e.currentTarget.select()}
            data-testid="client-secret-value"
          />
        </label>
        <button type="button" onClick={doCopy}>
          {t('clients.copy')}
        </button>
      </p>
      <p class="muted small" aria-live="polite">
        {copy === 'copied'
          ? t('clients.copied')
          : copy === 'failed'
            ? t('clients.copyFailed')
            : t('clients.secretHint')}
      </p>
      <button type="button" class="ghost" onClick={onDone}>
        {t('clients.secretDone')}
      </button>
    </div>
  );
}

function ClientCard({
  c,
  onSecret,
  onChanged,
}: {
  c: ClientView;
  onSecret: (s: WithSecret) => void;
  onChanged: () => void;
}) {
  const { locale, t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<Error | null>(null);
  const run = async (f: () => Promise<unknown>) => {
    setErr(null);
    setBusy(true);
    try {
      await f();
      onChanged();
    } catch (e) {
      setErr(operatorError(t, e as Error));
    } finally {
      setBusy(false);
    }
  };
  const rotate = () =>
    confirm(t('clients.rotateConfirm', { name: c.name })) &&
    run(async () => onSecret(await clientsApi.rotate(c.clientId)));
  const toggle = () =>
    c.disabled
      ? run(() => clientsApi.setEnabled(c.clientId, true))
      : confirm(t('clients.disableConfirm', { name: c.name })) && run(() => clientsApi.setEnabled(c.clientId, false));
  return (
    <li class={`client${c.disabled ? ' client-off' : ''}`} data-client={c.clientId}>
      <div class="client-head">
        <h3>{c.name}</h3>
        <span class={`badge${c.disabled ? ' badge-off' : ''}`} data-testid="client-state">
          {t(c.disabled ? 'clients.disabled' : 'clients.enabled')}
        </span>
      </div>
      <dl class="client-facts">
        <dt>{t('clients.id')}</dt>
        <dd>
          <code>{c.clientId}</code>
        </dd>
        <dt>{t('clients.legalIdentity')}</dt>
        <dd>{c.legalIdentity}</dd>
        <dt>{t('clients.contact')}</dt>
        <dd>{c.contact}</dd>
        <dt>{t('clients.role')}</dt>
        <dd>{isMessageKey(`clients.role.${c.role}`) ? t(`clients.role.${c.role}` as MessageKey) : c.role}</dd>
        <dt>{t('clients.purposes')}</dt>
        <dd>
          <ul class="plain">
            {c.purposes.map((p) => (
              <li key={p}>{purposeWords(t, p)}</li>
            ))}
          </ul>
        </dd>
        <dt>{t('clients.finestStep')}</dt>
        <dd>{stepWords(t, c.finestStep)}</dd>
        <dt>{t('clients.retention')}</dt>
        <dd>{t('clients.retentionMonths', { n: c.retentionMonths })}</dd>
        <dt>{t('clients.redirectUris')}</dt>
        <dd>
          <ul class="plain">
            {c.redirectUris.map((u) => (
              <li key={u}>
                <code class="uri">{u}</code>
              </li>
            ))}
          </ul>
        </dd>
        <dt>{t('clients.createdAt')}</dt>
        <dd>{fmtDate(locale, Date.parse(c.createdAt))}</dd>
      </dl>
      <div class="client-actions">
        <button type="button" class="ghost" disabled={busy || c.disabled} onClick={rotate} data-testid="client-rotate">
          {busy ? t('clients.busy') : t('clients.rotate')}
        </button>
        <button
          type="button"
          class={c.disabled ? '' : 'danger'}
          disabled={busy}
          onClick={toggle}
          data-testid="client-toggle"
        >
          {t(c.disabled ? 'clients.enable' : 'clients.disable')}
        </button>
      </div>
      {err && <ErrorBox error={err} />}
    </li>
  );
}

const EMPTY = {
  clientId: '',
  name: '',
  legalIdentity: '',
  contact: '',
  role: 'service',
  redirectUris: '',
  purposes: [] as string[],
  finestStep: 'P1D',
  retentionMonths: '12',
};

function RegisterForm({ onRegistered }: { onRegistered: (s: WithSecret) => void }) {
  const { t } = useI18n();
  const [f, setF] = useState(EMPTY);
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<Error | null>(null);
  const set = (k: keyof typeof EMPTY) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });
  const tick = (p: string) => (e: Event) => {
    const on = (e.currentTarget as HTMLInputElement).checked;
    setF({ ...f, purposes: on ? [...f.purposes, p] : f.purposes.filter((x) => x !== p) });
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    setErr(null);
    if (f.purposes.length === 0) return setErr(new HouseholdMessage(t('clients.invalid.purposes')));
    setBusy(true);
    try {
      const r = await clientsApi.register({
        clientId: f.clientId.trim(),
        name: f.name,
        legalIdentity: f.legalIdentity,
        contact: f.contact,
        role: f.role,
        redirectUris: f.redirectUris
          .split('\n')
          .map((u) => u.trim())
          .filter(Boolean),
        purposes: f.purposes,
        finestStep: f.finestStep,
        retentionMonths: Number(f.retentionMonths),
      });
      setF(EMPTY);
      onRegistered(r);
    } catch (x) {
      setErr(operatorError(t, x as Error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="form client-form" onSubmit={submit} data-testid="client-form">
      <label>
        {t('clients.form.id')}
        <input required value={f.clientId} onInput={set('clientId')} autoComplete="off" spellcheck={false} />
        <span class="muted small">{t('clients.form.idHint')}</span>
      </label>
      <label>
        {t('clients.form.name')}
        <input required maxLength={38} value={f.name} onInput={set('name')} />
        <span class="muted small">{t('clients.form.nameHint')}</span>
      </label>
      <label>
        {t('clients.form.legalIdentity')}
        <input required maxLength={200} value={f.legalIdentity} onInput={set('legalIdentity')} />
        <span class="muted small">{t('clients.form.legalIdentityHint')}</span>
      </label>
      <label>
        {t('clients.form.contact')}
        <input required maxLength={200} value={f.contact} onInput={set('contact')} />
      </label>
      <label>
        {t('clients.form.role')}
        <select value={f.role} onChange={set('role')}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`clients.role.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('clients.form.redirectUris')}
        <textarea
          required
          rows={2}
          value={f.redirectUris}
          onInput={set('redirectUris')}
          spellcheck={false}
          placeholder="https://…/callback"
        />
        <span class="muted small">{t('clients.form.redirectUrisHint')}</span>
      </label>
      <fieldset class="purposes">
        <legend>{t('clients.form.purposes')}</legend>
        {PURPOSES.map((p) => (
          <label key={p} class="check">
            <input type="checkbox" checked={f.purposes.includes(p)} onChange={tick(p)} value={p} />
            {purposeWords(t, p)}
          </label>
        ))}
      </fieldset>
      <label>
        {t('clients.form.finestStep')}
        <select value={f.finestStep} onChange={set('finestStep')}>
          {STEPS.map((s) => (
            <option key={s} value={s}>
              {stepWords(t, s)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('clients.form.retentionMonths')}
        <input
          type="number"
          required
          min={1}
          max={120}
          step={1}
          value={f.retentionMonths}
          onInput={set('retentionMonths')}
        />
      </label>
      {err && <ErrorBox error={err} />}
      <div>
        <button type="submit" disabled={busy} data-testid="client-submit">
          {busy ? t('clients.busy') : t('clients.form.submit')}
        </button>
      </div>
    </form>
  );
}

export function ClientsPage() {
  const { t } = useI18n();
  const list = useAsync(() => clientsApi.list(), []);
  const [secret, setSecret] = useState<WithSecret | null>(null);
  const shown = (s: WithSecret) => {
    setSecret(s);
    list.reload();
    // the secret is the one thing to see now: bring it into view
    setTimeout(() => document.querySelector('[data-testid="client-secret"]')?.scrollIntoView({ block: 'center' }));
  };
  const forbidden = list.state === 'error' && list.error instanceof ApiError && list.error.code === 'AUTH_FORBIDDEN';
  return (
    <>
      <section class="card" aria-labelledby="clients-title">
        <h2 id="clients-title">{t('clients.title')}</h2>
        <p class="lead">{t('clients.intro')}</p>
        {secret && <SecretBox shown={secret} onDone={() => setSecret(null)} />}
        {forbidden && <p class="muted">{t('clients.forbidden')}</p>}
        {list.state === 'error' && !forbidden && <ErrorBox error={list.error} onRetry={list.reload} />}
        {list.state === 'loading' && <p class="muted">{t('common.loading')}</p>}
        {list.state === 'ok' && list.value.clients.length === 0 && (
          <p class="muted" data-testid="clients-empty">
            {t('clients.none')}
          </p>
        )}
        {list.state === 'ok' && list.value.clients.length > 0 && (
          <ul class="clients" data-testid="clients">
            {list.value.clients.map((c) => (
              <ClientCard key={c.clientId} c={c} onSecret={shown} onChanged={list.reload} />
            ))}
          </ul>
        )}
      </section>
      {!forbidden && (
        <section class="card" aria-labelledby="client-register-title">
          <h2 id="client-register-title">{t('clients.registerTitle')}</h2>
          <RegisterForm onRegistered={shown} />
        </section>
      )}
    </>
  );
}
