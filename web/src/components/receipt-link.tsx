import { useI18n } from '../i18n.ts';
import { secure, type Receipted } from '../secure-api.ts';

/** After an action: what was done, and the signed receipt to download (a durable medium, R11). */
export function ReceiptNote({ r, text }: { r: Receipted; text: string }) {
  const { t } = useI18n();
  return (
    <p class="receipt" role="status" data-testid="receipt-note">
      {text}{' '}
      <a
        href={secure.receiptUrl(r)}
        download={`courant-receipt-${r.event.seq}.jws`}
        data-testid="receipt-link"
        data-event={r.event.eventId}
      >
        {t('space.receipt')}
      </a>
    </p>
  );
}
