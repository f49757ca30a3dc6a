// `GET /api/v1/coverage`, `/trend` and `/communities`: what the pages, the route handlers and the browser share.
import { z } from 'zod';
import { defineContract } from '@/contracts/contract';
import { coverageNoteSchema, figureSchema, figureSetSchema } from '@/contracts/figures';
import {
  communityParam,
  field,
  flagParam,
  formatParam,
  optionalPeriodParam,
  oneOf,
  periodParam,
  regionParam,
  summaryMetricParam,
  trendRange,
} from '@/contracts/params';
import { SUMMARY_METRICS } from '@/domain/summary-metrics';
import { explanationSchema } from '@/contracts/explain';

/** The groupings `by=` accepts. */
export const COVERAGE_BY = ['village', 'community', 'occupation', 'channel', 'agent', 'sex', 'ageBand'] as const;
export type CoverageBy = (typeof COVERAGE_BY)[number];

/** One group's figures; the workforce and coverage rate only where the group has a workforce estimate. */
export const coverageRowSchema = figureSetSchema.extend({
  key: z.string(),
  name: z.string(),
  informalWorkforce: z.number().nullable().optional(),
  coverageRate: figureSchema.nullable().optional(),
  coverageNote: coverageNoteSchema.nullable().optional(),
  uncoveredWorkers: figureSchema.nullable().optional(),
  targetRate: z.number().nullable().optional(),
  targetAttainment: figureSchema.nullable().optional(),
});
export type CoverageRow = z.infer<typeof coverageRowSchema>;

const coverageResponseSchema = z.object({
  rows: z.array(coverageRowSchema),
  period: z.string(),
  region: z.string(),
  by: z.enum(COVERAGE_BY),
  /**
   * With `explain=1`: each row's headline figure explained, by row key: its coverage rate where the
   * grouping has a denominator (villages, occupations), else its active members.
   */
  explanations: z.record(z.string(), explanationSchema).optional(),
  /** The month's arrears window is still open: its member figures may still change. */
  provisional: z.boolean(),
});

export const coverageContract = defineContract({
  path: '/api/v1/coverage',
  params: z.object({
    period: periodParam,
    by: field<CoverageBy, CoverageBy>(oneOf(COVERAGE_BY, 'bad_grouping', 'badGrouping'), () => 'village'),
    community: communityParam,
    region: regionParam,
    explain: flagParam,
    format: formatParam,
  }),
  response: coverageResponseSchema,
});

export const trendViewSchema = z.object({
  metric: z.enum(SUMMARY_METRICS),
  region: z.string(),
  from: z.string(),
  to: z.string(),
  /** `provisional`: the month's arrears window is still open at the data's as-of date. */
  points: z.array(z.object({ period: z.string(), value: figureSchema.nullable(), provisional: z.boolean() })),
});
export type TrendView = z.infer<typeof trendViewSchema>;

export const trendContract = defineContract({
  path: '/api/v1/trend',
  params: z
    .object({ metric: summaryMetricParam, from: optionalPeriodParam, to: periodParam, region: regionParam, format: formatParam })
    .transform(trendRange),
  response: trendViewSchema,
});

export const communityRowSchema = z.object({
  id: z.number(),
  name: z.string(),
  type: z.string(),
  villageCode: z.string(),
  villageName: z.string(),
  agents: z.array(z.string()),
  members: figureSchema,
  activeMembers: figureSchema,
  retention6m: figureSchema.nullable(),
  claimsPaidCount: figureSchema,
  claimsPaidAmount: figureSchema,
  newEnrolments: figureSchema,
  lapsedMembers: figureSchema,
});
export type CommunityRow = z.infer<typeof communityRowSchema>;

/** A community row as the list and the API give it, with its type named in the caller's language. */
export const communityListRowSchema = communityRowSchema.extend({ key: z.string(), typeName: z.string() });
export type CommunityListRow = z.infer<typeof communityListRowSchema>;

export const communitiesContract = defineContract({
  path: '/api/v1/communities',
  params: z.object({ period: periodParam, region: regionParam, id: communityParam, format: formatParam }),
  // The month of the figures, as every other view names it (a heading can be checked against it).
  response: z.object({ rows: z.array(communityListRowSchema), period: z.string() }),
});
