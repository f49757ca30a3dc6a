import { Suspense } from 'react';
import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { getCoverageView, getSeriesView, trendOf } from '@/server/coverage';
import { getDataAsOf } from '@/server/settings';
import { getSummaryView } from '@/server/summary';
import { getSetupProgress } from '@/server/setup';
import { SetupGuide } from '@/components/overview/setup-guide';
import { ExportLinks } from '@/components/coverage/export-links';
import { PrintHeader } from '@/components/coverage/print-header';
import { PeriodPicker } from '@/components/period-picker';
import { PeriodText } from '@/components/period-text';
import { CoverageTrends } from '@/components/overview/coverage-trends';
import { SummaryCards } from '@/components/overview/summary-cards';
import { OverviewMap } from './overview-map';
import { SupervisorHomePanel } from './supervisor-home';
import { suppressesSmallCells } from '@/domain/permissions';
import { requirePageCaller } from '@/server/auth/session';
import { formatDate } from '@/domain/format';
import { interpolate } from '@/i18n';
import { getI18n } from '@/server/i18n';
import { addMonths, currentMonth, latestCompleteMonth, todayInJakarta, trendRangeOf } from '@/domain/month';
import { parseParams } from '@/contracts/params';
import { summaryContract } from '@/contracts/summary';
import { dashboardPage } from './dashboard-page';
import { pageTitle } from '@/server/page-title';

export const generateMetadata = pageTitle('overview');

export default dashboardPage(async ({ searchParams }) => {
  const caller = await requirePageCaller();
  // An agent's home is their worklist: the overview is the district's aggregates.
  if (caller.role === 'agent') redirect('/tasks');
  const { period, region } = parseParams(summaryContract.params, searchParams);
  // The trend range is the page's own (the trend API takes from/to), as the range picker reads it.
  const range = trendRangeOf(searchParams.range);
  const db = await getDb();
  const { locale, messages } = await getI18n();
  // Independent reads at once: the month with its comparisons, the range's series, the channel mix.
  const [summary, series, channels, asOf, setup] = await Promise.all([
    getSummaryView(db, { caller, period, regionCode: region, compare: true, explain: true }),
    getSeriesView(db, { caller, from: addMonths(period, -(range - 1)), to: period, regionCode: region }),
    getCoverageView(db, { caller, period, regionCode: region, by: 'channel', locale }),
    getDataAsOf(db),
    getSetupProgress(db, caller),
  ]);
  const trends = {
    activeMembers: trendOf(series, 'activeMembers'),
    coverageRate: trendOf(series, 'coverageRate'),
    newEnrolments: trendOf(series, 'newEnrolments'),
    lapsedMembers: trendOf(series, 'lapsedMembers'),
  };

  return (
    <>
      <PrintHeader
        title={messages.overview.title}
        filters={<PeriodText template={messages.coverage.filters} values={{ region: summary.regionName }} initialPeriod={period} />}
        printedOn={interpolate(messages.coverage.printedOn, { date: formatDate(todayInJakarta(), locale) })}
      />
      <div className="page-head">
        <div>
          <h1>{messages.overview.title}</h1>
          {asOf ? (
            <p data-testid="data-as-of">{interpolate(messages.overview.dataAsOf, { date: formatDate(asOf, locale) })}</p>
          ) : null}
        </div>
        <div className="head-tools">
          <PeriodPicker defaultPeriod={latestCompleteMonth()} max={currentMonth()} />
          <ExportLinks
            path={summaryContract.path}
            params={{ region: summary.region, nowcast: '1' }}
            initialPeriod={period}
            withPrint
          />
        </div>
      </div>
      {setup ? <SetupGuide progress={setup} year={Number(todayInJakarta().slice(0, 4))} locale={locale} messages={messages} /> : null}
      {caller.role === 'supervisor' ? (
        <Suspense fallback={null}>
          <SupervisorHomePanel caller={caller} period={period} />
        </Suspense>
      ) : null}
      <SummaryCards initial={summary} suppressed={suppressesSmallCells(caller.role)} />
      <Suspense fallback={null}>
        <OverviewMap caller={caller} period={period} region={summary.region} />
      </Suspense>
      <CoverageTrends
        region={summary.region}
        initialPeriod={period}
        initialRange={range}
        initialTrends={trends}
        initialChannels={channels.rows}
        initialProvisional={channels.provisional}
      />
    </>
  );
});
