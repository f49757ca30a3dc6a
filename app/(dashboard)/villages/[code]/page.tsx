import { notFound, redirect } from 'next/navigation';
import { getDb } from '@/db';
import { getCoverageView, getRegionInfo, getSeriesView, trendOf } from '@/server/coverage';
import type { CoverageBy } from '@/contracts/coverage';
import { getSummaryView } from '@/server/summary';
import { breakdownColumns, occupationColumns } from '@/components/coverage/columns';
import { CoverageTable } from '@/components/coverage/coverage-table';
import { ExportLinks } from '@/components/coverage/export-links';
import { PrintHeader } from '@/components/coverage/print-header';
import { CoverageTrends } from '@/components/overview/coverage-trends';
import { SummaryCards } from '@/components/overview/summary-cards';
import { PeriodPicker } from '@/components/period-picker';
import { suppressesSmallCells } from '@/domain/permissions';
import { requirePagePermission } from '@/server/auth/session';
import { REGION_CODE_PATTERN } from '@/domain/regions';
import { AppError } from '@/domain/errors';
import { formatDate } from '@/domain/format';
import { interpolate, type Messages } from '@/i18n';
import { getI18n } from '@/server/i18n';
import { addMonths, currentMonth, latestCompleteMonth, todayInJakarta, trendRangeOf } from '@/domain/month';
import { parseParams } from '@/contracts/params';
import { coverageContract } from '@/contracts/coverage';
import { PeriodLink, PeriodText } from '@/components/period-text';
import { dashboardPage } from '../../dashboard-page';
import { pageTitle } from '@/server/page-title';

export const generateMetadata = pageTitle('village');

const BREAKDOWNS: Array<{ by: CoverageBy; title: (m: Messages) => string }> = [
  { by: 'community', title: (m) => m.villages.communities },
  { by: 'occupation', title: (m) => m.villages.occupations },
  { by: 'agent', title: (m) => m.villages.agents },
  { by: 'channel', title: (m) => m.villages.channels },
  { by: 'sex', title: (m) => m.villages.sex },
  { by: 'ageBand', title: (m) => m.villages.ageBands },
];

export default dashboardPage<{ code: string }>(async ({ params, searchParams }) => {
  const caller = await requirePagePermission('view:aggregates');
  const code = decodeURIComponent(params.code);
  if (!REGION_CODE_PATTERN.test(code)) notFound();
  // The village's breakdowns are /api/v1/coverage views of it: the same parameters, read the same way.
  const { period } = parseParams(coverageContract.params, searchParams);
  const range = trendRangeOf(searchParams.range);
  const db = await getDb();
  const { locale, messages } = await getI18n();
  const t = messages.villages;

  let info;
  try {
    info = await getRegionInfo(db, { caller, regionCode: code });
  } catch (error) {
    if (error instanceof AppError) notFound();
    throw error;
  }
  // A district or regency has no village page: show its regions one level down instead.
  if (info.level !== 'village') redirect(`/villages?region=${code}&period=${period}`);

  const [summary, series, ...breakdowns] = await Promise.all([
    getSummaryView(db, { caller, period, regionCode: code, compare: true, explain: true }),
    getSeriesView(db, { caller, from: addMonths(period, -(range - 1)), to: period, regionCode: code }),
    ...BREAKDOWNS.map(({ by }) => getCoverageView(db, { caller, period, regionCode: code, by, locale })),
  ]);
  const channels = breakdowns[BREAKDOWNS.findIndex((b) => b.by === 'channel')]!;

  return (
    <>
      <PrintHeader
        title={interpolate(t.villagePage, { name: info.name })}
        filters={<PeriodText template={messages.coverage.filters} values={{ region: `${info.name} (${info.code})` }} initialPeriod={period} />}
        printedOn={interpolate(messages.coverage.printedOn, { date: formatDate(todayInJakarta(), locale) })}
      />
      <div className="page-head">
        <div>
          <h1>{interpolate(t.villagePage, { name: info.name })}</h1>
          <p>{info.code}</p>
          {info.parentCode ? (
            <p className="no-print">
              <PeriodLink href={`/villages?region=${info.parentCode}`} initialPeriod={period}>
                ↑ {interpolate(t.up, { name: info.parentName ?? info.parentCode })}
              </PeriodLink>
            </p>
          ) : null}
        </div>
        <div className="head-tools">
          <PeriodPicker defaultPeriod={latestCompleteMonth()} max={currentMonth()} />
          <ExportLinks path={coverageContract.path} params={{ by: 'community', region: code }} initialPeriod={period} withPrint />
        </div>
      </div>
      <SummaryCards initial={summary} suppressed={suppressesSmallCells(caller.role)} />
      <CoverageTrends
        region={code}
        initialPeriod={period}
        initialRange={range}
        initialTrends={{
          activeMembers: trendOf(series, 'activeMembers'),
          coverageRate: trendOf(series, 'coverageRate'),
          newEnrolments: trendOf(series, 'newEnrolments'),
          lapsedMembers: trendOf(series, 'lapsedMembers'),
        }}
        initialChannels={channels.rows}
        initialProvisional={channels.provisional}
      />
      <div className="breakdown-grid">
        {BREAKDOWNS.map(({ by, title }, i) => (
          <section key={by} className="panel" aria-labelledby={`breakdown-${by}`}>
            <h2 id={`breakdown-${by}`}>{title(messages)}</h2>
            <CoverageTable
              region={code}
              by={by}
              initialPeriod={period}
              initialRows={breakdowns[i]!.rows}
              initialProvisional={breakdowns[i]!.provisional}
              columns={by === 'occupation' ? occupationColumns(messages) : breakdownColumns(messages, title(messages))}
              caption={interpolate(t.breakdownCaption, { dimension: title(messages).toLowerCase(), period: '{period}' })}
              link={by === 'community' ? { kind: 'path', base: '/communities/' } : undefined}
              initialSort={{ key: 'activeMembers', direction: 'desc' }}
              testId={`breakdown-${by}`}
            />
          </section>
        ))}
      </div>
    </>
  );
});
