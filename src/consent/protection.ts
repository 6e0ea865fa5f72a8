/**
 * @module consent/protection
 * Protected daily sharing: a consent may carry a protection, and then its recipient gets the household's daily
 * consumption protected (smoothed over each month, or with calibrated noise), never the exact values (the policy
 * allows such a consent only for a protected delivery, policy.ts; the access service applies the protection,
 * use-cases/consent/access-service.ts).
 *
 * A protection is named by a level; the consent records the level and its σ, so the record alone says what was
 * agreed even if a level were later recalibrated (a new level gets a new name). Levels are measured on the evaluation
 * households (eval/REPORT.md, "Protected daily sharing"): σ is the largest measured whose monthly bill error stays
 * ≤ 2 % on every household.
 */
import type { DataCategory, LadderStep } from './model.ts';

export const PROTECTION_LEVELS = {
  /**
   * Each day of a finished month delivered as an equal share of the month's total (privacy/month-smoothing.ts):
   * monthly sums kept, day-level facts gone (the detectors' MCC at or below what the monthly totals alone give,
   * ≤ 0.1 on every evaluation household). The level the consent screen offers.
   */
  monthly: { kind: 'month-smoothed' },
  /**
   * σ = 500 Wh of noise per day: the monthly bill estimate off by 0.3–1.5 % on the evaluation households, but the
   * day-level facts barely blurred (MCC 0.05–0.23). Kept for the consents given with it; no longer offered.
   */
  standard: { kind: 'noised-daily', sigmaWh: 500 },
} as const;
export type ProtectionLevel = keyof typeof PROTECTION_LEVELS;
/** The level the consent screen offers. */
export const DEFAULT_PROTECTION: ProtectionLevel = 'monthly';

/**
 * What a protected consent delivers: daily consumption month-smoothed, or plus discrete Gaussian noise of standard
 * deviation σ (Wh).
 */
export type Protection =
  | { readonly kind: 'month-smoothed'; readonly level: 'monthly' }
  | { readonly kind: 'noised-daily'; readonly level: 'standard'; readonly sigmaWh: number };

export function isProtectionLevel(v: unknown): v is ProtectionLevel {
  return typeof v === 'string' && Object.hasOwn(PROTECTION_LEVELS, v);
}

export function protectionOf(level: ProtectionLevel): Protection {
  return level === 'monthly'
    ? { kind: 'month-smoothed', level }
    : { kind: 'noised-daily', level, sigmaWh: PROTECTION_LEVELS[level].sigmaWh };
}

/** The label of a protection's rows in the evaluation figures (src/reveal/figures.json). */
export function protectionFigureLabel(p: Protection): string {
  return p.kind === 'month-smoothed' ? 'daily_month_smoothed' : `daily_gaussian_sigma=${p.sigmaWh}Wh`;
}

/** The only step a protected consent may name: a protected value is one day's total. */
export const PROTECTED_STEP: LadderStep = 'P1D';
/**
 * Purposes a protected consent may not serve: published statistics read the contributors' exact values into their
 * own noised aggregates (statistics/contributors.ts), not through the protected delivery, so a protected consent
 * must never make a household a contributor.
 */
export const UNPROTECTABLE_PURPOSES: readonly string[] = ['anonymised-statistics'];

/** The only category a protected consent may cover. */
export const PROTECTED_CATEGORY: DataCategory = 'consumption';

/** The frequency of a protected box, as its title says it. */
export const PROTECTED_STEP_WORDS = {
  fr: 'une valeur par jour, lissée sur le mois',
  en: 'one value a day, smoothed over the month',
} as const;

/** The protection in the household's words, as the notice states it (its hash covers this text). */
export function protectionWords(p: Protection, lang: 'fr' | 'en'): string {
  if (p.kind === 'month-smoothed')
    return lang === 'fr'
      ? 'une valeur par jour, lissée sur le mois : chaque jour d’un mois terminé reçoit la même part de la ' +
          'consommation du mois, dont le total est conservé ; rien du mois en cours, et jamais la consommation réelle ' +
          'd’une journée'
      : 'one value a day, smoothed over the month: every day of a finished month gets the same share of the ' +
          'month’s consumption, whose total is kept; nothing of the current month, and never the real use of a ' +
          'single day';
  const kwh = (p.sigmaWh / 1000).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB');
  return lang === 'fr'
    ? `une fois par jour, avec un brouillage : chaque total journalier est transmis avec un écart aléatoire ` +
        `(écart type ${kwh} kWh, niveau « ${p.level} »), le même à chaque lecture ; jamais les valeurs exactes`
    : `once a day, with blurring: each daily total is sent with a random offset (standard deviation ${kwh} kWh, ` +
        `level “${p.level}”), the same at every read; never the exact values`;
}

/**
 * What protected daily values can still reveal, in plain words (R9), from the figures measured at the level's σ
 * (eval/REPORT.md): per-day noise of a size a bill can bear does not hide seasons nor, on some homes, which days a
 * washing machine or dishwasher ran. Part of the notice text, so fixed per level.
 */
export function protectedReveals(p: Protection): Record<'fr' | 'en', string> {
  if (p.kind === 'month-smoothed')
    return {
      fr:
        'votre consommation de chaque mois terminé, comme une facture la montre : les saisons et un mois d’absence ' +
        'restent visibles, mais pas les jours où vous étiez là, ni ceux où une machine a tourné',
      en:
        'your use in each finished month, as a bill shows it: seasons and a month away remain visible, but not the ' +
        'days you were home, nor those when an appliance ran',
    };
  return {
    fr:
      'votre consommation jour par jour, brouillée : une estimation de facture mensuelle reste juste à 2 % près, ' +
      'mais le brouillage masque peu : les saisons, les longues absences et, dans certains logements, les jours de ' +
      'lessive ou de lave-vaisselle restent en partie visibles',
    en:
      'your use day by day, blurred: a monthly bill estimate stays within 2 %, but the blurring hides little: ' +
      'seasons, long absences and, in some homes, washing-machine or dishwasher days remain partly visible',
  };
}
