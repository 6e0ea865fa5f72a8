/** `#/rights` "Mes droits": download everything (ZIP), erase everything (typed confirmation), correct account data. */
import { useState } from 'preact/hooks';
import { ApiError, type SeriesInfo } from '../api.ts';
import { ConfirmDestroy } from '../components/confirm-destroy.tsx';
import { destroyPlan } from '../destroy-plan.ts';
import { ErrorBox } from '../components/error-box.tsx';
import { ReceiptNote } from '../components/receipt-link.tsx';
import { useAsync } from '../components/use-async.ts';
import { useI18n } from '../i18n.ts';
import { secure, type Receipted } from '../secure-api.ts';
import type { PageProps } from './types.ts';

function Erase({ prm, series, onChanged }: { prm: string; series: SeriesInfo[]; onChanged: () => void }) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const [asking, setAsking] = useState(false);
  const [done, setDone] = useState<(Receipted & { deleted: number }) | null>(null);
  const [err, setErr] = useState<Error | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (typed.trim() !== prm) return setMsg(t('rights.eraseMismatch'));
    setMsg(null);
    // the number typed says which meter; the confirmation then says exactly what goes
    setAsking(true);
  };
  const erase = async () => {
    setAsking(false);
    try {
      setDone(await secure.erase(prm, typed.trim()));
      onChanged();
    } catch (x) {
      setErr(x as Error);
    }
  };
  return (
    <form class="form" onSubmit={submit} data-testid="erase-form">
      <p>{t('rights.eraseHint', { prm })}</p>
      <label>
        {t('rights.eraseConfirm')}
        <input
          value={typed}
          onInput={(e) => setTyped((e.target as HTMLInputElement).value)}
          inputMode="numeric"
          data-testid="erase-confirm"
        />
      </label>
      {msg && <p class="error">{msg}</p>}
      <button type="submit" class="danger" data-testid="erase-submit">
        {t('rights.eraseButton')}
      </button>
      {asking && (
        <ConfirmDestroy
          action={t('rights.eraseButton')}
          lines={destroyPlan('erase', series)}
          onCancel={() => setAsking(false)}
          onConfirm={() => void erase()}
        />
      )}
      {done && <ReceiptNote r={done} text={t('rights.erased', { n: done.deleted })} />}
      {err && <ErrorBox error={err} />}
    </form>
  );
}

function Account() {
  const { t } = useI18n();
  const me = useAsync(() => secure.me(), []);
  const [saved, setSaved] = useState(false);
  const [err, setErr] = useState<Error | null>(null);
  if (me.state !== 'ok' || !me.value.account) return me.state === 'error' ? <ErrorBox error={me.error} /> : null;
  const a = me.value.account;
  const submit = async (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    setErr(null);
    try {
      await secure.rectify({ displayName: String(f.get('displayName')), email: String(f.get('email') ?? '') });
      setSaved(true);
    } catch (x) {
      setErr(x as Error);
    }
  };
  return (
    <form class="form" onSubmit={submit} data-testid="account-form">
      <p class="muted">{t('rights.accountHint')}</p>
      <label>
        {t('auth.username')}
        <input value={a.username} disabled />
      </label>
      <label>
        {t('rights.displayName')}
        <input name="displayName" defaultValue={a.displayName} required data-testid="account-name" />
      </label>
      <label>
        {t('rights.email')}
        <input name="email" type="email" defaultValue={a.email ?? ''} />
      </label>
      <button type="submit">{t('rights.save')}</button>
      {saved && <p role="status">{t('rights.saved')}</p>}
      {err && <ErrorBox error={err} />}
    </form>
  );
}

function Password() {
  const { t } = useI18n();
  const [state, setState] = useState<'idle' | 'saved' | 'bad'>('idle');
  const [err, setErr] = useState<Error | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const f = new FormData(form);
    setErr(null);
    try {
      await secure.changePassword(String(f.get('oldPassword')), String(f.get('newPassword')));
      setState('saved');
      form.reset();
    } catch (x) {
      if (x instanceof ApiError && x.code === 'AUTH_INVALID_CREDENTIALS') setState('bad');
      else setErr(x as Error);
    }
  };
  return (
    <form class="form" onSubmit={submit} data-testid="password-form">
      <label>
        {t('rights.oldPassword')}
        <input name="oldPassword" type="password" autoComplete="current-password" required />
      </label>
      <label>
        {t('rights.newPassword')}
        <input name="newPassword" type="password" autoComplete="new-password" minLength={12} required />
      </label>
      <button type="submit">{t('rights.password')}</button>
      {state === 'saved' && <p role="status">{t('rights.passwordSaved')}</p>}
      {state === 'bad' && <p class="error">{t('rights.passwordBad')}</p>}
      {err && <ErrorBox error={err} />}
    </form>
  );
}

export function RightsPage({ household, onChanged }: PageProps) {
  const { t } = useI18n();
  return (
    <>
      <section class="card" aria-labelledby="export-title">
        <h2 id="export-title">{t('rights.export')}</h2>
        <p>{t('rights.exportHint')}</p>
        <a
          class="button"
          href={secure.exportUrl(household.prm)}
          download={`courant-export-${household.prm}.zip`}
          data-testid="export-zip"
        >
          {t('rights.exportLink')}
        </a>
      </section>
      <section class="card" aria-labelledby="account-title">
        <h2 id="account-title">{t('rights.account')}</h2>
        <Account />
        <h3>{t('rights.password')}</h3>
        <Password />
      </section>
      <section class="card danger-zone" aria-labelledby="erase-title">
        <h2 id="erase-title">{t('rights.erase')}</h2>
        <Erase prm={household.prm} series={household.series} onChanged={onChanged} />
      </section>
    </>
  );
}
