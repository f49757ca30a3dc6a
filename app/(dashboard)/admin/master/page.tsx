import Link from 'next/link';
import { requirePagePermission } from '@/server/auth/session';
import { getI18n } from '@/server/i18n';
import { MasterNav, masterSectionHref, masterSections } from '@/components/master-data/master-nav';
import { interpolate } from '@/i18n';
import { pageTitle } from '@/server/page-title';

export const generateMetadata = pageTitle('master');

/** The master-data area: its sections, each with what it holds. Officers see communities and agents. */
export default async function MasterDataPage() {
  const caller = await requirePagePermission('manage:field-network');
  const { messages } = await getI18n();
  const t = messages.master;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t.title}</h1>
          <p>{t.intro}</p>
        </div>
        <MasterNav role={caller.role} messages={messages} />
      </div>
      {caller.regionCode ? <p className="note">{interpolate(t.scopeNote, { region: caller.regionCode })}</p> : null}
      <ul className="master-sections">
        {masterSections(caller.role).map((section) => (
          <li key={section} className="panel">
            <h2>
              <Link href={masterSectionHref(section)}>{t[section].title}</Link>
            </h2>
            <p>{t[section].help}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
