import Link from 'next/link';
import { getDb } from '@/db';
import { requirePagePermission } from '@/server/auth/session';
import { getI18n } from '@/server/i18n';
import { listWorkforceEstimates, listWorkforceYears } from '@/server/master-data/workforce';
import { listOccupationOptions, listWorkforceRegionOptions } from '@/server/master-data/options';
import { WorkforceForm } from '@/components/master-data/master-forms';
import { MasterPageHead } from '@/components/master-data/master-nav';
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
            <table className="data-table" data-testid="master-workforce">
              <thead>
                <tr>
                  <th scope="col">{f.region}</th>
                  <th scope="col">{f.occupation}</th>
                  <th scope="col" className="num">
                    {f.informalWorkers}
                  </th>
                  <th scope="col">{f.source}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={`${row.regionCode}/${row.occupationCode ?? ''}`}>
                    <th scope="row">
                      {row.regionName} <span className="muted">({row.regionCode})</span>
                    </th>
                    <td>{row.occupationCode ? ((locale === 'en' ? row.occupationNameEn : row.occupationNameId) ?? row.occupationCode) : t.workforce.total}</td>
                    <td className="num">{formatNumber(row.informalWorkers, locale)}</td>
                    <td>
                      <span className={`status ${row.estimate ? 'status-menunggak' : 'status-aktif'}`}>
                        {row.estimate ? t.workforce.estimateBadge : t.workforce.measuredBadge}
                      </span>{' '}
                      {row.source ? row.source.replace(/^\s*(estimate|estimasi|perkiraan)\s*[:\-–]\s*/i, '') : t.none}
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
});
