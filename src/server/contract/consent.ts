/**
 * @module server/contract/consent
 * Answers of the household's consent, control and rights routes (routes/consent.ts, controls.ts, rights.ts): the
 * consent screens, each ledger append with its receipt, the controls, the access log and visible legal requests.
 */
import { z } from 'zod';
import { answers, fileAnswer, instant, receipted } from './common.ts';

export { receipted, type Receipted } from './common.ts';

export const noticeRef = z.object({ version: z.string(), lang: z.enum(['fr', 'en']), hash: z.string() });

export const consentBox = z.object({
  key: z.string(),
  defaultChecked: z.boolean(),
  required: z.boolean(),
  recipient: z.string(),
  purpose: z.string(),
  purposeText: z.string(),
  step: z.string(),
  stepText: z.string(),
  reveals: z.string(),
  categories: z.array(z.string()).readonly(),
  text: z.string(),
  notice: noticeRef,
});
export type ConsentBox = z.infer<typeof consentBox>;

export const consentRow = z.object({
  consentId: z.string(),
  recipient: z.string(),
  recipientName: z.string(),
  purposes: z.array(z.object({ id: z.string(), text: z.string() })),
  categories: z.array(z.string()),
  step: z.string(),
  stepText: z.string(),
  givenAt: instant,
  expiresAt: instant,
  status: z.enum(['active', 'withdrawn', 'expired', 'superseded']),
});
export type ConsentRow = z.infer<typeof consentRow>;

export const consents = z.object({
  consents: z.array(consentRow),
  screens: z.array(
    z.object({
      recipient: z.object({ id: z.string(), name: z.string(), role: z.string() }),
      boxes: z.array(consentBox),
    }),
  ),
});
export type Consents = z.infer<typeof consents>;

export const given = receipted.extend({ consentId: z.string().optional() });
export type Given = z.infer<typeof given>;

export const controlState = z.object({
  fineRecording: z.boolean(),
  recordedStep: z.string().nullable(),
  fineRetentionMonths: z.number(),
});
export const controlInfo = z.object({ id: z.string(), label: z.string(), explain: z.string(), done: z.string() });
export type ControlInfo = z.infer<typeof controlInfo>;
export const controls = z.object({
  prm: z.string(),
  state: controlState,
  /** Months of fine history actually kept: the household's extension, else the hub's rule (state says 0 then). */
  fineRetentionMonths: z.number(),
  controls: z.array(controlInfo),
});
export type Controls = z.infer<typeof controls>;
/** What the control did, as the ledger event records it (times in UTC ms). */
export const controlAction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('stop-fine-recording') }),
  z.object({ kind: z.literal('resume-fine-recording') }),
  z.object({ kind: z.literal('purge-fine-history'), deleted: z.number() }),
  z.object({ kind: z.literal('change-step'), step: z.string() }),
  z.object({
    kind: z.literal('delete-data'),
    range: z.object({ from: z.number(), to: z.number() }).nullable(),
    deleted: z.number(),
  }),
  z.object({ kind: z.literal('extend-fine-retention'), months: z.number() }),
]);
export const controlDone = receipted.extend({
  control: z.string(),
  done: z.string(),
  action: controlAction.optional(),
  state: controlState,
});
export type ControlDone = z.infer<typeof controlDone>;

export const erased = receipted.extend({ deleted: z.number() });
export type Erased = z.infer<typeof erased>;

export const accessEntry = z.object({
  entryId: z.string(),
  at: instant,
  actorKind: z.string(),
  actorId: z.string(),
  prm: z.string(),
  rangeFrom: instant,
  rangeTo: instant,
  step: z.string(),
  purpose: z.string(),
  category: z.string(),
  allowed: z.boolean(),
  /** "consent:<id>", "legal-request:<id>", "contract:<ref>", or the deny reason. */
  basis: z.string(),
  /** One line per request: every step and category it was decided on, and how many series it read. */
  steps: z.array(z.string()),
  categories: z.array(z.string()),
  reads: z.number(),
  /** The caller's name (account display name or declared recipient), null when the hub knows none. */
  actorName: z.string().nullable(),
  /** For an authority's read: the kind of authority of the legal request it rests on. */
  authorityType: z.string().nullable(),
});
export type AccessEntry = z.infer<typeof accessEntry>;
export const accessLog = z.object({ entries: z.array(accessEntry) });

export const householdLegalRow = z.object({
  reference: z.string(),
  authorityType: z.string(),
  authorityId: z.string(),
  legalBasis: z.string(),
  rangeFrom: instant,
  rangeTo: instant,
  receivedAt: instant,
  outcome: z.enum(['pending', 'accepted', 'refused']),
  decidedAt: instant.nullable(),
});
export type HouseholdLegalRow = z.infer<typeof householdLegalRow>;
export const householdLegal = z.object({ requests: z.array(householdLegalRow) });

export const consentResponses = {
  list: answers({ 200: consents }),
  give: answers({ 201: given }),
  withdraw: answers({ 200: receipted }),
  receipt: answers({ 200: fileAnswer('the signed receipt, a compact JWS (application/jose)') }),
  controls: answers({ 200: controls }),
  control: answers({ 200: controlDone }),
  export: answers({ 200: fileAnswer('the household’s data and ledger events, a ZIP file (application/zip)') }),
  erase: answers({ 200: erased }),
  accessLog: answers({ 200: accessLog }),
  legal: answers({ 200: householdLegal }),
};
