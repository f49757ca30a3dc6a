// The figure set every summary view carries: what the pages, the API and the browser share.
import { z } from 'zod';
import { SUPPRESSED, WITHHELD, type Figure } from '@/domain/format';
import { COVERAGE_NOTES } from '@/domain/data-gaps';
import { NOWCAST_METHOD } from '@/domain/nowcast';

/** Why a region's coverage rate is null: no denominator loaded, or no member recorded in it. */
export const coverageNoteSchema = z.enum(COVERAGE_NOTES);

/**
 * A count or sum, or "<5" where a district official may not see how few persons make it, or "x" where it
 * is withheld so that such a "<5" cannot be worked out from a total (complementary suppression).
 */
export const figureSchema = z.union([z.number(), z.literal(SUPPRESSED), z.literal(WITHHELD)]) satisfies z.ZodType<Figure>;

/** The summary figures of one cell (a month, a village, a community ...) as a caller may see them. */
export const figureSetSchema = z.object({
  activeMembers: figureSchema,
  informalWorkforce: z.number().nullable(),
  coverageRate: figureSchema.nullable(),
  coverageNote: coverageNoteSchema.nullable(),
  newEnrolments: figureSchema,
  lapsedMembers: figureSchema,
  lapseRate: figureSchema.nullable(),
  contributionsCollected: figureSchema,
  claimsPaidCount: figureSchema,
  claimsPaidAmount: figureSchema,
  reactivatedMembers: figureSchema,
  endedMembers: figureSchema,
  pendingMembers: figureSchema,
});
export type FigureSet = z.infer<typeof figureSetSchema>;

/**
 * A provisional figure's expected final value and its interval (domain/nowcast.ts): the observed value
 * scaled by the median, 10th and 90th percentile of how the district's last final months completed.
 */
export const nowcastSchema = z.object({
  expected: z.number(),
  low: z.number(),
  high: z.number(),
  method: z.literal(NOWCAST_METHOD),
  /** Months from the end of the month to the data's as-of date (0 while the month runs). */
  lag: z.number().int(),
  /** How many final months the ratios come from. */
  referenceMonths: z.number().int(),
});
export type NowcastView = z.infer<typeof nowcastSchema>;

/** The nowcasts of a provisional month's figures; null where there is too little history (or the value is hidden). */
export const figureNowcastsSchema = z.object({
  activeMembers: nowcastSchema.nullable(),
  lapsedMembers: nowcastSchema.nullable(),
  contributionsCollected: nowcastSchema.nullable(),
  coverageRate: nowcastSchema.nullable(),
});
export type FigureNowcasts = z.infer<typeof figureNowcastsSchema>;
