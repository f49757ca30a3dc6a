// `GET /api/v1/plan/agent-gaps`, `/plan/capacity`, `/plan/channels` and `/plan/scenarios`: the planning
// views (where an agent from within is missing, what a coverage target needs, which channels bring
// members who stay), shared by the route handlers, the /plan page and the browser.
import { z } from 'zod';
import { defineContract } from '@/contracts/contract';
import { figureSchema } from '@/contracts/figures';
import {
  communityParam,
  formatParam,
  optionalPeriodParam,
  periodParam,
  regionParam,
  shareParam,
  targetRateParam,
} from '@/contracts/params';
import { CHANNELS } from '@/domain/enums';

// ---------------------------------------------------------------- agent gaps

export const agentGapRowSchema = z.object({
  key: z.string(),
  /** A community, or a village × occupation (its workforce estimate gives the uncovered workers). */
  kind: z.enum(['community', 'village_occupation']),
  name: z.string(),
  villageCode: z.string(),
  village: z.string(),
  occupation: z.string().nullable(),
  /** Active agents who belong to it (for a village × occupation: to one of its communities). */
  agentsFromWithin: z.number(),
  activeMembers: figureSchema,
  membersInArrears: figureSchema,
  endedMembers: figureSchema,
  /** Informal workers of that occupation in the village (a village × occupation with an estimate). */
  workforce: z.number().nullable(),
  /** Workers not active now: workforce − active where an estimate exists, else members in arrears or ended. */
  notCovered: figureSchema,
  /** The retention gap used (6-month retention, embedded − outside agents' recruits, points) and its 95 % interval. */
  gap: z.number().nullable(),
  gapLow: z.number().nullable(),
  gapHigh: z.number().nullable(),
  /** Where the gap was measured: the village itself, or the whole region when the village's cohorts are too small. */
  gapSource: z.enum(['village', 'region']),
  embeddedCohort: figureSchema,
  embeddedRetained: figureSchema,
  outsideCohort: figureSchema,
  outsideRetained: figureSchema,
  /** notCovered × gap: members more likely still paying after 6 months had an embedded agent enrolled them. */
  likelyKept: figureSchema.nullable(),
  likelyKeptLow: figureSchema.nullable(),
  likelyKeptHigh: figureSchema.nullable(),
});
export type AgentGapRow = z.infer<typeof agentGapRowSchema>;

export const agentGapsContract = defineContract({
  path: '/api/v1/plan/agent-gaps',
  params: z.object({ period: periodParam, region: regionParam, format: formatParam }),
  response: z.object({
    period: z.string(),
    region: z.string(),
    regionName: z.string(),
    /** The region's own gap, pooled over its villages (the fallback of a small village). */
    regionGap: z.object({
      gap: z.number().nullable(),
      gapLow: z.number().nullable(),
      gapHigh: z.number().nullable(),
      embeddedCohort: figureSchema,
      embeddedRetained: figureSchema,
      outsideCohort: figureSchema,
      outsideRetained: figureSchema,
    }),
    /** The cohorts the gaps pool: enrolled in these months, retention read six months later. */
    cohortsFrom: z.string(),
    cohortsTo: z.string(),
    minLocalCohort: z.number(),
    rows: z.array(agentGapRowSchema),
  }),
});

// ---------------------------------------------------------------- capacity

const survivalPointSchema = z.object({
  k: z.number(),
  embedded: z.number().nullable(),
  outside: z.number().nullable(),
  other: z.number().nullable(),
  cohort: z.number(),
});

export const capacityInputsSchema = z.object({
  activeNow: figureSchema,
  workforce: z.number().nullable(),
  workforceYear: z.number().nullable(),
  stockSurvival: z.number().nullable(),
  stockSurvivalLow: z.number().nullable(),
  stockSurvivalHigh: z.number().nullable(),
  /** The final months whose rates the plan uses. */
  rateMonthsFrom: z.string(),
  rateMonthsTo: z.string(),
  cohortMonthsFrom: z.string(),
  survival: z.array(survivalPointSchema),
  mix: z.object({ embedded: z.number(), outside: z.number(), other: z.number() }),
  enrolments: figureSchema,
  trendEnrolments: z.number(),
  agentRecruits: figureSchema,
  agentMonths: z.number(),
  recruitsPerAgentMonth: z.number().nullable(),
  /** The region the agents' rate is measured over (a village's district). */
  agentRateRegion: z.string(),
  activeAgents: z.number(),
  /** Of the agents' recruits, the share through an agent of the recruit's own community (percent). */
  observedEmbeddedShare: z.number().nullable(),
});
export type CapacityInputsView = z.infer<typeof capacityInputsSchema>;

export const capacityContract = defineContract({
  path: '/api/v1/plan/capacity',
  params: z.object({
    period: periodParam,
    region: regionParam,
    target: targetRateParam,
    by: optionalPeriodParam,
    embedded: shareParam,
    format: formatParam,
  }),
  response: z.object({
    period: z.string(),
    region: z.string(),
    regionName: z.string(),
    /** The last final month (its arrears window closed): the plan starts after it. */
    startMonth: z.string(),
    targetRate: z.number(),
    targetMonth: z.string(),
    embeddedShare: z.number().nullable(),
    horizon: z.number(),
    inputs: capacityInputsSchema,
    answer: z
      .object({
        targetActive: z.number(),
        enrolmentsPerMonth: z.number(),
        enrolmentsPerMonthLow: z.number(),
        enrolmentsPerMonthHigh: z.number(),
        agentRecruitsPerMonth: z.number(),
        agentsNeeded: z.number().nullable(),
        trendRateAtTarget: z.number().nullable(),
        /** The same target with the observed share of embedded agents (to compare a scenario with). */
        enrolmentsPerMonthObservedMix: z.number(),
      })
      .nullable(),
    /** Why there is no answer: no workforce estimate, or no final month of data to measure rates on. */
    note: z.enum(['no_workforce', 'no_history']).nullable(),
    path: z.array(
      z.object({
        period: z.string(),
        plan: z.number().nullable(),
        trend: z.number().nullable(),
        planRate: z.number().nullable(),
        trendRate: z.number().nullable(),
      }),
    ),
    /** Active members observed month by month up to the period (provisional ones flagged). */
    history: z.array(z.object({ period: z.string(), active: figureSchema, provisional: z.boolean() })),
  }),
});
export type CapacityView = z.infer<typeof capacityContract.response>;

// ---------------------------------------------------------------- channels

const retentionCellSchema = z.object({ rate: figureSchema.nullable(), cohort: figureSchema, retained: figureSchema });

export const channelRowSchema = z.object({
  key: z.enum(CHANNELS),
  enrolments: figureSchema,
  share: figureSchema.nullable(),
  retention3m: retentionCellSchema,
  retention6m: retentionCellSchema,
  retention12m: retentionCellSchema,
  activeNow: figureSchema,
  membersInArrears: figureSchema,
  claims: figureSchema,
  membersWithClaim: figureSchema,
});
export type ChannelRow = z.infer<typeof channelRowSchema>;

export const channelsContract = defineContract({
  path: '/api/v1/plan/channels',
  params: z.object({
    from: optionalPeriodParam,
    to: periodParam,
    region: regionParam,
    community: communityParam,
    format: formatParam,
  }),
  response: z.object({
    from: z.string(),
    to: z.string(),
    region: z.string(),
    regionName: z.string(),
    community: z.object({ id: z.number(), name: z.string() }).nullable(),
    rows: z.array(channelRowSchema),
  }),
});
export type ChannelsView = z.infer<typeof channelsContract.response>;

// ---------------------------------------------------------------- scenarios

export const scenarioSchema = z.object({
  id: z.number(),
  name: z.string(),
  region: z.string(),
  regionName: z.string(),
  targetRate: z.number(),
  targetMonth: z.string(),
  embeddedShare: z.number().nullable(),
  createdAt: z.string(),
});
export type Scenario = z.infer<typeof scenarioSchema>;

export const scenariosContract = defineContract({
  path: '/api/v1/plan/scenarios',
  params: z.object({}),
  response: z.object({ rows: z.array(scenarioSchema) }),
});
