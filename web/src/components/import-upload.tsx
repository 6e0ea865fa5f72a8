/** Upload of an Enedis file to `POST /api/imports`; shows the import summary or the hub's error (nothing is stored
 * then).
 */
import { useState } from 'preact/hooks';
import { useI18n } from '../i18n.ts';
import { uploadImport } from '../secure-api.ts';
import { fmtNumber } from '../format.ts';

export function ImportUpload({ onImported }: { onImported: () => void }) {
  const { locale, t } = useI18n();
  const [status, setStatus] = useState<{ kind: 'idle' | 'busy' | 'ok' | 'error'; text: string }>({
    kind: 'idle',
    text: '',
  });
  const onChange = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    setStatus({ kind: 'busy', text: t('imports.busy') });
    try {
      const r = await uploadImport(file);
      const f = r.files[0];
      const refused = (r.refused ?? []).reduce((n, x) => n + x.points, 0);
      const done = t('imports.done', {
        file: file.name,
        added: fmtNumber(locale, r.added),
        replaced: fmtNumber(locale, r.replaced),
        format: f?.format ?? '?',
      });
      // the household's own recording controls kept part of the file out: say so rather than a bare "0 added"
      setStatus({
        kind: 'ok',
        text: refused ? `${done} ${t('imports.refused', { points: fmtNumber(locale, refused) })}` : done,
      });
      onImported();
    } catch (err) {
      setStatus({ kind: 'error', text: t('imports.failed', { message: (err as Error).message }) });
    } finally {
      input.value = '';
    }
  };
  return (
    <div class="import-upload" data-testid="import-upload">
      <h3>{t('imports.title')}</h3>
      <p class="muted small">{t('imports.intro')}</p>
      <label class="button">
        {t('imports.choose')}
        <input
          type="file"
          accept=".csv,.json,.xlsx,.txt"
          onChange={onChange}
          disabled={status.kind === 'busy'}
          hidden
        />
      </label>
      {status.kind !== 'idle' && (
        <p role="status" class={status.kind === 'error' ? 'error' : 'muted'} data-import-status={status.kind}>
          {status.text}
        </p>
      )}
    </div>
  );
}
