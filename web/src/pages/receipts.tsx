/**
 * `#/receipts` "Mes reçus": every signed receipt of the household, newest first, each read back in words (what
 * happened; for a consent the application, purpose, data, step, dates, notice and controller) as the hub verified it,
 * with its signed file to download; and what a signed receipt is and how to check one offline with the hub's key.
 */
import type { ComponentChildren } from 'preact';
import { ErrorBox } from '../components/error-box.tsx';
import { useAsync } from '../components/use-async.ts';
import { fmtDate, fmtDateTime } from '../format.ts';
import { useI18n } from '../i18n.ts';
import { href } from '../router.ts';
import { secure, type ReceiptList, type ReceiptRow } from '../secure-api.ts';
import type { PageProps } from './types.ts';
import '../receipts.css';

function Fact({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Receipt({ r }: { r: ReceiptRow }) {
  const { locale, t } = useI18n();
  const c = r.consent;
  return (
    <li class="receipt-item" data-testid="receipt-item" data-type={r.type} data-verified={String(r.verified)}>
      <h3>{r.what}</h3>
      <p class="receipt-meta">
        <span>{t('receipts.when', { at: fmtDateTime(locale, r.at) })}</span>
        <span class={r.verified ? 'badge' : 'badge badge-bad'} data-testid="receipt-verified">
          {r.verified ? `✓ ${t('receipts.verified')}` : `⚠ ${t('receipts.notVerified')}`}
        </span>
      </p>
      {c && (
        <dl class="receipt-facts">
          <Fact label={t('receipts.recipient')}>{c.recipientName}</Fact>
          <Fact label={t('receipts.purpose')}>{c.purposes.join(', ')}</Fact>
          <Fact label={t('receipts.categories')}>{c.categories.join(', ')}</Fact>
          {c.stepText && <Fact label={t('receipts.step')}>{c.stepText}</Fact>}
          {c.givenAt && <Fact label={t('receipts.givenAt')}>{fmtDate(locale, c.givenAt)}</Fact>}
          {c.expiresAt && <Fact label={t('receipts.expiresAt')}>{fmtDate(locale, c.expiresAt)}</Fact>}
          {c.notice && (
            <>
              <Fact label={t('receipts.notice')}>{t('receipts.noticeLine', { version: c.notice.version })}</Fact>
              <Fact label={t('receipts.noticeHash')}>
                <span class="hash">{c.notice.hash}</span>
              </Fact>
            </>
          )}
          {c.controller && <Fact label={t('receipts.controller')}>{c.controller}</Fact>}
        </dl>
      )}
      {r.url ? (
        <a
          class="receipt-download"
          href={secure.receiptFileUrl(r.url)}
          download={`courant-receipt-${r.seq}.jws`}
          data-testid="receipt-download"
        >
          {t('receipts.download')}
        </a>
      ) : (
        <p class="muted">{t('receipts.noFile')}</p>
      )}
    </li>
  );
}

function About({ list }: { list: ReceiptList | undefined }) {
  const { t } = useI18n();
  const key = list
    ? `data:application/jwk+json;charset=utf-8,${encodeURIComponent(JSON.stringify(list.publicKey, null, 2))}`
    : undefined;
  return (
    <section class="card" aria-labelledby="receipts-about">
      <h2 id="receipts-about">{t('receipts.aboutTitle')}</h2>
      <p>{t('receipts.about1')}</p>
      <p>{t('receipts.about2')}</p>
      <p class="receipt-links">
        {key && (
          <a href={key} download="courant-hub-public-key.jwk" data-testid="receipts-key">
            {t('receipts.key')}
          </a>
        )}
        <a href={href('/rights')}>{t('receipts.rights')}</a>
      </p>
    </section>
  );
}

export function ReceiptsPage({ household }: PageProps) {
  const { locale, t } = useI18n();
  const list = useAsync(() => secure.receipts(household.prm, locale), [household.prm, locale]);
  const rows = list.state === 'ok' ? list.value.receipts : [];
  return (
    <>
      <section class="card" aria-labelledby="receipts-title">
        <h2 id="receipts-title">{t('receipts.title')}</h2>
        <p class="lead">{t('receipts.intro')}</p>
        {list.state === 'loading' && <p class="muted">{t('common.loading')}</p>}
        {list.state === 'error' && <ErrorBox error={list.error} onRetry={list.reload} />}
        {list.state === 'ok' && rows.length === 0 && <p class="muted">{t('receipts.empty')}</p>}
        {rows.length > 0 && (
          <>
            <p class="muted">{rows.length === 1 ? t('receipts.count1') : t('receipts.count', { n: rows.length })}</p>
            <ul class="receipt-list" data-testid="receipt-list">
              {rows.map((r) => (
                <Receipt key={r.eventId} r={r} />
              ))}
            </ul>
          </>
        )}
      </section>
      <About list={list.state === 'ok' ? list.value : undefined} />
    </>
  );
}
