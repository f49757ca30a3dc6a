// Column sets of the coverage tables, built on the server from the message catalogue (plain data, so a
// server page can hand them to the client table).
import type { Messages } from '@/i18n';
import type { Column } from './sortable-table';

export function regionColumns(m: Messages): Column[] {
  const v = m.villages;
  return [
    { key: 'name', label: v.name, kind: 'text' },
    { key: 'coverageRate', label: v.coverageRate, kind: 'percent', notes: ['no_denominator', 'no_members'], explain: 'coverageRate' },
    { key: 'activeMembers', label: v.activeMembers, kind: 'count', explain: 'activeMembers' },
    { key: 'informalWorkforce', label: v.informalWorkforce, kind: 'count', notes: ['no_denominator'], explain: 'informalWorkforce' },
    { key: 'uncoveredWorkers', label: v.uncoveredWorkers, kind: 'count' },
    { key: 'newEnrolments', label: v.newEnrolments, kind: 'count', explain: 'newEnrolments' },
    { key: 'lapseRate', label: v.lapseRate, kind: 'percent', explain: 'lapseRate' },
    { key: 'targetRate', label: v.targetRate, kind: 'percent' },
    { key: 'targetAttainment', label: v.targetAttainment, kind: 'percent' },
  ];
}

/** Breakdowns without a denominator (communities, channels, agents, sex, age band). */
export function breakdownColumns(m: Messages, first: string): Column[] {
  const v = m.villages;
  return [
    { key: 'name', label: first, kind: 'text' },
    { key: 'activeMembers', label: v.activeMembers, kind: 'count', explain: 'activeMembers' },
    { key: 'newEnrolments', label: v.newEnrolments, kind: 'count', explain: 'newEnrolments' },
    { key: 'lapsedMembers', label: v.lapsedMembers, kind: 'count', explain: 'lapsedMembers' },
    { key: 'lapseRate', label: v.lapseRate, kind: 'percent', explain: 'lapseRate' },
    { key: 'claimsPaidCount', label: m.communities.claimsPaid, kind: 'count', explain: 'claimsPaid' },
  ];
}

/** Occupations have denominators where the reference data has them. */
export function occupationColumns(m: Messages): Column[] {
  const v = m.villages;
  return [
    { key: 'name', label: v.occupations, kind: 'text' },
    { key: 'coverageRate', label: v.coverageRate, kind: 'percent', explain: 'coverageRate' },
    { key: 'activeMembers', label: v.activeMembers, kind: 'count', explain: 'activeMembers' },
    { key: 'informalWorkforce', label: v.informalWorkforce, kind: 'count', explain: 'informalWorkforce' },
    { key: 'uncoveredWorkers', label: v.uncoveredWorkers, kind: 'count' },
    { key: 'newEnrolments', label: v.newEnrolments, kind: 'count', explain: 'newEnrolments' },
    { key: 'lapsedMembers', label: v.lapsedMembers, kind: 'count', explain: 'lapsedMembers' },
  ];
}

export function communityColumns(m: Messages): Column[] {
  const c = m.communities;
  return [
    { key: 'name', label: c.name, kind: 'text' },
    { key: 'typeName', label: c.type, kind: 'text' },
    { key: 'villageName', label: c.village, kind: 'text' },
    { key: 'members', label: c.members, kind: 'count' },
    { key: 'activeMembers', label: c.activeMembers, kind: 'count', explain: 'activeMembers' },
    { key: 'retention6m', label: c.retention6m, kind: 'percent', explain: 'retention' },
    { key: 'claimsPaidCount', label: c.claimsPaid, kind: 'count', explain: 'claimsPaid' },
    { key: 'agents', label: c.agents, kind: 'list' },
  ];
}
