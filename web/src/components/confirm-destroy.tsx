/**
 * The one confirmation every destructive action goes through: a modal dialog that lists exactly what will go (each
 * series in words, the period it loses, how many values, and the total) before anything is sent. Escape or "Cancel"
 * leaves everything as it was; the cancel button has the focus, so Enter alone never deletes.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { DestroyLine } from '../destroy-plan.ts';
import { totalValues } from '../destroy-plan.ts';
import { fmtDate, fmtNumber } from '../format.ts';
import { useI18n, type MessageKey } from '../i18n.ts';

export function ConfirmDestroy({
  action,
  lines,
  onConfirm,
  onCancel,
}: {
  /** The action's own name ("Effacer l'historique détaillé"). */
  action: string;
  lines: DestroyLine[];
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { locale, t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const d = ref.current!;
    if (!d.open) d.showModal();
    cancel.current?.focus();
    return () => d.open && d.close();
  }, []);
  const total = totalValues(lines);
  const atMost = lines.some((l) => l.atMost);
  return (
    <dialog
      ref={ref}
      class="confirm-destroy"
      aria-labelledby="confirm-title"
      onCancel={(e) => (e.preventDefault(), onCancel())}
      data-testid="confirm-destroy"
      data-total={total}
    >
      <h2 id="confirm-title">{t('confirm.title', { action })}</h2>
      {lines.length === 0 ? (
        <p>{t('confirm.nothing')}</p>
      ) : (
        <>
          <p>{t('confirm.intro')}</p>
          <ul>
            {lines.map((l) => (
              <li key={l.series.id} data-series={l.series.id} data-values={l.values}>
                {t(l.atMost ? 'confirm.lineAtMost' : 'confirm.line', {
                  what: `${t(`quantity.${l.series.quantity}` as MessageKey)} ${t(`direction.${l.series.direction}` as MessageKey)}`,
                  step: t(`step.${l.series.step}` as MessageKey),
                  values: fmtNumber(locale, l.values),
                  from: fmtDate(locale, l.from),
                  to: fmtDate(locale, l.to),
                })}
              </li>
            ))}
          </ul>
          <p>
            <strong>{t(atMost ? 'confirm.totalAtMost' : 'confirm.total', { values: fmtNumber(locale, total) })}</strong>
          </p>
        </>
      )}
      <div class="actions">
        <button type="button" class="secondary" ref={cancel} onClick={onCancel} data-testid="confirm-cancel">
          {t('confirm.cancel')}
        </button>
        <button type="button" class="danger" onClick={onConfirm} data-testid="confirm-go">
          {t('confirm.go')}
        </button>
      </div>
    </dialog>
  );
}
