import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { isPeriod } from '@/lib/indicators/month';
import { REGION_CODE_PATTERN } from '@/lib/config';
import type { AgentRow } from '@/db/queries/agents';

/** Highest monthly recruit target accepted: far above any agent's month, low enough to catch a typo. */
export const MAX_RECRUIT_TARGET = 500;

/** One agent's recruit target for a month: shared by the form and the server action. Messages are catalogue keys. */
export const agentTargetSchema = z.object({
  agentCode: z.string().regex(/^[A-Za-z0-9-]{1,32}$/, { message: 'invalidAgent' }),
  month: z.string().refine(isPeriod, { message: 'invalidMonth' }),
  recruitsTarget: z
    .string()
    .trim()
    .regex(/^\d{1,4}$/, { message: 'invalidTarget' })
    .transform(Number)
    .pipe(z.number().int().min(0, { message: 'invalidTarget' }).max(MAX_RECRUIT_TARGET, { message: 'invalidTarget' })),
});
export type AgentTargetInput = z.infer<typeof agentTargetSchema>;

export interface AgentTargetActionState {
  ok: boolean;
  message: string;
  fieldErrors?: Partial<Record<'agentCode' | 'month' | 'recruitsTarget', string>>;
}

/** The table's filters from a query string; a bad value answers 400 saying which. */
export function parseAgentFilters(params: URLSearchParams): { supervisorId?: number; villageCode?: string; communityId?: number } {
  const supervisor = params.get('supervisor');
  const village = params.get('village');
  const community = params.get('community');
  const filters: { supervisorId?: number; villageCode?: string; communityId?: number } = {};
  if (supervisor) {
    if (!/^[1-9][0-9]{0,8}$/.test(supervisor)) throw new AppError('bad_supervisor', 400, 'badSupervisor', { value: supervisor.slice(0, 20) });
    filters.supervisorId = Number(supervisor);
  }
  if (village) {
    if (!REGION_CODE_PATTERN.test(village)) throw new AppError('bad_region', 400, 'badRegion', { value: village.slice(0, 40) });
    filters.villageCode = village;
  }
  if (community) {
    if (!/^[1-9][0-9]{0,8}$/.test(community)) throw new AppError('bad_community', 400, 'badCommunity', { value: community.slice(0, 20) });
    filters.communityId = Number(community);
  }
  return filters;
}

export { isPeriod };

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
