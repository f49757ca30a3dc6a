import Link from 'next/link';
import { getDb } from '@/db';
import { requirePagePermission } from '@/server/auth/session';
import { getI18n } from '@/server/i18n';
import { listWorkforceEstimates, listWorkforceYears } from '@/server/master-data/workforce';
import { listOccupationOptions, listWorkforceRegionOptions } from '@/server/master-data/options';
import { WorkforceForm } from '@/components/master-data/master-forms';
import { MasterPageHead } from '@/components/master-data/master-nav';
import { DataTable } from '@/components/ui/data-table';
import { formatNumber } from '@/domain/format';
import { todayInJakarta } from '@/domain/month';
import { interpolate } from '@/i18n';
import { dashboardPage } from '../../../dashboard-page';
import { pageTitle } from '@/server/page-title';

export const generateMetadata = pageTitle('masterWorkforce');

/** The denominators of one year (`?year=`), and the form that adds or edits one. Admins only. */
export default dashboardPage(async ({ searchParams }) => {
  const caller = await requirePagePermission('manage:reference-data');
  const asked = typeof searchParams.year === 'string' && /^\d{4}$/.test(searchParams.year) ? Number(searchParams.year) : null;
  const year = asked ?? Number(todayInJakarta().slice(0, 4));
  const db = await getDb();
  const [{ locale, messages }, rows, years, regions, occupations] = await Promise.all([
    getI18n(),
    listWorkforceEstimates(db, { caller, year }),
    listWorkforceYears(db, { caller }),
    listWorkforceRegionOptions(db, { caller }),
    listOccupationOptions(db),
  ]);
  const t = messages.master;
  const f = t.fields;
  const choices = [...new Set([...years, year])].sort((a, b) => a - b);
  return (
    <>
      <MasterPageHead section="workforce" role={caller.role} regionCode={caller.regionCode} messages={messages} />
      <section className="admin-section" aria-labelledby="workforce-create-heading">
        <h2 id="workforce-create-heading">{t.workforce.create}</h2>
        <WorkforceForm regions={regions} occupations={occupations} year={year} />
        <p className="muted">
          {t.workforce.importHint} <Link href="/imports?kind=workforce">{messages.imports.navLabel}</Link>
        </p>
      </section>
      <section className="admin-section" aria-labelledby="workforce-list-heading">
        <h2 id="workforce-list-heading">{interpolate(t.workforce.list, { year })}</h2>
        <form method="get" className="toolbar">
            <label htmlFor="workforce-year">{t.workforce.showYear}</label>
            <select id="workforce-year" name="year" defaultValue={String(year)}>
              {choices.map((choice) => (
                <option key={choice} value={choice}>
                  {choice}
                </option>
              ))}
            </select>
            <button type="submit">{t.workforce.show}</button>
        </form>
        {rows.length === 0 ? (
          <p className="note">{t.workforce.empty}</p>
        ) : (
          <div className="table-scroll">
            <DataTable
              testId="master-workforce"
              data={rows}
              rowKey={(row) => `${row.regionCode}/${row.occupationCode ?? ''}`}
              columns={[
                {
                  id: 'region',
                  header: f.region,
                  cell: ({ row: { original } }) => (
                    <>
                      {original.regionName} <span className="muted">({original.regionCode})</span>
                    </>
                  ),
                },
                {
                  id: 'occupation',
                  header: f.occupation,
                  cell: ({ row: { original } }) =>
                    original.occupationCode
                      ? ((locale === 'en' ? original.occupationNameEn : original.occupationNameId) ?? original.occupationCode)
                      : t.workforce.total,
                },
                { id: 'informalWorkers', header: f.informalWorkers, meta: { numeric: true }, cell: ({ row }) => formatNumber(row.original.informalWorkers, locale) },
                {
                  id: 'source',
                  header: f.source,
                  cell: ({ row: { original } }) => (
                    <>
                      <span className={`status ${original.estimate ? 'status-menunggak' : 'status-aktif'}`}>
                        {original.estimate ? t.workforce.estimateBadge : t.workforce.measuredBadge}
                      </span>{' '}
                      {original.source ? original.source.replace(/^\s*(estimate|estimasi|perkiraan)\s*[:\-–]\s*/i, '') : t.none}
                    </>
                  ),
                },
              ]}
            />
          </div>
        )}
      </section>
    </>
  );
});
