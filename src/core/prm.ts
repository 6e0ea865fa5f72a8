/**
 * @module core/prm
 * A usage point ("point de référence mesure", PRM, also PDL) is identified by exactly 14 digits.
 */
import { CourantError } from './errors.ts';

declare const prmBrand: unique symbol;
/** A validated 14-digit usage point identifier. */
export type Prm = string & { readonly [prmBrand]: true };

const PRM_RE = /^\d{14}$/;

export function isPrm(value: unknown): value is Prm {
  return typeof value === 'string' && PRM_RE.test(value);
}

/**
 * Validate a usage point identifier.
 * @param where names the place the value came from (e.g. "--prm", "query.prm", "line 4") for the error message.
 * @example parsePrm('09999999999999') // ok
 */
export function parsePrm(value: unknown, where = 'prm'): Prm {
  if (isPrm(value)) return value;
  const shown =
    typeof value === 'string' ? JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value) : String(value);
  throw new CourantError(
    'INPUT_INVALID_PRM',
    `${where}: ${shown} is not a usage point identifier (PRM): expected exactly 14 digits`,
    {
      details: { where },
    },
  );
}

/** The PRM the bundled demo household uses: clearly fake (all nines then 01). */
export const DEMO_PRM = '99999999999901' as Prm;
/** How the demo household is named on screen. */
export const DEMO_LABEL = { fr: 'Démo — maison de Sceaux (UCI, 2007)', en: 'Demo — house in Sceaux (UCI, 2007)' };

/**
 * The PRM of the synthetic demo household: the UCI house's days laid onto today's calendar
 * (adapters/demo/synthetic.ts). Clearly fake like the demo's, one apart from it.
 */
export const SYNTHETIC_DEMO_PRM = '99999999999902' as Prm;
/** How the synthetic demo household is named on screen: never presented as measurements. */
export const SYNTHETIC_DEMO_LABEL = {
  fr: 'Démo synthétique — foyer fictif sur le calendrier actuel (journées de la maison de Sceaux, UCI 2007)',
  en: 'Synthetic demo — fictitious household on the current calendar (days of the Sceaux house, UCI 2007)',
};

/** The bundled demo usage points: public or synthetic data, nobody's personal data. */
export function isDemoPrm(prm: string): boolean {
  return prm === DEMO_PRM || prm === SYNTHETIC_DEMO_PRM;
}
