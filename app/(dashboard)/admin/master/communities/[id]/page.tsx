import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDb } from '@/db';
import { requirePagePermission } from '@/server/auth/session';
import { getI18n } from '@/server/i18n';
import { getManagedCommunity } from '@/server/master-data/communities';
import { listOccupationOptions, listVillageOptions } from '@/server/master-data/options';
import { CommunityForm } from '@/components/master-data/master-forms';
import { MasterNav } from '@/components/master-data/master-nav';
import { interpolate } from '@/i18n';
import { pageTitle } from '@/server/page-title';

export const generateMetadata = pageTitle('masterCommunityEdit');

/** One community's edit form; a community outside the caller's region is as missing as an unknown one. */
export default async function EditCommunityPage({ params }: { params: Promise<{ id: string }> }) {
  const caller = await requirePagePermission('manage:field-network');
  const { id: raw } = await params;
  const id = /^\d{1,9}$/.test(raw) ? Number(raw) : null;
  if (id === null) notFound();
  const db = await getDb();
  const [{ messages }, community, villages, occupations] = await Promise.all([
    getI18n(),
    getManagedCommunity(db, { caller, id }),
    listVillageOptions(db, { caller }),
    listOccupationOptions(db),
  ]);
  if (!community) notFound();
  const t = messages.master;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{interpolate(t.communities.editTitle, { name: community.name })}</h1>
          <p>
            <Link href="/admin/master/communities">{t.communities.list}</Link>
          </p>
        </div>
        <MasterNav role={caller.role} current="communities" messages={messages} />
      </div>
      <section className="admin-section">
        <CommunityForm villages={villages} occupations={occupations} initial={community} />
      </section>
    </>
  );
}
