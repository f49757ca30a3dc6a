// The dashboard's areas, in navigation order. An area appears only when it is built and the caller's
// role may use it (hiding is cosmetic: the data layer refuses on its own).
import type { Role } from '@/domain/enums';
import { can, type Permission } from '@/domain/permissions';
import type { Messages } from '@/i18n';

export interface NavArea {
  href: string;
  label: (messages: Messages) => string;
  permission: Permission;
}

export const NAV_AREAS: NavArea[] = [
  { href: '/', label: (m) => m.nav.overview, permission: 'view:aggregates' },
  { href: '/map', label: (m) => m.nav.map, permission: 'view:aggregates' },
  { href: '/villages', label: (m) => m.nav.villages, permission: 'view:aggregates' },
  { href: '/communities', label: (m) => m.nav.communities, permission: 'view:aggregates' },
  { href: '/worklist', label: (m) => m.nav.worklist, permission: 'view:aggregates' },
  { href: '/targets', label: (m) => m.nav.targets, permission: 'view:aggregates' },
  { href: '/agents', label: (m) => m.agents.nav, permission: 'view:aggregates' },
  { href: '/plan', label: (m) => m.plan.nav, permission: 'plan:coverage' },
  { href: '/claims', label: (m) => m.claims.nav, permission: 'view:aggregates' },
  { href: '/members', label: (m) => m.nav.members, permission: 'view:personal-data' },
  { href: '/imports', label: (m) => m.imports.navLabel, permission: 'import:data' },
  { href: '/tasks', label: (m) => m.nav.tasks, permission: 'work:own-tasks' },
  { href: '/tasks/figures', label: (m) => m.nav.myFigures, permission: 'work:own-tasks' },
  { href: '/followup', label: (m) => m.nav.followup, permission: 'manage:followup' },
  { href: '/admin/master', label: (m) => m.nav.master, permission: 'manage:field-network' },
  { href: '/admin', label: (m) => m.nav.admin, permission: 'manage:users' },
];

export function navigationFor(role: Role, messages: Messages) {
  return NAV_AREAS.filter((area) => can(role, area.permission)).map((area) => ({
    href: area.href,
    label: area.label(messages),
  }));
}

// Any origin works here: only whether a value leaves it matters.
const PROBE_ORIGIN = 'http://payung.invalid';

/**
 * A path of this site to go to after sign-in, or `/`. Parsed as a browser would: browsers read `\` as
 * `/` and drop tabs and newlines, so `/\evil.example` and `/<tab>/evil.example` lead to another site.
 */
export function sameSitePath(value: string | null | undefined): string {
  if (!value?.startsWith('/')) return '/';
  let url: URL;
  try {
    url = new URL(value, PROBE_ORIGIN);
  } catch {
    return '/';
  }
  return url.origin === PROBE_ORIGIN ? `${url.pathname}${url.search}${url.hash}` : '/';
}
