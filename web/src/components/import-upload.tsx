/** Upload of an Enedis file to `POST /api/imports`; shows the import summary or the hub's refusal in the household's
 * words (nothing is stored then). A file that hides its usage point (the portal masks the PRM in some exports) needs
 * the number from the household: the page asks which meter the file belongs to (MeterQuestion) and sends the file
 * again with it as the `x-prm` header the route takes; the optional field sends it with the first upload. A file for
 * a meter the hub did not hold adds that meter; the meter in view stays in view.
 */
import { useState } from 'preact/hooks';
import { ApiError, type UsagePoint } from '../api.ts';
import { MeterQuestion } from './meter-question.tsx';
import { isMessageKey, useI18n } from '../i18n.ts';
import { uploadImport } from '../secure-api.ts';
import { fmtNumber } from '../format.ts';
import { describeError } from './error-box.tsx';

type Status =
  | { kind: 'idle' | 'busy' }
  | { kind: 'ok'; file: string; added: number; replaced: number; format: string; refused: number; newPrms: string[] }
  | { kind: 'ask'; file: File }
  | { kind: 'error'; file: string; error: Error; withPrm: boolean };

export function ImportUpload({
  onImported,
  meters = [],
  current,
}: {
  onImported: () => void;
  /** The meters the household already has: offered when a file does not say which one it belongs to. */
  meters?: UsagePoint[];
  /** The meter in view (offered first). */
  current?: string;
}) {
  const { locale, t } = useI18n();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [prm, setPrm] = useState('');
  const prmDigits = prm.replace(/\s/g, '');
  const prmBad = prmDigits !== '' && !/^\d{14}$/.test(prmDigits);
  const send = async (file: File, withPrm: string | undefined) => {
    setStatus({ kind: 'busy' });
    try {
      const r = await uploadImport(file, withPrm);
      setStatus({
        kind: 'ok',
        file: file.name,
        added: r.added,
        replaced: r.replaced,
        format: r.files[0]?.format ?? '',
        refused: (r.refused ?? []).reduce((n, x) => n + x.points, 0),
        newPrms: r.usagePoints.filter((p) => !meters.some((m) => m.prm === p)),
      });
      onImported();
    } catch (err) {
      // Without a number from the household, a usage-point refusal can only mean the file hides its own: ask.
      if (err instanceof ApiError && err.code === 'IMPORT_PRM_MISMATCH' && !withPrm) setStatus({ kind: 'ask', file });
      else setStatus({ kind: 'error', file: file.name, error: err as Error, withPrm: withPrm !== undefined });
    }
  };
  const onChange = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file || prmBad) return;
    await send(file, prmDigits || undefined);
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
      const kept = status.refused
        ? `${done} ${t('imports.refused', { points: fmtNumber(locale, status.refused) })}`
        : done;
      return status.newPrms.length && current
        ? `${kept} ${t('meters.added', { prm: status.newPrms.join(', '), current })}`
        : kept;
    }
    if (status.kind !== 'error') return '';
    return t('imports.failed', { file: status.file, message: describeError(t, status.error) });
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
      <label class="button file-button">
        {t('imports.choose')}
        <input
          type="file"
          class="file-input"
          accept=".csv,.json,.xlsx,.txt"
          onChange={onChange}
          disabled={status.kind === 'busy' || prmBad}
          data-testid="import-file"
        />
      </label>
      {status.kind === 'ask' && (
        <MeterQuestion
          file={status.file.name}
          meters={meters}
          current={current}
          onChoose={(p) => send(status.file, p)}
          onCancel={() => setStatus({ kind: 'idle' })}
        />
      )}
      {status.kind !== 'idle' && status.kind !== 'ask' && (
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
