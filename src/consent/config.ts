/**
 * @module consent/config
 * The `consent` block of the configuration: controller identity, retention rules (R14, capped) and consent durations,
 * mounted in config/schema.ts as `consent`. Third parties are registered clients (oauth/clients.ts), not configuration.
 */
import { z } from 'zod';
import { DEFAULT_RETENTION, RETENTION_CAPS } from './retention.ts';

export const consentConfigSchema = z
  .object({
    controller: z
      .object({
        name: z
          .string()
          .min(1)
          .default('Opérateur du hub courant')
          .describe('Name of the data controller shown on receipts and in the register.'),
        contact: z
          .string()
          .min(1)
          .default('contact@courant.invalid')
          .describe('Contact of the controller (e-mail or address).'),
      })
      .strict()
      .default({ name: 'Opérateur du hub courant', contact: 'contact@courant.invalid' }),
    recipients: z
      .unknown()
      .optional()
      .refine((v) => v === undefined, {
        message:
          'recipients are registered clients now: remove consent.recipients and register each one with `courant client register` (see docs/third-party.md)',
      })
      .describe('Removed: third parties are registered clients (`courant client register`, docs/third-party.md).'),
    retention: z
      .object({
        fineMonths: z.number().int().min(1).max(RETENTION_CAPS.fineMonths).default(DEFAULT_RETENTION.fineMonths),
        dailyMonths: z.number().int().min(1).max(RETENTION_CAPS.dailyMonths).default(DEFAULT_RETENTION.dailyMonths),
        monthlyMonths: z
          .number()
          .int()
          .min(1)
          .max(RETENTION_CAPS.monthlyMonths)
          .default(DEFAULT_RETENTION.monthlyMonths),
      })
      .strict()
      .default({ ...DEFAULT_RETENTION })
      .describe('Retention in months per granularity; the caps come from the rulebook (R14) and cannot be exceeded.'),
  })
  .strict();

export type ConsentConfig = z.infer<typeof consentConfigSchema>;
export const DEFAULT_CONSENT_CONFIG: ConsentConfig = consentConfigSchema.parse({});
