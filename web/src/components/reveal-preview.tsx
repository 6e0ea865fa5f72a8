/**
 * The household's personal preview on a consent screen: "with 30-minute data, a recipient could estimate that you
 * usually wake around 06:40 and that you were away from 12 to 19 March", computed on its own data by
 * the hub's household-only route. Shown for every step finer than daily; nothing for P1D or coarser.
 */
import { useI18n } from '../i18n.ts';
import { insight, type RevealStep } from '../insight-api.ts';
import { href } from '../router.ts';
import { useAsync } from './use-async.ts';

const FINER_THAN_DAILY = new Set<string>(['PT1M', 'PT10M', 'PT15M', 'PT30M', 'PT1H']);

/** `link: false` on a page the household should not leave half-way (an application's consent screen). */
export function RevealPreview({ prm, step, link = true }: { prm: string; step: string; link?: boolean }) {
  const { locale, t } = useI18n();
  const fine = FINER_THAN_DAILY.has(step);
  const r = useAsync(
    () => (fine ? insight.reveal(prm, step as RevealStep, locale) : Promise.resolve(null)),
    [prm, step, locale, fine],
  );
  if (!fine) return null;
  // a household without a curve (or a hub that cannot compute it) simply gets no preview; the notice still stands
  if (r.state === 'error') return null;
  return (
    <span class="reveal-preview" data-testid="reveal-preview" data-step={step}>
      <strong>{t('preview.title')}</strong>
      <span class="preview-sentence" data-testid="reveal-preview-sentence">
        {r.state === 'ok' && r.value ? r.value.sentence : <span class="muted">{t('preview.loading')}</span>}
      </span>
      {link && <a href={href('/reveal', { step })}>{t('preview.more')}</a>}
    </span>
  );
}
