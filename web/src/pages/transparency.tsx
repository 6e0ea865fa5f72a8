/** `#/transparency` (public): requests from authorities counted by type and outcome. `#/register`: the operator's
 * register.
 */
import { ApiError } from '../api.ts';
import { ErrorBox } from '../components/error-box.tsx';
import { useAsync } from '../components/use-async.ts';
import { fmtDateTime, fmtNumber } from '../format.ts';
import { useI18n, type MessageKey } from '../i18n.ts';
import { secure } from '../secure-api.ts';

export function TransparencyPage() {
  const { locale, t } = useI18n();
  const r = useAsync(() => secure.transparency(), []);
  return (
    <section class="card" aria-labelledby="tr-title">
      <h2 id="tr-title">{t('transparency.title')}</h2>
      <p class="lead">{t('transparency.intro')}</p>
      {r.state === 'error' && <ErrorBox error={r.error} onRetry={r.reload} />}
      {r.state === 'ok' && r.value.rows.length === 0 && (
        <p class="muted" data-testid="transparency-empty">
          {t('transparency.empty')}
        </p>
      )}
      {r.state === 'ok' && r.value.rows.length > 0 && (
        <table class="table" data-testid="transparency-table">
          <thead>
            <tr>
              <th>{t('transparency.type')}</th>
              <th>{t('transparency.outcome')}</th>
              <th>{t('transparency.count')}</th>
            </tr>
          </thead>
          <tbody>
            {r.value.rows.map((x) => (
              <tr key={`${x.authorityType}-${x.outcome}`}>
                <td>{r.value.authorityTypes[x.authorityType]?.[locale] ?? x.authorityType}</td>
                <td>{t(`transparency.${x.outcome}` as MessageKey)}</td>
                <td>{fmtNumber(locale, x.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {r.state === 'ok' && (
        <p class="muted small">{t('transparency.generated', { at: fmtDateTime(locale, r.value.generatedAt) })}</p>
      )}
    </section>
  );
}

export function RegisterPage() {
  const { t } = useI18n();
  const r = useAsync(() => secure.registerHtml(), []);
  // The hub renders the register to escaped HTML (src/server/routes/markdown.ts); only its body is inserted.
  const body = r.state === 'ok' ? (/<body>([\s\S]*)<\/body>/.exec(r.value)?.[1] ?? '') : '';
  return (
    <section class="card register" aria-labelledby="reg-title">
      <h2 id="reg-title">{t('register.title')}</h2>
      <p class="lead">{t('register.intro')}</p>
      {r.state === 'error' &&
        (r.error instanceof ApiError && r.error.code === 'AUTH_FORBIDDEN' ? (
          <p class="muted">{t('register.forbidden')}</p>
        ) : (
          <ErrorBox error={r.error} />
        ))}
      {r.state === 'ok' && (
        <div class="register-body" data-testid="register" dangerouslySetInnerHTML={{ __html: body }} />
      )}
    </section>
  );
}
