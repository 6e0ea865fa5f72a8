/** What shows where a meter's data would: nothing is held (erased, or never imported), and how to import some. */
import { useI18n } from '../i18n.ts';
import { href } from '../router.ts';

export function MeterEmpty() {
  const { t } = useI18n();
  return (
    <section class="card" data-testid="meter-empty" aria-labelledby="meter-empty-title">
      <h2 id="meter-empty-title">{t('meters.empty.title')}</h2>
      <p>{t('meters.empty.text')}</p>
      <a class="button" href={href('/data')}>
        {t('meters.empty.link')}
      </a>
    </section>
  );
}
