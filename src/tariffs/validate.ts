/**
 * @module tariffs/validate
 * Checks a user's offers file (JSON, same shape as `prices.ts`) with zod and the rules zod cannot say: known
 * option, one price for every class of the option, per-power prices (`energyByKva`) only for subscribed powers and
 * the option's classes, non-overlapping validity periods, valid off-peak ranges.
 */
import { z } from 'zod';
import { CourantError } from '../core/errors.ts';
import { OPTION_CLASSES, PRICE_CLASSES, type Offer, type PriceClass } from './model.ts';
import { minuteOf } from './offpeak.ts';

const range = z.object({ from: z.string(), to: z.string() });
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const offerSchema = z.object({
  id: z.string().min(1),
  label: z.object({ fr: z.string(), en: z.string() }),
  option: z.enum(['base', 'hphc', 'tempo', 'ejp']),
  offpeak: z.object({ ranges: z.array(range), byWeekday: z.record(z.string(), z.array(range)).optional() }).optional(),
  closedToNewCustomers: z.boolean().optional(),
  periods: z
    .array(
      z.object({
        from: date,
        to: date.optional(),
        energy: z.partialRecord(z.enum(PRICE_CLASSES), z.number().nonnegative()),
        energyByKva: z.record(z.string(), z.partialRecord(z.enum(PRICE_CLASSES), z.number().nonnegative())).optional(),
        subscription: z.record(z.string(), z.number().nonnegative()),
        taxesIncluded: z.boolean(),
        taxes: z.object({ excisePerKwh: z.number(), ctaRate: z.number(), vatRate: z.number() }).optional(),
        source: z.string(),
        verified: z.boolean().default(false),
      }),
    )
    .min(1),
});

export function validateOffers(input: unknown, where = 'offers'): Offer[] {
  const r = z.array(offerSchema).safeParse(input);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new CourantError(
      'TARIFF_INVALID',
      `${where}${i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}: ${i.message}`,
    );
  }
  const offers = r.data as unknown as Offer[];
  offers.forEach((o, k) => {
    const at = `${where}[${k}] (${o.id})`;
    for (const [pi, p] of o.periods.entries()) {
      for (const cls of OPTION_CLASSES[o.option])
        if (p.energy[cls] === undefined)
          throw new CourantError('TARIFF_INVALID', `${at}.periods[${pi}].energy: no price for ${cls}`);
      for (const [kva, prices] of Object.entries(p.energyByKva ?? {})) {
        const here = `${at}.periods[${pi}].energyByKva.${kva}`;
        // a per-power price for a power the period cannot subscribe is a typo ("6 ", "6kVA") or a missing subscription
        if (p.subscription[kva] === undefined)
          throw new CourantError(
            'TARIFF_INVALID',
            `${here}: no subscription price for ${JSON.stringify(kva)} kVA in this period (known: ${Object.keys(p.subscription).join(', ')})`,
          );
        const classes = Object.keys(prices);
        if (classes.length === 0)
          throw new CourantError(
            'TARIFF_INVALID',
            `${here}: no price (give at least one of ${OPTION_CLASSES[o.option].join(', ')})`,
          );
        for (const cls of classes)
          if (!OPTION_CLASSES[o.option].includes(cls as PriceClass))
            throw new CourantError(
              'TARIFF_INVALID',
              `${here}.${cls}: not a price class of a ${o.option} offer (${OPTION_CLASSES[o.option].join(', ')})`,
            );
      }
      if (!p.taxesIncluded && !p.taxes)
        throw new CourantError('TARIFF_INVALID', `${at}.periods[${pi}]: prices before tax need "taxes"`);
    }
    const sorted = [...o.periods].sort((a, b) => (a.from < b.from ? -1 : 1));
    for (let i = 1; i < sorted.length; i++)
      if (sorted[i - 1]!.to === undefined || sorted[i - 1]!.to! > sorted[i]!.from)
        throw new CourantError(
          'TARIFF_INVALID',
          `${at}.periods: the period from ${sorted[i - 1]!.from} overlaps the one from ${sorted[i]!.from}`,
        );
    if (o.option === 'hphc' && !o.offpeak)
      throw new CourantError('TARIFF_INVALID', `${at}.offpeak: an HP/HC offer needs off-peak ranges`);
    for (const r2 of [...(o.offpeak?.ranges ?? []), ...Object.values(o.offpeak?.byWeekday ?? {}).flat()]) {
      minuteOf(r2.from, `${at}.offpeak.from`);
      minuteOf(r2.to, `${at}.offpeak.to`);
    }
  });
  return offers;
}
