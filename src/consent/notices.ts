/**
 * @module consent/notices
 * Texts and data model of the consent screen (R5, R8, R9), French first, English second. The lead's UI renders
 * `consentScreen()`; the exact text of each box is hashed and the hash stored in the consent (R13), so the record
 * alone reconstructs what the household saw: `renderBox(...)` with the recorded fields gives back the same hash.
 *
 * What fine data can reveal follows the CNIL's own examples (CNIL news of 24 Jan 2013, rulebook §1.1).
 */
import { STEP_WORDS } from '../core/step.ts';
import { canonicalJson, utf8, type HashFn } from './canonical.ts';
import { protectedReveals, protectionWords, type Protection } from './protection.ts';
import {
  DATA_CATEGORIES,
  PURPOSES,
  type DataCategory,
  type LadderStep,
  type PurposeId,
  type RecipientDeclaration,
} from './model.ts';

export type Lang = 'fr' | 'en';
/** Current notice version; bump when any text below changes (old versions stay in NOTICE_VERSIONS). */
export const NOTICE_VERSION = '2026-11-1';
export const NOTICE_VERSIONS = [NOTICE_VERSION] as const;

const MONTHLY_WORDS = { fr: 'une fois par mois', en: 'once a month' };

export function stepWords(step: LadderStep, lang: Lang): string {
  return step === 'P1M' ? MONTHLY_WORDS[lang] : STEP_WORDS[step][lang];
}

/** What data at a step can reveal, in plain words (R9). Daily and fine wording are never conflated. */
export const REVEALS: Record<'monthly' | 'daily' | 'hourly' | 'fine' | 'realtime', Record<Lang, string>> = {
  monthly: { fr: 'votre consommation totale de chaque mois', en: 'your total use for each month' },
  daily: {
    fr: 'votre consommation jour par jour : elle peut montrer les jours où le logement est inoccupé (absences, vacances)',
    en: 'your use day by day: it can show the days your home is empty (absences, holidays)',
  },
  hourly: {
    fr: 'vos habitudes heure par heure : heures de lever et de coucher, heures de présence, absences',
    en: 'your habits hour by hour: when you get up and go to bed, when you are home, absences',
  },
  fine: {
    fr: 'le détail de vos journées, heure par heure et au-delà : heures de lever et de coucher, absences, volume d’eau chaude, nombre de personnes présentes, usage de certains appareils',
    en: 'the detail of your daily life: when you get up and go to bed, absences, hot-water volume, how many people are home, use of some appliances',
  },
  realtime: {
    fr: 'ce que vous faites en ce moment : chaque appareil allumé ou éteint, à la seconde près',
    en: 'what you are doing right now: each appliance switched on or off, to the second',
  },
};

export function revealsOf(step: LadderStep): Record<Lang, string> {
  if (step === 'P1M') return REVEALS.monthly;
  if (step === 'P1D') return REVEALS.daily;
  if (step === 'PT1H') return REVEALS.hourly;
  if (step === 'raw' || step === 'PT1M') return REVEALS.realtime;
  return REVEALS.fine;
}

const T = {
  recipient: { fr: 'Destinataire', en: 'Recipient' },
  purpose: { fr: 'Finalité', en: 'Purpose' },
  data: { fr: 'Données', en: 'Data' },
  step: { fr: 'Fréquence', en: 'How often' },
  reveals: { fr: 'Ce que ces données peuvent révéler', en: 'What this data can reveal' },
  duration: { fr: 'Durée de l’accord', en: 'Duration of this agreement' },
  retention: { fr: 'Conservation', en: 'Retention' },
  withdraw: {
    fr: 'Vous pouvez retirer cet accord à tout moment, d’un seul clic dans « Mes accords », aussi simplement que vous l’avez donné. Le retrait arrête immédiatement toute transmission.',
    en: 'You can withdraw this agreement at any time, in one click under “My agreements”, as easily as you gave it. Withdrawal stops any transmission immediately.',
  },
  optional: {
    fr: 'Cet accord est facultatif : le compteur, l’affichage de vos propres données et le service de base fonctionnent sans lui.',
    en: 'This agreement is optional: the meter, the display of your own data and the core service work without it.',
  },
} as const;

export interface BoxInput {
  readonly version: string;
  readonly lang: Lang;
  readonly recipient: Pick<RecipientDeclaration, 'id' | 'name'>;
  readonly purpose: PurposeId;
  readonly categories: readonly DataCategory[];
  readonly step: LadderStep;
  /** Human duration, e.g. 1 year; months granularity is enough for a notice. */
  readonly durationMonths: number;
  readonly retentionText: Readonly<Record<Lang, string>>;
  /** Protected daily sharing: the box says it (its text, hence the notice hash, covers the protection). */
  readonly protection?: Protection | undefined;
}

export interface ConsentBox {
  readonly key: string;
  /** Always false: no box is pre-ticked (R5, GDPR art. 7). */
  readonly defaultChecked: false;
  /** Always false: no consent is a condition of the service (R8). */
  readonly required: false;
  readonly step: LadderStep;
  readonly purpose: PurposeId;
  readonly recipient: string;
  readonly categories: readonly DataCategory[];
  readonly text: string;
  readonly protection?: Protection | undefined;
}

function durationWords(months: number, lang: Lang): string {
  if (months % 12 === 0) {
    const y = months / 12;
    return lang === 'fr' ? `${y} an${y > 1 ? 's' : ''}` : `${y} year${y > 1 ? 's' : ''}`;
  }
  return lang === 'fr' ? `${months} mois` : `${months} month${months > 1 ? 's' : ''}`;
}

/** The exact text of one consent box. Deterministic: the same inputs always give the same text. */
export function renderBox(b: BoxInput): string {
  const l = b.lang;
  const cats = b.categories.map((c) => DATA_CATEGORIES[c][l]).join(', ');
  return [
    `[notice ${b.version} ${l}]`,
    `${T.recipient[l]} : ${b.recipient.name} (${b.recipient.id})`,
    `${T.purpose[l]} : ${PURPOSES[b.purpose][l]}`,
    `${T.data[l]} : ${cats}`,
    `${T.step[l]} : ${b.protection ? protectionWords(b.protection, l) : stepWords(b.step, l)}`,
    `${T.reveals[l]} : ${b.protection ? protectedReveals(b.protection)[l] : revealsOf(b.step)[l]}`,
    `${T.duration[l]} : ${durationWords(b.durationMonths, l)}`,
    `${T.retention[l]} : ${b.retentionText[l]}`,
    T.withdraw[l],
    T.optional[l],
  ].join('\n');
}

export async function noticeHash(b: BoxInput, hash: HashFn): Promise<string> {
  return hash(utf8(canonicalJson({ text: renderBox(b) })));
}

/**
 * The consent screen for one recipient: one separate, unticked box per (step, purpose) the recipient declared (R5).
 * Steps offered are those the recipient needs, daily first, so a household can give daily without fine data.
 */
export function consentScreen(args: {
  readonly lang: Lang;
  readonly recipient: RecipientDeclaration;
  readonly steps: readonly LadderStep[];
  readonly categories: readonly DataCategory[];
  readonly durationMonths: number;
  readonly retentionText: (step: LadderStep) => Readonly<Record<Lang, string>>;
}): ConsentBox[] {
  const boxes: ConsentBox[] = [];
  for (const purpose of args.recipient.purposes) {
    for (const step of args.steps) {
      const text = renderBox({
        version: NOTICE_VERSION,
        lang: args.lang,
        recipient: args.recipient,
        purpose,
        categories: args.categories,
        step,
        durationMonths: args.durationMonths,
        retentionText: args.retentionText(step),
      });
      boxes.push({
        key: `${purpose}:${step}`,
        defaultChecked: false,
        required: false,
        step,
        purpose,
        recipient: args.recipient.id,
        categories: args.categories,
        text,
      });
    }
  }
  return boxes;
}

/** A submitted consent form: the keys of the ticked boxes. One consent per ticked box, never more (R5). */
export function scopesFromForm(boxes: readonly ConsentBox[], ticked: ReadonlySet<string>): ConsentBox[] {
  return boxes.filter((b) => ticked.has(b.key));
}
