// What a figure is made of (issue 19): its definition (by catalogue key), the numerator and denominator
// with their values and sources, its period, the data's as-of date, whether the month is provisional,
// and where the rows behind it are listed. One schema for the page's explain control, the v1 API's
// `explain=1` and the browser.
import { z } from 'zod';
import { INDICATORS } from '@/domain/definitions';
import { figureSchema } from '@/contracts/figures';

/** How a value reads: persons, Rupiah, a percentage or days. */
export const EXPLAIN_UNITS = ['count', 'money', 'percent', 'days'] as const;

/**
 * One side of a fraction. Its value is suppressed ("<5" / "x") exactly where the caller's figure would be;
 * null where it does not exist (a region without a workforce estimate). `year` and `source` say where a
 * reference-data denominator comes from (the workforce estimate's year and its sources).
 */
export const explanationPartSchema = z.object({
  value: figureSchema.nullable(),
  unit: z.enum(EXPLAIN_UNITS),
  year: z.number().nullable().optional(),
  source: z.string().nullable().optional(),
});
export type ExplanationPart = z.infer<typeof explanationPartSchema>;

/**
 * Whose members a figure counts: the region's, or (a supervisor's) only those their agents serve, so
 * a supervisor's coverage is their agents' share of the region's workforce.
 */
export const POPULATIONS = ['region', 'agents'] as const;
export type Population = (typeof POPULATIONS)[number];

export const explanationSchema = z.object({
  indicator: z.enum(INDICATORS),
  value: figureSchema.nullable(),
  unit: z.enum(EXPLAIN_UNITS),
  numerator: explanationPartSchema.nullable(),
  denominator: explanationPartSchema.nullable(),
  population: z.enum(POPULATIONS),
  /** The months the figure covers (one month: from = to). */
  from: z.string(),
  to: z.string(),
  /** The last day any payment, claim or enrolment was recorded; null in an empty database. */
  asOf: z.string().nullable(),
  /** The month's arrears window is still open: the figure can still change (domain/month.ts). */
  provisional: z.boolean(),
  /** The register rows behind the figure, filtered as the figure; only for roles that may see persons. */
  rowsHref: z.string().nullable(),
});
export type Explanation = z.infer<typeof explanationSchema>;
