import { ApiError } from '../api.ts';
import { useI18n } from '../i18n.ts';

/** A failure said in the household's words, with the hub's code kept for whoever helps them. */
export function ErrorBox({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useI18n();
  const unreachable = !(error instanceof ApiError) || error.code === 'NETWORK';
  return (
    <div class="card error-box" role="alert">
      <p>{unreachable ? t('error.unreachable') : t('error.api', { message: error.message })}</p>
      {error instanceof ApiError && !unreachable && <p class="muted small">{error.code}</p>}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
