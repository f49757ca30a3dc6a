import Link from 'next/link';
import type { Messages } from '@/i18n';
import { interpolate } from '@/i18n';
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

/**
 * The head of a master-data section page: its title and help, the sections toolbar, and for a
 * region-limited user the note that the page keeps to their region.
 */
export function MasterPageHead({
  section,
  role,
  regionCode,
  messages,
}: {
  section: MasterSection;
  role: Role;
  regionCode: string | null;
  messages: Messages;
}) {
  const t = messages.master;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t[section].title}</h1>
          <p>{t[section].help}</p>
        </div>
        <MasterNav role={role} current={section} messages={messages} />
      </div>
      {regionCode ? <p className="note">{interpolate(t.scopeNote, { region: regionCode })}</p> : null}
    </>
  );
}
