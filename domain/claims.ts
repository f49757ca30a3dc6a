import { z } from 'zod';
import { PROGRAMS, type ClaimStatus, type Program } from '@/domain/enums';

// ---------------------------------------------------------------- lifecycle

/**
 * The allowed moves of a claim. Paid and rejected are final; a claim is rejected at any step before
 * payment, and paid only after approval (BPJS verifies documents, then approves the amount).
 */
export const CLAIM_TRANSITIONS: Record<ClaimStatus, readonly ClaimStatus[]> = {
  submitted: ['verified', 'rejected'],
  verified: ['approved', 'rejected'],
  approved: ['paid', 'rejected'],
  paid: [],
  rejected: [],
};

export function canTransition(from: ClaimStatus, to: ClaimStatus): boolean {
  return CLAIM_TRANSITIONS[from].includes(to);
}

export const BENEFIT_TYPES = ['medical', 'temporary_disability', 'permanent_disability', 'death'] as const;
export type BenefitType = (typeof BENEFIT_TYPES)[number];

/** JKM pays for death only; JKK for each of its benefits. */
export function benefitTypesOf(program: Program): readonly BenefitType[] {
  return program === 'JKM' ? ['death'] : BENEFIT_TYPES;
}

// ---------------------------------------------------------------- benefit rules

export interface RateInForce {
  key: string;
  value: number;
}

export interface BenefitComponent {
  /** A reference-rate key naming the component (jkm_lump_sum, funeral, jkk_death ...). */
  key: string;
  amount: number;
}

export type BenefitRuling =
  | { kind: 'rule'; components: BenefitComponent[]; total: number }
  /** Medical care is paid as billed, without a formula or cap (PP 82/2019). */
  | { kind: 'as_billed' }
  /** The rule needs an input the claim lacks (the disability degree, the days off work, a rate). */
  | { kind: 'missing'; what: 'disabilityPercent' | 'inabilityDays' | 'rate'; key?: string };

/**
 * The amount the programme's rules give for a claim (domain-facts.md §2), from the reference rates in
 * force on the incident date:
 * - JKM death: lump sum + periodic + funeral (20 + 12 + 10 jt).
 * - JKK death: max(48 × declared income, minimum) + funeral + periodic.
 * - JKK permanent disability: 100 % = total: 56 × income + periodic; below 100 %: degree × 80 × income.
 * - JKK temporary inability (STMB): income × STMB % × days / 30.
 * - JKK medical: as billed.
 * Each component is rounded to whole Rupiah.
 */
export function benefitRuling(
  rates: readonly RateInForce[],
  claim: {
    program: Program;
    benefitType: string | null;
    declaredIncome: number;
    disabilityPercent: number | null;
    inabilityDays: number | null;
  },
): BenefitRuling {
  const byKey = new Map(rates.map((rate) => [rate.key, Number(rate.value)]));
  const missing: string[] = [];
  const r = (key: string): number => {
    const value = byKey.get(key);
    if (value === undefined) {
      missing.push(key);
      return 0;
    }
    return value;
  };
  const done = (components: BenefitComponent[]): BenefitRuling => {
    if (missing.length > 0) return { kind: 'missing', what: 'rate', key: missing[0] };
    const rounded = components.map((c) => ({ key: c.key, amount: Math.round(c.amount) }));
    return { kind: 'rule', components: rounded, total: rounded.reduce((sum, c) => sum + c.amount, 0) };
  };
  const income = claim.declaredIncome;
  if (claim.program === 'JKM') {
    return done([
      { key: 'jkm_lump_sum', amount: r('jkm_lump_sum') },
      { key: 'jkm_periodic', amount: r('jkm_periodic') },
      { key: 'funeral', amount: r('funeral') },
    ]);
  }
  switch (claim.benefitType) {
    case 'death':
      return done([
        { key: 'jkk_death', amount: Math.max(r('jkk_death_multiplier') * income, r('jkk_death_minimum')) },
        { key: 'funeral', amount: r('funeral') },
        { key: 'jkk_periodic', amount: r('jkk_periodic') },
      ]);
    case 'permanent_disability': {
      const percent = claim.disabilityPercent;
      if (percent === null) return { kind: 'missing', what: 'disabilityPercent' };
      if (percent >= 100) {
        return done([
          { key: 'jkk_total_disability', amount: r('jkk_disability_multiplier') * income },
          { key: 'jkk_periodic', amount: r('jkk_periodic') },
        ]);
      }
      return done([
        { key: 'jkk_partial_disability', amount: (percent / 100) * r('jkk_partial_disability_multiplier') * income },
      ]);
    }
    case 'temporary_disability': {
      const days = claim.inabilityDays;
      if (days === null) return { kind: 'missing', what: 'inabilityDays' };
      return done([{ key: 'stmb', amount: (income * (r('stmb_percent') / 100) * days) / 30 }]);
    }
    default:
      return { kind: 'as_billed' };
  }
}

// ---------------------------------------------------------------- forms

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

