/** `#/journal` "Journal d'accès": every non-household read of the household's data, and the legal requests it may see.
 */
import { ErrorBox } from '../components/error-box.tsx';
import { useAsync } from '../components/use-async.ts';
import { fmtDate, fmtDateTime } from '../format.ts';
import { useI18n, type MessageKey } from '../i18n.ts';
import { secure } from '../secure-api.ts';
import type { PageProps } from './types.ts';

export function JournalPage({ household }: PageProps) {
  const { locale, t } = useI18n();
  const log = useAsync(() => secure.accessLog(household.prm), [household.prm]);
  const legal = useAsync(() => secure.legal(household.prm), [household.prm]);
  const tr = useAsync(() => secure.transparency(), []);
  const authority = (type: string) => (tr.state === 'ok' ? (tr.value.authorityTypes[type]?.[locale] ?? type) : type);
  return (
    <>
      <section class="card" aria-labelledby="journal-title">
        <h2 id="journal-title">{t('journal.title')}</h2>
        <p class="lead">{t('journal.intro')}</p>
        {log.state === 'loading' && <p class="muted">{t('common.loading')}</p>}
        {log.state === 'error' && <ErrorBox error={log.error} onRetry={log.reload} />}
        {log.state === 'ok' && log.value.entries.length === 0 && (
          <p class="muted" data-testid="journal-empty">
            {t('journal.empty')}
          </p>
        )}
        {log.state === 'ok' && log.value.entries.length > 0 && (
          <table class="table" data-testid="journal-table">
            <thead>
              <tr>
                <th>{t('journal.when')}</th>
                <th>{t('journal.who')}</th>
                <th>{t('journal.what')}</th>
                <th>{t('journal.why')}</th>
                <th>{t('journal.result')}</th>
              </tr>
            </thead>
            <tbody>
              {log.value.entries.map((e) => (
                <tr key={e.entryId}>
                  <td>{fmtDateTime(locale, e.at)}</td>
                  <td>
                    {e.actorKind} <code>{e.actorId}</code>
                  </td>
                  <td>
                    {t('journal.period', {
                      from: fmtDate(locale, e.rangeFrom),
                      to: fmtDate(locale, e.rangeTo),
                      step: t(`step.${e.step}` as MessageKey),
                    })}
                  </td>
                  <td>{e.purpose}</td>
                  <td class={e.allowed ? '' : 'error'}>
                    {e.allowed ? t('journal.allowed') : t('journal.denied')} <span class="muted small">{e.basis}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section class="card" aria-labelledby="legal-title">
        <h2 id="legal-title">{t('journal.legal')}</h2>
        <p class="muted">{t('journal.legalIntro')}</p>
        {legal.state === 'error' && <ErrorBox error={legal.error} onRetry={legal.reload} />}
        {legal.state === 'ok' && legal.value.requests.length === 0 && <p class="muted">{t('journal.legalEmpty')}</p>}
        {legal.state === 'ok' && (
          <ul>
            {legal.value.requests.map((r) => (
              <li key={r.reference}>
                {t('journal.legalLine', {
                  authority: authority(r.authorityType),
                  reference: r.reference,
                  outcome: t(`transparency.${r.outcome}` as MessageKey),
                })}{' '}
                · {fmtDate(locale, r.rangeFrom)} → {fmtDate(locale, r.rangeTo)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
