// `GET /api/v1/agents` and `/agents/{code}`: what the pages, the route handlers and the browser share.
import { z } from 'zod';
import { defineContract } from '@/contracts/contract';
import { figureSchema } from '@/contracts/figures';
import { communityParam, flagParam, formatParam, periodParam, regionParam, supervisorParam } from '@/contracts/params';
import { explanationSchema } from '@/contracts/explain';
import { MEMBER_STATUSES } from '@/domain/enums';

/** A rate with the persons behind it, so a reader can judge it. */
export const countedRateSchema = z.object({
  rate: figureSchema.nullable(),
  cohort: figureSchema,
  retained: figureSchema,
});
export type CountedRate = z.infer<typeof countedRateSchema>;

export const agentRowSchema = z.object({
  key: z.string(),
  code: z.string(),
  name: z.string(),
  supervisor: z.string().nullable(),
  supervisorId: z.number().nullable(),
  village: z.string(),
  villageCode: z.string(),
  communities: z.array(z.string()),
  recruits: figureSchema,
  activeMembers: figureSchema,
  retention6m: figureSchema.nullable(),
  retention6mCohort: figureSchema,
  membersInArrears: figureSchema,
  membersInArrearsPreviousMonth: figureSchema,
  arrearsRising: z.boolean(),
  contributionsCollected: figureSchema,
  claimsAssisted: figureSchema,
  target: z.number().nullable(),
  targetAttainment: figureSchema.nullable(),
  behindTarget: z.boolean(),
  lastAcquisition: z.string().nullable(),
  monthsSinceLastAcquisition: z.number(),
  /** The agent worked in the month (active_from .. active_to overlaps it); an agent who stopped keeps their figures but no flags. */
  agentActive: z.boolean(),
  /** At or past the three months without acquisition after which BPJS cuts an agent. */
  inactivityFlag: z.boolean(),
  /** One month short of it. */
  nearInactivity: z.boolean(),
  /** The agent's income: absent for a role without `view:agent-income`. */
  acquisitionBonus: figureSchema.optional(),
  collectionFee: figureSchema.optional(),
  incentive: figureSchema.optional(),
  embeddedRetention6m: figureSchema.nullable(),
  embeddedCohort: figureSchema,
  embeddedRetained: figureSchema,
  outsideRetention6m: figureSchema.nullable(),
  outsideCohort: figureSchema,
  outsideRetained: figureSchema,
});
export type AgentRow = z.infer<typeof agentRowSchema>;

export const trustFiguresSchema = z.object({
  embedded: countedRateSchema,
  outside: countedRateSchema,
  noCommunity: countedRateSchema,
});
export type TrustFigures = z.infer<typeof trustFiguresSchema>;

const option = <K extends z.ZodType>(key: K) => z.array(z.object({ id: key, name: z.string() }));

export const agentListViewSchema = z.object({
  period: z.string(),
  region: z.string(),
  regionName: z.string(),
  rows: z.array(agentRowSchema),
  /** The district's (the caller's agents') embedded-vs-outside retention: sums of the rows' counts. */
  trust: trustFiguresSchema,
  /** With `explain=1`: what each trust rate is made of (retained over cohort, the months measured). */
  explanations: z.object({ embedded: explanationSchema, outside: explanationSchema, noCommunity: explanationSchema }).optional(),
  options: z.object({
    supervisors: option(z.number()),
    villages: z.array(z.object({ code: z.string(), name: z.string() })),
    communities: option(z.number()),
  }),
});
export type AgentListView = z.infer<typeof agentListViewSchema>;

export const agentArrearsMemberSchema = z.object({
  id: z.number(),
  nikMasked: z.string(),
  name: z.string(),
  village: z.string(),
  community: z.string().nullable(),
  lastCoveredMonth: z.string().nullable(),
});
export type AgentArrearsMember = z.infer<typeof agentArrearsMemberSchema>;

export const agentClaimSchema = z.object({
  number: z.string(),
  program: z.string(),
  status: z.string(),
  submittedOn: z.string(),
  paidOn: z.string().nullable(),
  turnaroundDays: z.number().nullable(),
});
export type AgentClaim = z.infer<typeof agentClaimSchema>;

export const agentSeriesPointSchema = z.object({
  period: z.string(),
  recruits: figureSchema,
  activeMembers: figureSchema,
  membersInArrears: figureSchema,
  contributionsCollected: figureSchema,
  claimsAssisted: figureSchema,
  target: z.number().nullable(),
  /** Absent for a role without `view:agent-income`. */
  incentive: figureSchema.optional(),
});
export type AgentSeriesPoint = z.infer<typeof agentSeriesPointSchema>;

export const agentDetailSchema = agentRowSchema.extend({
  activeFrom: z.string(),
  activeTo: z.string().nullable(),
  communityList: z.array(z.object({ id: z.number(), name: z.string(), belongs: z.boolean(), members: figureSchema })),
  series: z.array(agentSeriesPointSchema),
  statusMix: z.record(z.enum(MEMBER_STATUSES), figureSchema),
  /** Members in arrears to revisit: only for roles that may see personal data (else null). */
  arrears: z.array(agentArrearsMemberSchema).nullable(),
  /** Claims assisted in the twelve months to the period (null for aggregate-only roles). */
  claims: z.array(agentClaimSchema).nullable(),
  claimsCount: figureSchema,
  turnaroundMedianDays: z.number().nullable(),
});
export type AgentDetail = z.infer<typeof agentDetailSchema>;

/** The table's filters as they stand in the URL and in the API. */
const agentFilterParams = {
  supervisor: supervisorParam,
  village: regionParam,
  community: communityParam,
};
export const AGENT_FILTER_KEYS = ['supervisor', 'village', 'community'] as const;

export const agentsContract = defineContract({
  path: '/api/v1/agents',
  params: z.object({ period: periodParam, ...agentFilterParams, explain: flagParam, format: formatParam }),
  response: agentListViewSchema,
});

/** `GET /api/v1/agents/{code}`: `path` is the stem; the code follows it. */
export const agentContract = defineContract({
  path: '/api/v1/agents',
  params: z.object({ period: periodParam, format: formatParam }),
  response: agentDetailSchema.extend({ period: z.string() }),
});

/** What the attention lists read of an agent's row. */
export const ATTENTION_FIELDS = [
  'code',
  'name',
  'recruits',
  'target',
  'targetAttainment',
  'behindTarget',
  'membersInArrears',
  'membersInArrearsPreviousMonth',
  'arrearsRising',
  'inactivityFlag',
  'nearInactivity',
  'monthsSinceLastAcquisition',
] as const satisfies readonly (keyof AgentRow)[];
/** An agent as the attention lists (the agents page, a supervisor's overview) see it. */
export type AttentionRow = Pick<AgentRow, (typeof ATTENTION_FIELDS)[number]>;
