import Link from 'next/link';
import { getDb } from '@/db';
import { listVillageBoundaries } from '@/server/boundaries';
import { officeRegencies } from '@/server/office-area';
import { interpolate } from '@/i18n';
import { formatNumber } from '@/domain/format';
import { BoundaryUploadForm } from '@/components/admin/boundary-upload-form';
import styles from '@/components/map/map.module.css';
import { DataTable } from '@/components/ui/data-table';
import { requirePagePermission } from '@/server/auth/session';
import { getI18n } from '@/server/i18n';
import { pageTitle } from '@/server/page-title';

export const generateMetadata = pageTitle('boundaries');

export default async function BoundariesPage() {
  // The page answers 403; the API and the data layer refuse on their own.
  const caller = await requirePagePermission('manage:reference-data');
  const { locale, messages } = await getI18n();
  const t = messages.boundaries;
  const db = await getDb();
  const [all, area] = await Promise.all([listVillageBoundaries(db, caller), officeRegencies(db)]);
  // Every village may get a boundary; the table lists the office's regencies' villages.
  const villages = all.filter((village) => area.includes(village.code.slice(0, 5)));

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t.title}</h1>
          <p>
            <Link href="/map">{messages.nav.map}</Link>
          </p>
        </div>
      </div>
      <p style={{ maxWidth: '48rem' }}>{t.intro}</p>
      <BoundaryUploadForm />
      <h2 style={{ marginTop: '2rem' }}>{t.currentState}</h2>
      <DataTable
        className={styles.table}
        style={{ maxWidth: '36rem' }}
        testId="boundary-states"
        data={villages}
        columns={[
          { id: 'code', header: t.code, cell: ({ row }) => row.original.code },
          { id: 'village', header: t.village, meta: { rowHeader: true }, cell: ({ row }) => row.original.name },
          { id: 'current', header: t.current, cell: ({ row }) => t.sources[row.original.boundarySource ?? 'none'] },
        ]}
      />
      {all.length > villages.length ? (
        <p className="note">{interpolate(t.otherVillages, { count: formatNumber(all.length - villages.length, locale) })}</p>
      ) : null}
    </>
  );
}
