/** `#/journal` "Journal d'accès": every non-household read of the household's data, and the legal requests it may see.
 */
import { ErrorBox } from '../components/error-box.tsx';
import { useAsync } from '../components/use-async.ts';
import { fmtDate, fmtDateTime } from '../format.ts';
import { isMessageKey, useI18n, type MessageKey } from '../i18n.ts';
import { href } from '../router.ts';
import { secure, type AccessEntry } from '../secure-api.ts';
import type { PageProps } from './types.ts';
import { MyReleases } from './statistics.tsx';

export function JournalPage({ household }: PageProps) {
  const { locale, t } = useI18n();
  const log = useAsync(() => secure.accessLog(household.prm), [household.prm]);
  const legal = useAsync(() => secure.legal(household.prm), [household.prm]);
  const tr = useAsync(() => secure.transparency(), []);
  const authority = (type: string) => (tr.state === 'ok' ? (tr.value.authorityTypes[type]?.[locale] ?? type) : type);
  // Codes of the log (purpose, basis, deny reason) in words; one the page does not know gets its family's word.
  const word = (family: string, code: string) => {
    const k = `${family}.${code}`;
    return isMessageKey(k) ? t(k) : t(`${family}.other` as MessageKey);
  };
  const stepText = (s: string) => (isMessageKey(`step.${s}`) ? t(`step.${s}` as MessageKey) : s);
  // Who asked: a name when the hub knows one, with the role in words; an authority by its kind.
  const who = (e: AccessEntry) => {
    const role =
      e.actorKind === 'authority' && e.authorityType && tr.state === 'ok'
        ? authority(e.authorityType)
        : word('journal.actor', e.actorKind);
    return e.actorName ? t('journal.named', { name: e.actorName, role }) : role;
  };
  return (
    <>
      <section class="card" aria-labelledby="journal-title">
        <h2 id="journal-title">{t('journal.title')}</h2>
        <p class="lead">{t('journal.intro')}</p>
        <p>
          <a href={href('/receipts')} data-testid="receipts-link">
            {t('receipts.link')}
          </a>
        </p>
        {log.state === 'loading' && <p class="muted">{t('common.loading')}</p>}
        {log.state === 'error' && <ErrorBox error={log.error} onRetry={log.reload} />}
        {log.state === 'ok' && log.value.entries.length === 0 && (
          <p class="muted" data-testid="journal-empty">
            {t('journal.empty')}
          </p>
        )}
        {log.state === 'ok' && log.value.entries.length > 0 && (
          // at phone width the five columns scroll inside their card rather than widening the page
          <div class="table-scroll">
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
                  <tr key={e.entryId} data-reads={e.reads}>
                    <td>{fmtDateTime(locale, e.at)}</td>
                    <td>{who(e)}</td>
                    <td>
                      {t('journal.period', {
                        from: fmtDate(locale, e.rangeFrom),
                        to: fmtDate(locale, e.rangeTo),
                        step: e.steps.map(stepText).join(', '),
                      })}
                    </td>
                    <td>{word('journal.purpose', e.purpose)}</td>
                    <td class={e.allowed ? '' : 'error'}>
                      {e.allowed
                        ? word('journal.basis', e.basis.split(':')[0]!)
                        : word('journal.deny', e.basis.replace(/^denied:/, ''))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
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
      <MyReleases prm={household.prm} />
    </>
  );
}
