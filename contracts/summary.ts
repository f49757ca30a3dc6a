// `GET /api/v1/summary`: what the page, the route handler and the browser share.
import { z } from 'zod';
import { defineContract } from '@/contracts/contract';
import { figureNowcastsSchema, figureSetSchema } from '@/contracts/figures';
import { flagParam, formatParam, periodParam, regionParam } from '@/contracts/params';
import { explanationSchema, POPULATIONS } from '@/contracts/explain';

/** True while the month's arrears window is open at the data's as-of date (PRODUCT.md "Provisional month"). */
const provisional = z.boolean();

const comparedMonth = figureSetSchema.extend({ period: z.string(), provisional });

/** With `explain=1`: what each card's figure is made of (contracts/explain.ts). */
export const summaryExplanationsSchema = z.object({
  activeMembers: explanationSchema,
  coverageRate: explanationSchema,
  newEnrolments: explanationSchema,
  lapsedMembers: explanationSchema,
  lapseRate: explanationSchema,
  reactivatedMembers: explanationSchema,
  contributionsCollected: explanationSchema,
  claimsPaidAmount: explanationSchema,
});
export type SummaryExplanations = z.infer<typeof summaryExplanationsSchema>;

/** The v1 summary contract (PRODUCT.md); figures may be "<5" for a district official. */
export const summaryViewSchema = figureSetSchema.extend({
  period: z.string(),
  region: z.string(),
  regionName: z.string(),
  /** Null when no estimate is loaded for the region (see `coverageNote`). */
  informalWorkforce: z.number().nullable(),
  provisional,
  /** The last day on which the month's figures can still change. */
  provisionalUntil: z.string(),
  /** The last day any payment, claim or enrolment was recorded (null with no data). */
  dataAsOf: z.string().nullable(),
  /** With `nowcast=1`, for a provisional month: the expected final values beside the observed ones. */
  nowcast: figureNowcastsSchema.nullable(),
  /** With `compare`: the same figures for the previous month and the same month a year before. */
  previousMonth: comparedMonth.optional(),
  sameMonthLastYear: comparedMonth.optional(),
  /** Whose members the figures count: a supervisor's are their agents' members only (`agents`). */
  population: z.enum(POPULATIONS),
  /** Nothing at all recorded in the scope by the month's end: the page says "no data", not 0. */
  noData: z.boolean(),
  explanations: summaryExplanationsSchema.optional(),
});
export type SummaryView = z.infer<typeof summaryViewSchema>;

export const summaryContract = defineContract({
  path: '/api/v1/summary',
  params: z.object({ period: periodParam, region: regionParam, compare: flagParam, explain: flagParam, nowcast: flagParam, format: formatParam }),
  response: summaryViewSchema,
});
