import { ApiError } from '../api.ts';
import { isMessageKey, useI18n, type I18n } from '../i18n.ts';

const unreachable = (e: Error) => !(e instanceof ApiError) || e.code === 'NETWORK';

/** A message the page itself wrote for the household, already in its language: shown as it is. */
export class HouseholdMessage extends Error {}

/**
 * The failure in the household's words (translated at render time, so a language switch applies to it too). The
 * hub's own message is written for developers (field paths, option names, format names) and is never shown: each
 * catalogue code has a sentence in messages/errors.ts, and a code without one gets a general sentence.
 */
export const describeError = (t: I18n['t'], e: Error) => {
  if (e instanceof HouseholdMessage) return e.message;
  if (unreachable(e)) return t('error.unreachable');
  const key = `error.code.${(e as ApiError).code}`;
  return isMessageKey(key) ? t(key) : t('error.code.other');
};

/**
 * A failure said in the household's words. The hub's code stays in the page for whoever helps them (in the element's
 * attributes and tooltip), not in its text.
 */
export function ErrorBox({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useI18n();
  const code = error instanceof ApiError && !unreachable(error) ? error.code : undefined;
  return (
    <div class="card error-box" role="alert" data-error-code={code} title={code}>
      <p>{describeError(t, error)}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
