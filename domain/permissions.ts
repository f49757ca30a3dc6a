// Roles are data: one table of role → permissions, one `can()` used by the UI to hide and by the data
// layer to refuse.
import type { Role } from '@/domain/enums';

export const PERMISSIONS = [
  'view:aggregates',
  'view:personal-data',
  'reveal:nik',
  'import:data',
  'export:data',
  'manage:users',
  'manage:reference-data',
  /** Communities and Perisai agents: the office's field network, kept by officers within their region too. */
  'manage:field-network',
  'manage:targets',
  'view:audit-log',
  'manage:claims',
  'manage:reports',
  /** An agent's incentive (bonus and collection fee) is their income: not for the district. */
  'view:agent-income',
  /** The planning page: where to recruit agents from within, what a coverage target needs, channels. */
  'plan:coverage',
  /** An agent's own worklist: the follow-up tasks assigned to them, the members they serve, their figures. */
  'work:own-tasks',
  /** Follow-up tasks of others: the list, adding and reassigning tasks, and what the follow-ups achieve. */
  'manage:followup',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  // Everything but an agent's own worklist: an admin has no agent code (they see every task on /followup).
  admin: PERMISSIONS.filter((permission) => permission !== 'work:own-tasks'),
  bpjs_officer: [
    'view:aggregates',
    'view:personal-data',
    'reveal:nik',
    'import:data',
    'export:data',
    'manage:targets',
    'manage:field-network',
    'manage:claims',
    'view:agent-income',
    'plan:coverage',
    'manage:followup',
  ],
  // Aggregates only: never a worker's name, NIK, phone or address; small cells suppressed.
  // They set the district's coverage targets: they plan with aggregates (small cells suppressed).
  district_official: ['view:aggregates', 'export:data', 'plan:coverage'],
  // Personal data only of the members their own agents serve (the data layer narrows the rows).
  supervisor: ['view:aggregates', 'view:personal-data', 'reveal:nik', 'export:data', 'view:agent-income', 'manage:followup'],
  // Only their own members and figures, through their own pages (server/followup.ts): no aggregate page,
  // no member list of others. NIK stays masked; the phone of a member they serve is shown (audited).
  agent: ['work:own-tasks'],
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** District officials see "<5" for any figure built from fewer than five persons. */
export function suppressesSmallCells(role: Role): boolean {
  return role === 'district_official';
}
