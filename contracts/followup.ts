// `GET /api/v1/tasks`, `PATCH /api/v1/tasks/{id}` and `GET /api/v1/followup/summary`: what the pages,
// the route handlers and the browser share (issue 20).
import { z } from 'zod';
import { defineContract } from '@/contracts/contract';
import { field, formatParam, oneOf, optionalPeriodParam, periodParam, trendRange } from '@/contracts/params';
import { PROGRAMS, TASK_KINDS, TASK_OUTCOMES, TASK_STATES, type TaskState } from '@/domain/enums';

export const taskRowSchema = z.object({
  id: z.number(),
  kind: z.enum(TASK_KINDS),
  state: z.enum(TASK_STATES),
  outcome: z.enum(TASK_OUTCOMES).nullable(),
  agentCode: z.string().nullable(),
  agentName: z.string().nullable(),
  memberId: z.number().nullable(),
  memberName: z.string().nullable(),
  /** Masked: 3302••••••••1234. */
  nikMasked: z.string().nullable(),
  /** Only to the agent who serves the member; each read is in the audit log. */
  phone: z.string().nullable(),
  villageName: z.string().nullable(),
  communityId: z.number().nullable(),
  communityName: z.string().nullable(),
  /** Revisit: the month the member entered arrears (YYYY-MM), the months owed and their amount (Rupiah). */
  month: z.string().nullable(),
  monthsOwed: z.number().nullable(),
  amountOwed: z.number().nullable(),
  claimProgram: z.enum(PROGRAMS).nullable(),
  claimAmount: z.number().nullable(),
  claimPaidOn: z.string().nullable(),
  /** Only to officers and to an agent of the beneficiary's community. */
  beneficiaryName: z.string().nullable(),
  dueOn: z.string(),
  doneOn: z.string().nullable(),
  promisedOn: z.string().nullable(),
  refusalReason: z.string().nullable(),
  attendees: z.number().nullable(),
  note: z.string().nullable(),
  /** Optimistic concurrency: a PATCH names the version it read. */
  version: z.number(),
  overdue: z.boolean(),
});
export type TaskRowDto = z.infer<typeof taskRowSchema>;

export const tasksContract = defineContract({
  path: '/api/v1/tasks',
  params: z.object({ state: field<TaskState>(oneOf(TASK_STATES, 'bad_state', 'badStatus')), format: formatParam }),
  response: z.object({ rows: z.array(taskRowSchema) }),
});

/** `PATCH /api/v1/tasks/{id}`: the body is domain/followup.ts taskChangeSchema; the answer is the task. */
export const taskPatchContract = defineContract({
  path: '/api/v1/tasks',
  params: z.object({}),
  response: taskRowSchema,
});

const effectSchema = z.object({
  tasksDue: z.number(),
  tasksDoneOnTime: z.number(),
  onTimeRate: z.number().nullable(),
  revisited: z.number(),
  revisitedRecovered: z.number(),
  recoveryRate: z.number().nullable(),
  notRevisited: z.number(),
  notRevisitedRecovered: z.number(),
  recoveryRateNotRevisited: z.number().nullable(),
  uplift: z.number().nullable(),
  meetings: z.number(),
  enrolmentsAfterMeetings: z.number(),
  claimsWithoutMeeting: z.number(),
  enrolmentsAfterClaimsWithoutMeeting: z.number(),
  enrolmentsPerMeeting: z.number().nullable(),
  enrolmentsPerClaimWithoutMeeting: z.number().nullable(),
});
export type FollowupEffectDto = z.infer<typeof effectSchema>;

export const followupSummaryContract = defineContract({
  path: '/api/v1/followup/summary',
  params: z.object({ from: optionalPeriodParam, to: periodParam, format: formatParam }).transform(trendRange),
  response: z.object({
    from: z.string(),
    to: z.string(),
    asOf: z.string(),
    district: effectSchema,
    byAgent: z.array(effectSchema.extend({ code: z.string().nullable(), name: z.string().nullable() })),
    byCommunity: z.array(effectSchema.extend({ id: z.number(), name: z.string() })),
  }),
});
