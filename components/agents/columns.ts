// The agents table's columns (the figures first, so a phone shows them beside the name), built on the server from the message catalogue (plain data).
// The secondary ones wait behind "all columns" so that the rest fits 1280 px; the agent's page shows them all.
import type { Column } from '@/components/coverage/sortable-table';
import type { Messages } from '@/i18n';
import type { Role } from '@/domain/enums';
import { can } from '@/domain/permissions';

/** The table's columns, built from the catalogue (plain data); the incentive only for roles that may see it. */
export function agentColumns(m: Messages, role: Role): Column[] {
  const a = m.agents;
  const columns: Column[] = [
    { key: 'name', label: a.name, kind: 'text' },
    { key: 'recruits', label: a.recruits, kind: 'count', explain: 'agentPerformance' },
    { key: 'target', label: a.target, kind: 'count' },
    { key: 'targetAttainment', label: a.targetAttainment, kind: 'percent', explain: 'agentPerformance' },
    { key: 'activeMembers', label: a.activeMembers, kind: 'count', explain: 'activeMembers' },
    { key: 'membersInArrears', label: a.membersInArrears, kind: 'count', explain: 'lapsedMembers' },
    {
      key: 'monthsSinceLastAcquisition',
      label: a.monthsSinceLastAcquisition,
      kind: 'count',
      // An agent who stopped (or had not started) that month is marked so, never warned about.
      flags: [
        { key: 'inactivityFlag', when: true, label: a.flagInactive },
        { key: 'agentActive', when: false, label: a.flagNotWorking, tone: 'info' },
      ],
    },
    { key: 'retention6m', label: a.retention6m, kind: 'percent', explain: 'retention' },
    { key: 'embeddedRetention6m', label: a.embeddedRetention6m, kind: 'percent', secondary: true },
    { key: 'outsideRetention6m', label: a.outsideRetention6m, kind: 'percent', secondary: true },
    { key: 'contributionsCollected', label: a.contributionsCollected, kind: 'rupiah', secondary: true, explain: 'contributionsCollected' },
    { key: 'claimsAssisted', label: a.claimsAssisted, kind: 'count', secondary: true },
    { key: 'incentive', label: a.incentive, kind: 'rupiah', secondary: true },
    { key: 'supervisor', label: a.supervisor, kind: 'text' },
    { key: 'village', label: a.village, kind: 'text' },
  ];
  return can(role, 'view:agent-income') ? columns : columns.filter((column) => column.key !== 'incentive');
}

