import Link from 'next/link';
import type { Messages } from '@/i18n';
import { can } from '@/domain/permissions';
import type { Role } from '@/domain/enums';

export type MasterSection = 'communities' | 'agents' | 'workforce' | 'rates';

/** The master-data sections the caller's role may change (hiding only: each service checks itself). */
export function masterSections(role: Role): MasterSection[] {
  return [
    ...(can(role, 'manage:field-network') ? (['communities', 'agents'] as const) : []),
    ...(can(role, 'manage:reference-data') ? (['workforce', 'rates'] as const) : []),
  ];
}

export function masterSectionHref(section: MasterSection): string {
  return `/admin/master/${section}`;
}

/** The sections as a toolbar at the head of each master-data page. */
export function MasterNav({ role, current, messages }: { role: Role; current?: MasterSection; messages: Messages }) {
  const t = messages.master;
  return (
    <nav className="toolbar" aria-label={t.sectionsLabel}>
      <Link href="/admin/master" aria-current={current ? undefined : 'page'}>
        {t.title}
      </Link>
      {masterSections(role).map((section) => (
        <Link key={section} href={masterSectionHref(section)} aria-current={section === current ? 'page' : undefined}>
          {t[section].title}
        </Link>
      ))}
    </nav>
  );
}
