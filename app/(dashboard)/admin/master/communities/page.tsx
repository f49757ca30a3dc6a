import Link from 'next/link';
import { getDb } from '@/db';
import { requirePagePermission } from '@/server/auth/session';
import { getI18n } from '@/server/i18n';
import { listManagedCommunities } from '@/server/master-data/communities';
import { listOccupationOptions, listVillageOptions } from '@/server/master-data/options';
import { CommunityForm } from '@/components/master-data/master-forms';
import { MasterPageHead } from '@/components/master-data/master-nav';
import { DataTable } from '@/components/ui/data-table';
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
            <DataTable
              testId="master-communities"
              data={rows}
              columns={[
                { id: 'name', header: f.name, cell: ({ row }) => row.original.name },
                { id: 'type', header: f.type, cell: ({ row }) => messages.communityTypes[row.original.type] },
                { id: 'village', header: f.village, cell: ({ row }) => row.original.villageName },
                {
                  id: 'occupation',
                  header: f.occupation,
                  cell: ({ row: { original } }) => (locale === 'en' ? original.occupationNameEn : original.occupationNameId) ?? t.none,
                },
                { id: 'foundedOn', header: f.foundedOn, cell: ({ row: { original } }) => (original.foundedOn ? formatDate(original.foundedOn, locale) : t.none) },
                { id: 'agents', header: t.communities.agents, meta: { numeric: true }, cell: ({ row }) => row.original.agents },
                {
                  id: 'edit',
                  header: () => <span className="visually-hidden">{t.edit}</span>,
                  cell: ({ row: { original } }) => (
                    <Link href={`/admin/master/communities/${original.id}`} aria-label={`${t.edit} ${original.name}`}>
                      {t.edit}
                    </Link>
                  ),
                },
              ]}
            />
          </div>
        )}
      </section>
    </>
  );
}
