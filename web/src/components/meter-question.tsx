/**
 * Asked when an uploaded file does not say which meter it belongs to (its number is masked): one choice per meter the
 * household has, the one in view first, or another meter's 14 digits. The file is then sent again with that number.
 */
import { useState } from 'preact/hooks';
import type { UsagePoint } from '../api.ts';
import { useI18n } from '../i18n.ts';

const OTHER = 'other';

export function MeterQuestion({
  file,
  meters,
  current,
  onChoose,
  onCancel,
}: {
  file: string;
  meters: UsagePoint[];
  current: string | undefined;
  onChoose: (prm: string) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const ordered = [...meters].sort((a, b) => Number(b.prm === current) - Number(a.prm === current));
  const [choice, setChoice] = useState(ordered[0]?.prm ?? OTHER);
  const [typed, setTyped] = useState('');
  const digits = typed.replace(/\s/g, '');
  const [bad, setBad] = useState(false);
  const submit = (e: Event) => {
    e.preventDefault();
    if (choice !== OTHER) return onChoose(choice);
    if (!/^\d{14}$/.test(digits)) return setBad(true);
    onChoose(digits);
  };
  return (
    <form class="meter-question" onSubmit={submit} data-import-status="ask" data-testid="meter-question">
      <fieldset>
        <legend>
          <strong>{t('imports.ask.title', { file })}</strong>
        </legend>
        <p class="muted small">{t('imports.ask.why')}</p>
        {ordered.map((u) => (
          <label key={u.prm}>
            <input
              type="radio"
              name="import-meter"
              value={u.prm}
              checked={choice === u.prm}
              onChange={() => setChoice(u.prm)}
            />{' '}
            {u.label ? t('meters.option', { label: u.label, prm: u.prm }) : u.prm}
          </label>
        ))}
        <label>
          <input
            type="radio"
            name="import-meter"
            value={OTHER}
            checked={choice === OTHER}
            onChange={() => setChoice(OTHER)}
            data-testid="import-meter-other"
          />{' '}
          {t('imports.ask.other')}
        </label>
        {choice === OTHER && (
          <label>
            {t('imports.ask.number')}{' '}
            <input
              type="text"
              inputMode="numeric"
              autoComplete="off"
              placeholder={t('imports.prmPlaceholder')}
              value={typed}
              onInput={(e) => (setTyped((e.target as HTMLInputElement).value), setBad(false))}
              aria-invalid={bad}
              data-testid="import-meter-number"
            />
          </label>
        )}
        {bad && (
          <p class="error small" role="alert">
            {t('error.code.INPUT_INVALID_PRM')}
          </p>
        )}
      </fieldset>
      <div class="actions">
        <button type="submit" data-testid="import-meter-submit">
          {t('imports.ask.submit')}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t('imports.ask.cancel')}
        </button>
      </div>
    </form>
  );
}
