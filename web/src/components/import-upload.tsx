/** Upload of an Enedis file to `POST /api/imports`; shows the import summary or the hub's refusal in the household's
 * words (nothing is stored then). A file that hides its usage point (the portal masks the PRM in some exports) needs
 * the number from the household: the optional field sends it as the `x-prm` header the route takes.
 */
import { useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { isMessageKey, useI18n } from '../i18n.ts';
import { uploadImport } from '../secure-api.ts';
import { fmtNumber } from '../format.ts';
import { describeError } from './error-box.tsx';

type Status =
  | { kind: 'idle' | 'busy' }
  | { kind: 'ok'; file: string; added: number; replaced: number; format: string; refused: number }
  | { kind: 'error'; file: string; error: Error; withPrm: boolean };

export function ImportUpload({ onImported }: { onImported: () => void }) {
  const { locale, t } = useI18n();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [prm, setPrm] = useState('');
  const prmDigits = prm.replace(/\s/g, '');
  const prmBad = prmDigits !== '' && !/^\d{14}$/.test(prmDigits);
  const onChange = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    if (prmBad) {
      input.value = '';
      return;
    }
    setStatus({ kind: 'busy' });
    try {
      const r = await uploadImport(file, prmDigits || undefined);
      setStatus({
        kind: 'ok',
        file: file.name,
        added: r.added,
        replaced: r.replaced,
        format: r.files[0]?.format ?? '',
        refused: (r.refused ?? []).reduce((n, x) => n + x.points, 0),
      });
      onImported();
    } catch (err) {
      setStatus({ kind: 'error', file: file.name, error: err as Error, withPrm: prmDigits !== '' });
    } finally {
      input.value = '';
    }
  };
  const text = (): string => {
    if (status.kind === 'busy') return t('imports.busy');
    if (status.kind === 'ok') {
      const fmtKey = `imports.format.${status.format}`;
      const done = t('imports.done', {
        file: status.file,
        added: fmtNumber(locale, status.added),
        replaced: fmtNumber(locale, status.replaced),
        format: isMessageKey(fmtKey) ? t(fmtKey) : t('imports.format.other'),
      });
      // the household's own recording controls kept part of the file out: say so rather than a bare "0 added"
      return status.refused ? `${done} ${t('imports.refused', { points: fmtNumber(locale, status.refused) })}` : done;
    }
    if (status.kind !== 'error') return '';
    // Without a number from the household, a usage-point refusal can only mean the file hides its own.
    const masked = status.error instanceof ApiError && status.error.code === 'IMPORT_PRM_MISMATCH' && !status.withPrm;
    return t('imports.failed', {
      file: status.file,
      message: masked ? t('error.code.IMPORT_PRM_MASKED') : describeError(t, status.error),
    });
  };
  return (
    <div class="import-upload" data-testid="import-upload">
      <h3>{t('imports.title')}</h3>
      <p class="muted small">{t('imports.intro')}</p>
      <label class="import-prm">
        {t('imports.prm')}{' '}
        <input
          type="text"
          inputMode="numeric"
          autoComplete="off"
          placeholder={t('imports.prmPlaceholder')}
          value={prm}
          onInput={(e) => setPrm((e.target as HTMLInputElement).value)}
          aria-invalid={prmBad}
          aria-describedby="import-prm-help"
          data-testid="import-prm"
        />
      </label>
      <p id="import-prm-help" class={prmBad ? 'error small' : 'muted small'}>
        {prmBad ? t('error.code.INPUT_INVALID_PRM') : t('imports.prmHelp')}
      </p>
      <label class="button">
        {t('imports.choose')}
        <input
          type="file"
          accept=".csv,.json,.xlsx,.txt"
          onChange={onChange}
          disabled={status.kind === 'busy' || prmBad}
          hidden
        />
      </label>
      {status.kind !== 'idle' && (
        <p
          role="status"
          class={status.kind === 'error' ? 'error' : 'muted'}
          data-import-status={status.kind}
          data-error-code={status.kind === 'error' && status.error instanceof ApiError ? status.error.code : undefined}
        >
          {text()}
        </p>
      )}
    </div>
  );
}
