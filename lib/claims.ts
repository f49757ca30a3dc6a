import { z } from 'zod';
import { CLAIM_STATUSES, PROGRAMS } from '@/db/schema';
import { BENEFIT_TYPES } from '@/lib/indicators/claims';

// The claim forms' input: shared by the forms and the server actions. Messages are catalogue keys of
// `claims.form`.

const isoDate = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'invalidDate' });
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: 'tooLong' })
    .optional()
    .transform((value) => (value ? value : null));
const optionalAmount = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value.replace(/^Rp\s*/i, '').replace(/\./g, '') : ''))
  .pipe(z.union([z.literal(''), z.string().regex(/^\d{1,12}$/, { message: 'invalidAmount' })]))
  .transform((value) => (value === '' ? null : Number(value)));

export const recordClaimSchema = z
  .object({
    /** The member's NIK (16 digits) or KPJ number. */
    member: z.string().trim().min(1, { message: 'memberRequired' }).max(20, { message: 'memberRequired' }),
    program: z.enum(PROGRAMS, { message: 'invalidProgram' }),
    benefitType: z.enum(BENEFIT_TYPES, { message: 'invalidBenefit' }),
    incidentDate: isoDate,
    submittedOn: isoDate,
    disabilityPercent: z
      .string()
      .trim()
      .optional()
      .transform((value) => (value ? value.replace(',', '.') : ''))
      .pipe(z.union([z.literal(''), z.string().regex(/^\d{1,3}(\.\d{1,2})?$/, { message: 'invalidPercent' })]))
      .transform((value) => (value === '' ? null : Number(value)))
      .pipe(z.number().gt(0, { message: 'invalidPercent' }).max(100, { message: 'invalidPercent' }).nullable()),
    inabilityDays: z
      .string()
      .trim()
      .optional()
      .transform((value) => value ?? '')
      .pipe(z.union([z.literal(''), z.string().regex(/^\d{1,4}$/, { message: 'invalidDays' })]))
      .transform((value) => (value === '' ? null : Number(value)))
      .pipe(z.number().int().positive({ message: 'invalidDays' }).nullable()),
    agentCode: optionalText(20),
  })
  .superRefine((value, ctx) => {
    if (value.program === 'JKM' && value.benefitType !== 'death') {
      ctx.addIssue({ code: 'custom', path: ['benefitType'], message: 'invalidBenefit' });
    }
    if (value.submittedOn < value.incidentDate) {
      ctx.addIssue({ code: 'custom', path: ['submittedOn'], message: 'submittedBeforeIncident' });
    }
    if (value.benefitType === 'permanent_disability' && value.disabilityPercent === null) {
      ctx.addIssue({ code: 'custom', path: ['disabilityPercent'], message: 'percentRequired' });
    }
    if (value.benefitType === 'temporary_disability' && value.inabilityDays === null) {
      ctx.addIssue({ code: 'custom', path: ['inabilityDays'], message: 'daysRequired' });
    }
  });
export type RecordClaimInput = z.infer<typeof recordClaimSchema>;

/** The steps an officer takes on a claim (the target status). */
export const CLAIM_STEPS = ['verified', 'approved', 'paid', 'rejected'] as const;
export type ClaimStep = (typeof CLAIM_STEPS)[number];

export const claimStepSchema = z
  .object({
    number: z.string().trim().regex(/^[A-Z0-9-]{3,40}$/, { message: 'invalidNumber' }),
    version: z.coerce.number().int().positive({ message: 'invalidVersion' }),
    to: z.enum(CLAIM_STEPS, { message: 'invalidStep' }),
    date: isoDate,
    amount: optionalAmount,
    amountOverrideReason: optionalText(500),
    coverageOverrideReason: optionalText(500),
    rejectionReason: optionalText(500),
  })
  .superRefine((value, ctx) => {
    if (value.to === 'rejected' && !value.rejectionReason) {
      ctx.addIssue({ code: 'custom', path: ['rejectionReason'], message: 'rejectionReasonRequired' });
    }
  });
export type ClaimStepInput = z.infer<typeof claimStepSchema>;

export type ClaimFormField =
  | 'member'
  | 'program'
  | 'benefitType'
  | 'incidentDate'
  | 'submittedOn'
  | 'disabilityPercent'
  | 'inabilityDays'
  | 'agentCode'
  | 'date'
  | 'amount'
  | 'amountOverrideReason'
  | 'coverageOverrideReason'
  | 'rejectionReason';

export interface ClaimActionState {
  ok: boolean;
  message: string;
  fieldErrors?: Partial<Record<ClaimFormField, string>>;
  /** The claim recorded or moved (its number), to link to. */
  number?: string;
}

export const CLAIM_SORTS = ['number', 'submittedOn', 'incidentDate', 'paidOn', 'amount', 'status', 'village', 'program'] as const;
export type ClaimSort = (typeof CLAIM_SORTS)[number];

export { CLAIM_STATUSES, PROGRAMS };
