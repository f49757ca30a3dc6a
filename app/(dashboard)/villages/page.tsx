import { getDb } from '@/db';
import { getCoverageView, getRegionInfo } from '@/server/coverage';
import { getSummaryView } from '@/server/summary';
import { regionColumns } from '@/components/coverage/columns';
import { CoverageTable } from '@/components/coverage/coverage-table';
import { ExportLinks } from '@/components/coverage/export-links';
import { PrintHeader } from '@/components/coverage/print-header';
import { PeriodPicker } from '@/components/period-picker';
import { PeriodLink, PeriodText } from '@/components/period-text';
import { suppressesSmallCells } from '@/domain/permissions';
import { requirePagePermission } from '@/server/auth/session';
import { formatDate } from '@/domain/format';
import { interpolate } from '@/i18n';
import { getI18n } from '@/server/i18n';
import { currentMonth, latestCompleteMonth, todayInJakarta } from '@/domain/month';
import { parseParams } from '@/contracts/params';
import { coverageContract } from '@/contracts/coverage';
import { dashboardPage } from '../dashboard-page';
import { pageTitle } from '@/server/page-title';

export const generateMetadata = pageTitle('villages');

/** The regions one level below the one in the URL (district → villages; regency → districts). */
export default dashboardPage(async ({ searchParams }) => {
  const caller = await requirePagePermission('view:aggregates');
  const { period, region } = parseParams(coverageContract.params, searchParams);
  const db = await getDb();
  const { locale, messages } = await getI18n();
  const t = messages.villages;
  const [info, view, summary] = await Promise.all([
    getRegionInfo(db, { caller, regionCode: region ?? caller.regionCode ?? '' }),
    getCoverageView(db, { caller, period, regionCode: region, by: 'village', locale }),
    getSummaryView(db, { caller, period, regionCode: region, compare: true }),
  ]);
  // Villages have a page of their own; higher levels open this page one level down.
  const childrenAreVillages = info.level === 'district' || info.level === 'village';

  return (
    <>
      <PrintHeader
        title={t.title}
        filters={<PeriodText template={messages.coverage.filters} values={{ region: view.regionName }} initialPeriod={period} />}
        printedOn={interpolate(messages.coverage.printedOn, { date: formatDate(todayInJakarta(), locale) })}
      />
      <div className="page-head">
        <div>
          <h1>{t.title}</h1>
          <p data-testid="page-subtitle">
            <PeriodText template={t.subtitle} values={{ region: view.regionName }} initialPeriod={period} />
          </p>
          {info.parentCode && info.level !== 'village' ? (
            <p className="no-print">
              <PeriodLink href={`/villages?region=${info.parentCode}`} initialPeriod={period}>
                ↑ {interpolate(t.up, { name: info.parentName ?? info.parentCode })}
              </PeriodLink>
            </p>
          ) : null}
        </div>
        <div className="head-tools">
          <PeriodPicker defaultPeriod={latestCompleteMonth()} max={currentMonth()} />
          <ExportLinks path={coverageContract.path} params={{ by: 'village', region: view.region }} initialPeriod={period} withPrint />
        </div>
      </div>
      <CoverageTable
        region={view.region}
        by="village"
        initialPeriod={period}
        initialRows={view.rows}
        initialProvisional={view.provisional}
        columns={regionColumns(messages)}
        caption={t.tableCaption}
        link={childrenAreVillages ? { kind: 'path', base: '/villages/' } : { kind: 'region', base: '/villages' }}
        total={{ label: interpolate(t.total, { name: view.regionName }), initial: summary }}
        initialSort={{ key: 'coverageRate', direction: 'desc' }}
        testId="villages-table"
      />
      {suppressesSmallCells(caller.role) ? <p className="note">{messages.overview.suppressedNote}</p> : null}
    </>
  );
});
