/**
 * `#/space` "Mon espace": each household control is one click and hands back a signed receipt (D. 224-27, R11);
 * consents are separate unticked boxes, one per recipient, purpose and step, each showing the exact notice (R5, R8,
 * R9); every current agreement has its own withdraw button (R10).
 */
import { useState } from 'preact/hooks';
import type { SeriesInfo } from '../api.ts';
import { ConfirmDestroy } from '../components/confirm-destroy.tsx';
import { ErrorBox, HouseholdMessage } from '../components/error-box.tsx';
import { destroyPlan, type DestroyKind } from '../destroy-plan.ts';
import { ReceiptNote } from '../components/receipt-link.tsx';
import { RevealPreview } from '../components/reveal-preview.tsx';
import { useAsync } from '../components/use-async.ts';
import { fmtDate } from '../format.ts';
import { useI18n, type MessageKey } from '../i18n.ts';
import { href } from '../router.ts';
import {
  secure,
  type ConsentBox,
  type ControlDone,
  type ControlInfo,
  type Controls,
  type Receipted,
} from '../secure-api.ts';
import type { PageProps } from './types.ts';

const STEPS = ['PT1M', 'PT10M', 'PT15M', 'PT30M', 'PT1H', 'P1D'];
const MONTHS = [12, 15, 18, 21, 24];

/** The controls that delete data, and what each takes away (shown in the confirmation before it runs). */
const DESTROYS: Record<string, DestroyKind> = {
  'purge-fine-history': 'purge-fine',
  'control-delete-range': 'delete-range',
  'control-delete-all': 'delete-all',
};

function ControlCard({
  c,
  prm,
  state,
  series,
  onDone,
}: {
  c: ControlInfo;
  prm: string;
  state: Controls['state'];
  series: SeriesInfo[];
  onDone: () => void;
}) {
  const { locale, t } = useI18n();
  const [result, setResult] = useState<ControlDone | null>(null);
  const [err, setErr] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const [step, setStep] = useState(state.recordedStep ?? 'PT30M');
  const [months, setMonths] = useState(Math.max(12, state.fineRetentionMonths || 12));
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [asking, setAsking] = useState<{ label: string; kind: DestroyKind; body: Record<string, unknown> } | null>(
    null,
  );
  /** A period needs both days, the first before the last: said here in the household's words, nothing sent. */
  const periodOk = (body: Record<string, unknown>) => {
    if ('from' in body && (!body.from || !body.to))
      return (setErr(new HouseholdMessage(t('space.periodNeeded'))), false);
    if ('from' in body && String(body.from) > String(body.to))
      return (setErr(new HouseholdMessage(t('space.periodOrder'))), false);
    return true;
  };
  const run = async (body: Record<string, unknown> = {}) => {
    setErr(null);
    if (!periodOk(body)) return;
    setBusy(true);
    try {
      setResult(await secure.control(prm, c.id, body, locale));
      onDone();
    } catch (e) {
      setErr(e as Error);
    } finally {
      setBusy(false);
    }
  };
  // Stop and resume stay side by side (the receipt of one stays visible); only the one that applies is enabled.
  const idle =
    (c.id === 'stop-fine-recording' && !state.fineRecording) ||
    (c.id === 'resume-fine-recording' && state.fineRecording);
  const button = (label: string, body: Record<string, unknown> = {}, testid = `control-${c.id}`) => {
    const kind = DESTROYS[testid] ?? DESTROYS[c.id];
    const click = () => {
      setErr(null);
      // what deletes data first says exactly what will go, and runs only once confirmed
      if (kind) return periodOk(body) && setAsking({ label, kind, body });
      void run(body);
    };
    return (
      <button type="button" disabled={busy || idle} data-testid={testid} onClick={click}>
        {busy ? t('space.busy') : label}
      </button>
    );
  };
  return (
    <li class="control" data-control={c.id}>
      <h3>{c.label}</h3>
      <p class="muted">{c.explain}</p>
      <div class="control-action">
        {c.id === 'change-step' && (
          <label>
            {t('space.step')}{' '}
            <select
              value={step}
              onChange={(e) => setStep((e.target as HTMLSelectElement).value)}
              data-testid="step-select"
            >
              {STEPS.map((s) => (
                <option key={s} value={s}>
                  {t(`step.${s}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
        )}
        {c.id === 'extend-fine-retention' && (
          <label>
            {t('space.months')}{' '}
            <select
              value={months}
              onChange={(e) => setMonths(Number((e.target as HTMLSelectElement).value))}
              data-testid="months-select"
            >
              {MONTHS.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </label>
        )}
        {c.id === 'delete-data' ? (
          <>
            <label>
              {t('space.from')}{' '}
              <input
                type="date"
                value={from}
                onInput={(e) => setFrom((e.target as HTMLInputElement).value)}
                data-testid="delete-from"
              />
            </label>
            <label>
              {t('space.to')}{' '}
              <input
                type="date"
                value={to}
                onInput={(e) => setTo((e.target as HTMLInputElement).value)}
                data-testid="delete-to"
              />
            </label>
            {button(t('space.deleteRange'), { from, to }, 'control-delete-range')}
            {button(t('space.deleteAll'), { all: true }, 'control-delete-all')}
          </>
        ) : (
          button(c.label, c.id === 'change-step' ? { step } : c.id === 'extend-fine-retention' ? { months } : {})
        )}
      </div>
      {asking && (
        <ConfirmDestroy
          action={asking.label}
          lines={destroyPlan(
            asking.kind,
            series,
            'from' in asking.body ? { from: String(asking.body.from), to: String(asking.body.to) } : undefined,
          )}
          onCancel={() => setAsking(null)}
          onConfirm={() => (setAsking(null), void run(asking.body))}
        />
      )}
      {result && <ReceiptNote r={result} text={result.done ?? c.done} />}
      {err && <ErrorBox error={err} />}
    </li>
  );
}

function ControlsSection({ prm, series, onChanged }: { prm: string; series: SeriesInfo[]; onChanged: () => void }) {
  const { locale, t } = useI18n();
  const ctl = useAsync(() => secure.controls(prm, locale), [prm, locale]);
  if (ctl.state === 'loading') return <p class="muted">{t('common.loading')}</p>;
  if (ctl.state === 'error') return <ErrorBox error={ctl.error} onRetry={ctl.reload} />;
  const s = ctl.value.state;
  return (
    <>
      <ul
        class="state"
        data-testid="control-state"
        data-fine={String(s.fineRecording)}
        data-step={s.recordedStep ?? ''}
        data-months={s.fineRetentionMonths}
      >
        <li>{s.fineRecording ? t('space.state.fineOn') : t('space.state.fineOff')}</li>
        <li>
          {t('space.state.step', {
            step: s.recordedStep ? t(`step.${s.recordedStep}` as MessageKey) : t('space.state.stepAny'),
          })}
        </li>
        <li>
          {t(s.fineRetentionMonths ? 'space.state.retention' : 'space.state.retentionDefault', {
            months: ctl.value.fineRetentionMonths,
          })}
        </li>
      </ul>
      <ul class="controls">
        {ctl.value.controls.map((c) => (
          <ControlCard
            key={c.id}
            c={c}
            prm={prm}
            state={s}
            series={series}
            onDone={() => (ctl.reload(), onChanged())}
          />
        ))}
      </ul>
    </>
  );
}

function ConsentsSection({ prm }: { prm: string }) {
  const { locale, t } = useI18n();
  const data = useAsync(() => secure.consents(prm, locale), [prm, locale]);
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const [notes, setNotes] = useState<{ r: Receipted; text: string }[]>([]);
  const [err, setErr] = useState<Error | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  if (data.state === 'loading') return <p class="muted">{t('common.loading')}</p>;
  if (data.state === 'error') return <ErrorBox error={data.error} onRetry={data.reload} />;
  const toggle = (k: string) => setTicked((s) => (s.has(k) ? (s.delete(k), new Set(s)) : new Set(s.add(k))));
  const give = async () => {
    const boxes: ConsentBox[] = data.value.screens.flatMap((s) => s.boxes).filter((b) => ticked.has(b.key));
    if (!boxes.length) return setMsg(t('space.noneTicked'));
    setErr(null);
    setMsg(null);
    try {
      const out: { r: Receipted; text: string }[] = [];
      for (const b of boxes) out.push({ r: await secure.give(prm, b), text: `${b.purposeText} — ${b.stepText}` });
      setNotes(out);
      setMsg(t('space.given', { n: out.length }));
      setTicked(new Set());
      data.reload();
    } catch (e) {
      setErr(e as Error);
    }
  };
  const withdraw = async (id: string, label: string) => {
    setErr(null);
    try {
      setNotes([{ r: await secure.withdraw(id), text: label }]);
      setMsg(null);
      data.reload();
    } catch (e) {
      setErr(e as Error);
    }
  };
  const active = data.value.consents.filter((c) => c.status === 'active');
  const past = data.value.consents.filter((c) => c.status !== 'active');
  return (
    <>
      <p class="lead">{t('space.consentsIntro')}</p>
      {data.value.screens.length === 0 && <p class="muted">{t('space.noRecipient')}</p>}
      {data.value.screens.map((s) => (
        <fieldset class="consent-screen" key={s.recipient.id} data-recipient={s.recipient.id}>
          <legend>{t('space.recipient', { name: s.recipient.name })}</legend>
          {s.boxes.map((b) => (
            <label class="consent-box" key={b.key}>
              <input
                type="checkbox"
                checked={ticked.has(b.key)}
                onChange={() => toggle(b.key)}
                data-key={b.key}
                data-testid="consent-box"
              />
              <span>
                <strong>
                  {b.purposeText} — {b.stepText}
                </strong>
                <span class="notice-text">{b.text.split('\n').slice(1).join('\n')}</span>
                <RevealPreview prm={prm} step={b.step} />
              </span>
            </label>
          ))}
        </fieldset>
      ))}
      {data.value.screens.length > 0 && (
        <button type="button" onClick={give} data-testid="consent-give">
          {t('space.give')}
        </button>
      )}
      {msg && <p role="status">{msg}</p>}
      {notes.map((n) => (
        <ReceiptNote key={n.r.event.eventId} r={n.r} text={n.text} />
      ))}
      {err && <ErrorBox error={err} />}
      <h3>{t('space.active')}</h3>
      {active.length === 0 && <p class="muted">{t('space.none')}</p>}
      <ul class="consents">
        {active.map((c) => {
          const line = t('space.consentLine', {
            recipient: c.recipientName,
            purpose: c.purposes.map((p) => p.text).join(', '),
            step: c.stepText,
            until: fmtDate(locale, Date.parse(c.expiresAt)),
          });
          return (
            <li key={c.consentId} data-consent={c.consentId}>
              <span>{line}</span>{' '}
              <button
                type="button"
                class="ghost"
                onClick={() => withdraw(c.consentId, line)}
                data-testid="consent-withdraw"
              >
                {t('space.withdraw')}
              </button>
            </li>
          );
        })}
      </ul>
      {past.length > 0 && (
        <>
          <h3>{t('space.history')}</h3>
          <ul class="consents muted">
            {past.map((c) => (
              <li key={c.consentId} data-consent={c.consentId} data-status={c.status}>
                {c.recipientName} — {c.stepText} — {t(`space.status.${c.status}` as MessageKey)}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

export function SpacePage({ household, onChanged }: PageProps) {
  const { t } = useI18n();
  return (
    <>
      <section class="card" aria-labelledby="space-title">
        <h2 id="space-title">{t('space.title')}</h2>
        <p class="lead">{t('space.intro')}</p>
        <p>
          <a href={href('/receipts')} data-testid="receipts-link">
            {t('receipts.link')}
          </a>
        </p>
        <h3>{t('space.controls')}</h3>
        <ControlsSection prm={household.prm} series={household.series} onChanged={onChanged} />
      </section>
      <section class="card" aria-labelledby="consents-title">
        <h2 id="consents-title">{t('space.consents')}</h2>
        <ConsentsSection prm={household.prm} />
      </section>
    </>
  );
}
