// `GET /api/v1/agents` and `/agents/{code}`: what the pages, the route handlers and the browser share.
import { AppError } from '@/domain/errors';
import { REGION_CODE_PATTERN } from '@/domain/regions';
import type { Figure } from '@/domain/format';
import type { MemberStatus } from '@/domain/enums';

export interface AgentListView {
  period: string;
  region: string;
  regionName: string;
  rows: AgentRow[];
  /** The district's (the caller's agents') embedded-vs-outside retention: sums of the rows' counts. */
  trust: TrustFigures;
  options: {
    supervisors: Array<{ id: number; name: string }>;
    villages: Array<{ code: string; name: string }>;
    communities: Array<{ id: number; name: string }>;
  };
}

/** A rate with the persons behind it, so a reader can judge it. */
export interface CountedRate {
  rate: Figure | null;
  cohort: Figure;
  retained: Figure;
}

export interface AgentDetail extends AgentRow {
  activeFrom: string;
  activeTo: string | null;
  communityList: Array<{ id: number; name: string; belongs: boolean; members: Figure }>;
  series: AgentSeriesPoint[];
  statusMix: Record<MemberStatus, Figure>;
  /** Members in arrears to revisit: only for roles that may see personal data (else null). */
  arrears: AgentArrearsMember[] | null;
  /** Claims assisted in the twelve months to the period (null for aggregate-only roles). */
  claims: AgentClaim[] | null;
  claimsCount: Figure;
  turnaroundMedianDays: number | null;
}

export interface AgentRow {
  key: string;
  code: string;
  name: string;
  supervisor: string | null;
  supervisorId: number | null;
  village: string;
  villageCode: string;
  communities: string[];
  recruits: Figure;
  activeMembers: Figure;
  retention6m: Figure | null;
  retention6mCohort: Figure;
  membersInArrears: Figure;
  membersInArrearsPreviousMonth: Figure;
  arrearsRising: boolean;
  contributionsCollected: Figure;
  claimsAssisted: Figure;
  target: number | null;
  targetAttainment: Figure | null;
  behindTarget: boolean;
  lastAcquisition: string | null;
  monthsSinceLastAcquisition: number;
  /** The agent worked in the month (active_from .. active_to overlaps it); an agent who stopped keeps their figures but no flags. */
  agentActive: boolean;
  /** At or past the three months without acquisition after which BPJS cuts an agent. */
  inactivityFlag: boolean;
  /** One month short of it. */
  nearInactivity: boolean;
  /** The agent's income: absent for a role without `view:agent-income`. */
  acquisitionBonus?: Figure;
  collectionFee?: Figure;
  incentive?: Figure;
  embeddedRetention6m: Figure | null;
  embeddedCohort: Figure;
  embeddedRetained: Figure;
  outsideRetention6m: Figure | null;
  outsideCohort: Figure;
  outsideRetained: Figure;
}

export interface AgentArrearsMember {
  id: number;
  nikMasked: string;
  name: string;
  village: string;
  community: string | null;
  lastCoveredMonth: string | null;
}

export interface AgentClaim {
  number: string;
  program: string;
  status: string;
  submittedOn: string;
  paidOn: string | null;
  turnaroundDays: number | null;
}

export interface AgentSeriesPoint {
  period: string;
  recruits: Figure;
  activeMembers: Figure;
  membersInArrears: Figure;
  contributionsCollected: Figure;
  claimsAssisted: Figure;
  target: number | null;
  /** Absent for a role without `view:agent-income`. */
  incentive?: Figure;
}

export interface TrustFigures {
  embedded: CountedRate;
  outside: CountedRate;
  noCommunity: CountedRate;
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
