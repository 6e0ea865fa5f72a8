/**
 * @module consent/config
 * The `consent` block of the configuration: controller identity, declared recipients and their purposes (R8),
 * retention rules (R14, capped) and consent durations. The lead mounts it in config/schema.ts as `consent`.
 */
import { z } from 'zod';
import { PURPOSES, type PurposeId } from './model.ts';
import { DEFAULT_RETENTION, RETENTION_CAPS } from './retention.ts';

const purposeIds = Object.keys(PURPOSES) as [PurposeId, ...PurposeId[]];

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
      .array(
        z
          .object({
            id: z
              .string()
              .regex(/^[a-z0-9][a-z0-9-]{1,62}$/)
              .describe('Stable identifier of the third party.'),
            name: z.string().min(1),
            role: z.enum(['service', 'supplier', 'research', 'operator']),
            purposes: z
              .array(z.enum(purposeIds))
              .min(1)
              .describe('Purposes this party actually pursues (R8). Nothing else can be consented to.'),
            contact: z.string().optional(),
          })
          .strict(),
      )
      .default([])
      .describe(
        'Third parties a household may choose to share data with. Empty by default: a fresh install shares nothing.',
      ),
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
