import { ApiError } from '../api.ts';
import { useI18n, type I18n } from '../i18n.ts';

const unreachable = (e: Error) => !(e instanceof ApiError) || e.code === 'NETWORK';

/** The failure in the household's words (translated at render time, so a language switch applies to it too). */
/** A message the page itself wrote for the household, already in its language: shown as it is. */
export class HouseholdMessage extends Error {}

export const describeError = (t: I18n['t'], e: Error) =>
  e instanceof HouseholdMessage
    ? e.message
    : unreachable(e)
      ? t('error.unreachable')
      : t('error.api', { message: e.message });

/** A failure said in the household's words, with the hub's code kept for whoever helps them. */
export function ErrorBox({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div class="card error-box" role="alert">
      <p>{describeError(t, error)}</p>
      {error instanceof ApiError && !unreachable(error) && <p class="muted small">{error.code}</p>}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
