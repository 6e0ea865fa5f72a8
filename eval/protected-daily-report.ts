/**
 * @module eval/protected-daily-report
 * The "Protected daily sharing" section of eval/REPORT.md: the detectors that still read daily totals, with the exact
 * days, with each protection (month-smoothed days; keyed discrete Gaussian noise of each measured σ, mean over
 * DAILY_DRAWS keys) and with the monthly totals alone (what any bill says), and what each costs a monthly bill.
 */
import {
  DAILY_DRAWS,
  DAILY_SIGMAS_WH,
  MONTH_SMOOTHED,
  MONTHLY_TOTALS,
} from '../src/reveal/evaluation/protected-daily.ts';
import { DEFAULT_PROTECTION, protectionFigureLabel, protectionOf } from '../src/consent/protection.ts';
import type { FigureRow } from '../src/use-cases/reveal-evaluation.ts';
import { fmt, table, val } from './markdown.ts';

export function protectedDailySection(rows: readonly FigureRow[]): string[] {
  const out: string[] = [];
  const noised = DAILY_SIGMAS_WH.map((s) => `daily_gaussian_sigma=${s}Wh`);
  const columns = ['none', MONTHLY_TOTALS, MONTH_SMOOTHED, ...noised];
  const heads = ['exact days', 'monthly totals only', 'month-smoothed', ...DAILY_SIGMAS_WH.map((s) => `σ=${s} Wh`)];
  const daily = rows.filter((r) => r.step === 'P1D');
  const households = [...new Set(daily.filter((r) => columns.slice(1).includes(r.protection)).map((r) => r.household))];
  if (households.length === 0) return out;
  out.push('## Protected daily sharing', '');
  out.push(
    'What a recipient of protected daily values (a consent with a protection, src/consent/protection.ts) can still',
    'infer, scored like the exact daily values. *Month-smoothed* (src/privacy/month-smoothing.ts): every day of a',
    "finished, fully known month gets an equal share of the month's total, other days are withheld. *Monthly totals",
    'only* is the same series: what a monthly bill alone lets one guess, the floor any protection that keeps the',
    "bill right leaves. *σ = …*: each day's energy plus exact discrete Gaussian noise from a keyed stream per household",
    `and day (src/privacy/daily-noise.ts), MCC the mean over ${DAILY_DRAWS} keys. Bill = relative error of a month's`,
    'energy summed from the delivered days (months with ≥ 25 days delivered), mean over months (and keys); share',
    'delivered = the fraction of known days a month-smoothed read answers.',
    '',
  );
  const metricOf = (d: string) => (d === 'bill' ? 'month_energy_mape' : d === 'delivered' ? 'share_of_days' : 'mcc');
  const body: string[][] = [];
  for (const h of households) {
    const dets = [
      ...new Set(
        daily.filter((r) => r.household === h && columns.slice(1).includes(r.protection)).map((r) => r.detector),
      ),
    ];
    const order = (d: string) => (d === 'bill' ? 2 : d === 'delivered' ? 3 : 1);
    for (const d of dets.sort((a, b) => order(a) - order(b) || a.localeCompare(b))) {
      const m = metricOf(d);
      const at = (l: string) =>
        daily.find((r) => r.household === h && r.detector === d && r.metric === m && r.protection === l);
      const cell = (r: FigureRow | undefined) =>
        !r
          ? ''
          : d !== 'bill' && d !== 'delivered'
            ? val(r)
            : Number.isFinite(r.value)
              ? `${(r.value * 100).toFixed(2)} %`
              : '—';
      body.push([h, d, m, ...columns.map((l) => cell(at(l)))]);
    }
  }
  out.push(table(['household', 'detector', 'metric', ...heads], body), '');
  const offered = protectionOf(DEFAULT_PROTECTION);
  const label = protectionFigureLabel(offered);
  const at = (h: string, l: string, pred: (r: FigureRow) => boolean) =>
    daily.filter((r) => r.household === h && r.protection === l && pred(r) && r.value === r.value);
  out.push(
    `The consent screen offers level "${DEFAULT_PROTECTION}" (${offered.kind}). Target: every daily MCC ≤ 0.1 with a ` +
      'monthly bill error ≤ 2 %.',
    '',
  );
  for (const h of households) {
    const mccs = at(h, label, (r) => r.metric === 'mcc');
    const floor = at(h, MONTHLY_TOTALS, (r) => r.metric === 'mcc');
    const bill = at(h, label, (r) => r.detector === 'bill' && r.metric === 'month_energy_mape')[0];
    const worst = mccs.reduce<FigureRow | undefined>((w, r) => (!w || r.value > w.value ? r : w), undefined);
    const bottom = floor.reduce<FigureRow | undefined>((w, r) => (!w || r.value > w.value ? r : w), undefined);
    const share = at(h, label, (r) => r.detector === 'delivered')[0];
    if (share && share.value === 0) {
      out.push(
        `- ${h}: nothing delivered (no month of its data is fully known), so nothing to infer and no bill to ` +
          'estimate; the exact days would not give a whole month either.',
      );
      continue;
    }
    const ok = (worst ? worst.value <= 0.1 : true) && (bill ? bill.value <= 0.02 : false);
    out.push(
      `- ${h}: highest MCC ${worst ? `${fmt(worst.value)} (${worst.detector})` : 'none scored'} (monthly totals ` +
        `alone: ${bottom ? fmt(bottom.value) : '—'}), bill error ` +
        `${bill ? `${(bill.value * 100).toFixed(2)} %` : 'not measured'}: ${ok ? 'target met' : 'target not met'}.`,
    );
  }
  out.push(
    '',
    'Noise a monthly bill can bear (σ ≤ 2 kWh a day) barely blurs the days: on the household with electric heating the',
    'water-heater MCC stays above 0.2 at every σ, because cold days differ from mild ones by far more than that. A',
    'level "standard" (σ = 500 Wh) is kept for the consents given with it and no longer offered.',
    '',
  );
  return out;
}
