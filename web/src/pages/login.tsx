/**
 * The door to the household's data: the sign-in form, and the first-start set-up (`#/setup?token=…`, the link
 * `courant start` prints) that creates the owner household's account; the hub attaches the usage points it holds.
 */
import { useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { secure } from '../secure-api.ts';
import { describeError } from '../components/error-box.tsx';
import { useI18n } from '../i18n.ts';
import { hashParam } from '../router.ts';

const MIN_PASSWORD = 12; // the hub's rule (src/accounts/accounts.ts), checked again there

type Input = { currentTarget: HTMLInputElement };

export function LoginPage({
  onDone,
  setupNeeded,
  waiting,
}: {
  onDone: () => void;
  setupNeeded?: boolean;
  /** An application's access request waits behind the sign-in (`#/authorize?…`): say so. */
  waiting?: boolean;
}) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (setupNeeded) {
    return (
      <section class="card auth" aria-labelledby="login-title">
        <h2 id="login-title">{t('auth.setup.title')}</h2>
        <p>{t('auth.setup.noToken')}</p>
      </section>
    );
  }
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await secure.login(username.trim().toLowerCase(), password);
      onDone();
    } catch (err) {
      const code = err instanceof ApiError ? err.code : '';
      const wait = err instanceof ApiError && err.retryAfter ? err.retryAfter : 60;
      const slow =
        wait < 120
          ? t('auth.login.slow', { seconds: wait })
          : t('auth.login.slowMinutes', { minutes: Math.ceil(wait / 60) });
      setError(
        code === 'AUTH_INVALID_CREDENTIALS'
          ? t('auth.login.bad')
          : code === 'AUTH_RATE_LIMITED'
            ? slow
            : describeError(t, err as Error),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card auth" aria-labelledby="login-title">
      <h2 id="login-title">{t('auth.login.title')}</h2>
      <p class="muted">{t('auth.login.intro')}</p>
      {waiting && <p data-testid="login-waiting">{t('authorize.signIn')}</p>}
      <form onSubmit={submit} data-testid="login-form">
        <label>
          {t('auth.username')}
          <input
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            required
            value={username}
            onInput={(e: Input) => setUsername(e.currentTarget.value)}
          />
        </label>
        <label>
          {t('auth.password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onInput={(e: Input) => setPassword(e.currentTarget.value)}
          />
        </label>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('auth.busy') : t('auth.login.submit')}
        </button>
      </form>
    </section>
  );
}

export function SetupPage({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const token = hashParam('token');
  const [f, setF] = useState({ displayName: '', username: '', password: '', confirm: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const field = (k: keyof typeof f) => (e: Input) => setF({ ...f, [k]: e.currentTarget.value });
  const submit = async (e: Event) => {
    e.preventDefault();
    if (f.password !== f.confirm) return setError(t('auth.setup.mismatch'));
    setBusy(true);
    setError(null);
    try {
      await secure.setup({
        token: token!,
        username: f.username.trim().toLowerCase(),
        password: f.password,
        ...(f.displayName.trim() ? { displayName: f.displayName.trim() } : {}),
      });
      history.replaceState(null, '', '#/'); // the token is spent: keep it out of the address bar and history
      window.dispatchEvent(new HashChangeEvent('hashchange')); // replaceState does not tell the router
      onDone();
    } catch (err) {
      setError(
        err instanceof ApiError && (err.code === 'AUTH_SETUP_TOKEN' || err.code === 'AUTH_SETUP_DONE')
          ? t('auth.setup.badToken')
          : describeError(t, err as Error),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card auth" aria-labelledby="setup-title">
      <h2 id="setup-title">{t('auth.setup.title')}</h2>
      <p class="muted">{t('auth.setup.intro')}</p>
      {!token ? (
        <p role="alert">{t('auth.setup.noToken')}</p>
      ) : (
        <form onSubmit={submit} data-testid="setup-form">
          <label>
            {t('auth.setup.name')}
            <input
              name="displayName"
              autoComplete="organization"
              placeholder={t('auth.setup.namePlaceholder')}
              value={f.displayName}
              onInput={field('displayName')}
            />
          </label>
          <label>
            {t('auth.username')}
            <input
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              required
              minLength={3}
              maxLength={64}
              value={f.username}
              onInput={field('username')}
            />
            <span class="hint">{t('auth.setup.usernameHint')}</span>
          </label>
          <label>
            {t('auth.password')}
            <input
              name="password"
              type="password"
              autoComplete="new-password"
              required
              minLength={MIN_PASSWORD}
              value={f.password}
              onInput={field('password')}
            />
            <span class="hint">{t('auth.setup.passwordHint', { n: MIN_PASSWORD })}</span>
          </label>
          <label>
            {t('auth.setup.confirm')}
            <input
              name="confirm"
              type="password"
              autoComplete="new-password"
              required
              minLength={MIN_PASSWORD}
              value={f.confirm}
              onInput={field('confirm')}
            />
          </label>
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" disabled={busy}>
            {busy ? t('auth.busy') : t('auth.setup.submit')}
          </button>
        </form>
      )}
    </section>
  );
}
