import Link from 'next/link';
import { getDb } from '@/db';
import { requirePagePermission } from '@/server/auth/session';
import { getI18n } from '@/server/i18n';
import { listManagedCommunities } from '@/server/master-data/communities';
import { listOccupationOptions, listVillageOptions } from '@/server/master-data/options';
import { CommunityForm } from '@/components/master-data/master-forms';
import { MasterPageHead } from '@/components/master-data/master-nav';
import { formatDate } from '@/domain/format';
import { pageTitle } from '@/server/page-title';

export const generateMetadata = pageTitle('masterCommunities');

export default async function MasterCommunitiesPage() {
  const caller = await requirePagePermission('manage:field-network');
  const db = await getDb();
  const [{ locale, messages }, rows, villages, occupations] = await Promise.all([
    getI18n(),
    listManagedCommunities(db, { caller }),
    listVillageOptions(db, { caller }),
    listOccupationOptions(db),
  ]);
  const t = messages.master;
  const f = t.fields;
  return (
    <>
      <MasterPageHead section="communities" role={caller.role} regionCode={caller.regionCode} messages={messages} />
      <section className="admin-section" aria-labelledby="community-create-heading">
        <h2 id="community-create-heading">{t.communities.create}</h2>
        <CommunityForm villages={villages} occupations={occupations} />
      </section>
      <section className="admin-section" aria-labelledby="community-list-heading">
        <h2 id="community-list-heading">{t.communities.list}</h2>
        {rows.length === 0 ? (
          <p className="note">{t.communities.empty}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table" data-testid="master-communities">
              <thead>
                <tr>
                  <th scope="col">{f.name}</th>
                  <th scope="col">{f.type}</th>
                  <th scope="col">{f.village}</th>
                  <th scope="col">{f.occupation}</th>
                  <th scope="col">{f.foundedOn}</th>
                  <th scope="col" className="num">
                    {t.communities.agents}
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">{t.edit}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id}>
                    <th scope="row">{row.name}</th>
                    <td>{messages.communityTypes[row.type]}</td>
                    <td>{row.villageName}</td>
                    <td>{(locale === 'en' ? row.occupationNameEn : row.occupationNameId) ?? t.none}</td>
                    <td>{row.foundedOn ? formatDate(row.foundedOn, locale) : t.none}</td>
                    <td className="num">{row.agents}</td>
                    <td>
                      <Link href={`/admin/master/communities/${row.id}`} aria-label={`${t.edit} ${row.name}`}>
                        {t.edit}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
