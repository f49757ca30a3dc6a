// `GET /api/v1/claims` and `/claims/summary`: what the pages, the route handlers and the browser share.
import { z } from 'zod';
import { defineContract } from '@/contracts/contract';
import { figureSchema } from '@/contracts/figures';
import {
  agentCodeParam,
  claimRange,
  claimSortParam,
  claimStatusParam,
  communityParam,
  directionParam,
  formatParam,
  optionalPeriodParam,
  pageParam,
  programParam,
  flagParam,
  field,
  oneOf,
  regionParam,
} from '@/contracts/params';
import { explanationSchema } from '@/contracts/explain';
import { CLAIM_STATUSES, PROGRAMS } from '@/domain/enums';

export const CLAIM_BASES = ['submitted', 'paid'] as const;
export type ClaimBasis = (typeof CLAIM_BASES)[number];

const program = z.enum(PROGRAMS);
const status = z.enum(CLAIM_STATUSES);

export const claimsSummarySchema = z.object({
  from: z.string(),
  to: z.string(),
  region: z.string(),
  byProgram: z.array(z.object({ program, count: figureSchema, amount: figureSchema })),
  byStatus: z.array(z.object({ status, count: figureSchema })),
  turnaroundMedianDays: figureSchema.nullable(),
  turnaroundP90Days: figureSchema.nullable(),
  approvalRate: figureSchema.nullable(),
  paidCount: figureSchema,
  paidAmount: figureSchema,
  byMonth: z.array(z.object({ period: z.string(), program, count: figureSchema, amount: figureSchema })),
  /** Payouts against contributions collected, month by month (the summary series). */
  payoutsVsContributions: z.array(
    z.object({ period: z.string(), claimsPaidAmount: figureSchema, contributionsCollected: figureSchema }),
  ),
  byVillage: z.array(
    z.object({ code: z.string(), name: z.string(), paidCount: figureSchema, paidAmount: figureSchema, submittedCount: figureSchema }),
  ),
  rejectionReasons: z.array(z.object({ reason: z.string(), count: figureSchema })),
  solidarity: z.object({
    claims: figureSchema,
    enrolmentsAfter: figureSchema,
    baseline: figureSchema,
    effect: figureSchema.nullable(),
    claimsAboveBaseline: figureSchema,
  }),
  /** With `explain=1`: what each headline figure is made of (contracts/explain.ts). */
  explanations: z
    .object({
      paidCount: explanationSchema,
      paidAmount: explanationSchema,
      turnaroundMedianDays: explanationSchema,
      turnaroundP90Days: explanationSchema,
      approvalRate: explanationSchema,
    })
    .optional(),
});
export type ClaimsSummary = z.infer<typeof claimsSummarySchema>;

/** A register row. Personal columns are left out entirely for roles without personal data. */
export const claimListRowSchema = z.object({
  number: z.string(),
  program,
  benefitType: z.string().nullable(),
  status,
  villageCode: z.string(),
  villageName: z.string(),
  incidentDate: z.string(),
  submittedOn: z.string(),
  paidOn: z.string().nullable(),
  amount: z.number().nullable(),
  coveredAtIncident: z.boolean(),
  memberName: z.string().optional(),
  nikMasked: z.string().optional(),
  communityName: z.string().nullable().optional(),
  agentCode: z.string().nullable().optional(),
});
export type ClaimListRow = z.infer<typeof claimListRowSchema>;

export const claimsListSchema = z.object({
  rows: z.array(claimListRowSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  from: z.string(),
  to: z.string(),
});
export type ClaimsList = z.infer<typeof claimsListSchema>;

const summaryFilters = { program: programParam, region: regionParam, from: optionalPeriodParam, to: optionalPeriodParam };

/** The register: claims submitted in from..to (default the latest complete month), filtered, sorted, paged. */
export const claimsContract = defineContract({
  path: '/api/v1/claims',
  params: z
    .object({
      ...summaryFilters,
      status: claimStatusParam,
      /** Which date from..to reads: the submission (default) or the payment (the claims paid, as the payouts count them). */
      basis: field<ClaimBasis, ClaimBasis>(oneOf(CLAIM_BASES, 'bad_basis', 'badBasis'), () => 'submitted'),
      community: communityParam,
      agent: agentCodeParam,
      sort: claimSortParam,
      dir: directionParam,
      page: pageParam,
      format: formatParam,
    })
    .transform(claimRange),
  response: claimsListSchema,
});

export const claimsSummaryContract = defineContract({
  path: '/api/v1/claims/summary',
  params: z.object({ ...summaryFilters, explain: flagParam, format: formatParam }).transform(claimRange),
  response: claimsSummarySchema,
});
