/**
 * The household has no meter on this hub (none yet, or the last one's data was erased): what happened, how to import.
 */
import { useI18n } from '../i18n.ts';
import { ImportUpload } from './import-upload.tsx';

export function NoMeter({ gone, onImported }: { gone: string | null; onImported: () => void }) {
  const { t } = useI18n();
  return (
    <section class="card" data-testid="no-meter" aria-labelledby="no-meter-title">
      <h2 id="no-meter-title">{t('meters.none.title')}</h2>
      {gone && <p role="status">{t('meters.goneNone', { prm: gone })}</p>}
      <p>{t('meters.none.text')}</p>
      <ImportUpload onImported={onImported} />
    </section>
  );
}
