/**
 * @module use-cases/consent/control-requests
 * The fields of the household controls as they arrive from any caller (HTTP body, command line), checked in one
 * place: each has the type it means, nothing is coerced (`"12"` is not 12 months, `"true"` is not true), and every
 * refusal names the field (`control.months`, `control.all`, `control.range.from`).
 */
import { CourantError } from '../../core/errors.ts';
import { checkRange, parseInstant, type TimeRange } from '../../core/range.ts';
import { isStep, type FixedStep } from '../../core/step.ts';
import { RETENTION_CAPS } from '../../consent/retention.ts';

const shown = (v: unknown) =>
  v === undefined
    ? 'nothing'
    : typeof v === 'string'
      ? JSON.stringify(v)
      : `${JSON.stringify(v) ?? String(v)} (${v === null ? 'null' : typeof v})`;
const invalid = (field: string, msg: string) =>
  new CourantError('INPUT_INVALID', `control.${field}: ${msg}`, { details: { where: `control.${field}` } });

/** Months of fine history kept (extend-fine-retention): an integer number from 0 to the cap. */
export function fineRetentionMonths(v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > RETENTION_CAPS.fineMonths)
    throw invalid('months', `${shown(v)} is not a whole number of months from 0 to ${RETENTION_CAPS.fineMonths}`);
  return v;
}

/** The recorded step (change-step): a fixed step, as a string. */
export function recordedStep(v: unknown): FixedStep {
  if (typeof v !== 'string' || !isStep(v) || v === 'raw')
    throw new CourantError(
      'INPUT_INVALID_STEP',
      `control.step: ${shown(v)} is not a fixed step (PT1M, PT10M, PT15M, PT30M, PT1H, P1D)`,
      { details: { where: 'control.step' } },
    );
  return v;
}

/**
 * What delete-data deletes: `{all: true}` (everything since the household moved in: null), or `{from, to}` (Paris
 * days `YYYY-MM-DD`, instants with an offset, or UTC ms). Anything else is refused, so a missing or mistyped field
 * never
 * widens the deletion to everything.
 */
export function deletionRange(body: unknown): TimeRange | null {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw invalid('range', `expected {"from": …, "to": …} or {"all": true}, got ${shown(body)}`);
  const { all, from, to } = body as Record<string, unknown>;
  if (all !== undefined && typeof all !== 'boolean') throw invalid('all', `${shown(all)} is not true or false`);
  if (all === true) {
    if (from !== undefined || to !== undefined)
      throw invalid('all', 'give either "all": true or "from" and "to", not both');
    return null;
  }
  if (from === undefined || to === undefined)
    throw invalid('range', `"${from === undefined ? 'from' : 'to'}" is missing: give "from" and "to", or "all": true`);
  return checkRange(
    { from: parseInstant(from, 'control.range.from'), to: parseInstant(to, 'control.range.to') },
    'control.range',
  );
}
