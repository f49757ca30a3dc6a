import type { Metadata } from 'next';
import { Suspense } from 'react';
import { getDb } from '@/db';
import { getCoverageView, getSeriesView, trendOf } from '@/server/coverage';
import { getDataAsOf } from '@/server/settings';
import { getSummaryView } from '@/server/summary';
import { getSetupProgress } from '@/server/setup';
import { SetupGuide } from '@/components/overview/setup-guide';
import { ExportLinks } from '@/components/coverage/export-links';
import { PrintHeader } from '@/components/coverage/print-header';
import { MessageBox } from '@/components/ui/message-box';
import { AppError } from '@/domain/errors';
import { PeriodPicker } from '@/components/period-picker';
import { CoverageTrends } from '@/components/overview/coverage-trends';
import { SummaryCards } from '@/components/overview/summary-cards';
import { OverviewMap } from './overview-map';
import { SupervisorHomePanel } from './supervisor-home';
import { suppressesSmallCells } from '@/domain/permissions';
import { requirePageCaller } from '@/server/auth/session';
import { formatDate, formatPeriod } from '@/domain/format';
import { interpolate } from '@/i18n';
import { getI18n } from '@/server/i18n';
import { addMonths, currentMonth, isPeriod, latestCompleteMonth, todayInJakarta } from '@/domain/month';

export const metadata: Metadata = { title: 'Ringkasan' };

const RANGES = [12, 24, 36];

export default async function OverviewPage({
  searchParams,
}: {
  searchParams: Promise<{ period?: string; region?: string; range?: string }>;
}) {
  const caller = await requirePageCaller();
  const params = await searchParams;
  const period = params.period && isPeriod(params.period) ? params.period : latestCompleteMonth();
  const range = RANGES.includes(Number(params.range)) ? Number(params.range) : 12;
  const db = await getDb();
  const { locale, messages } = await getI18n();
  let data;
  try {
    // Independent reads at once: the month with its comparisons, the range's series, the channel mix.
    const [summary, series, channels, asOf, setup] = await Promise.all([
      getSummaryView(db, { caller, period, regionCode: params.region, compare: true }),
      getSeriesView(db, { caller, from: addMonths(period, -(range - 1)), to: period, regionCode: params.region }),
      getCoverageView(db, { caller, period, regionCode: params.region, by: 'channel', locale }),
      getDataAsOf(db),
      getSetupProgress(db, caller),
    ]);
    data = { summary, series, channels, asOf, setup };
  } catch (error) {
    // A region outside the caller's scope, or an unknown one: say so instead of failing the page.
    if (error instanceof AppError) {
      return <MessageBox title={messages.errors.title}>{error.localizedMessage(locale)}</MessageBox>;
    }
    throw error;
  }
  const { summary, series, channels, asOf, setup } = data;
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
        filters={interpolate(messages.coverage.filters, { region: summary.regionName, period: formatPeriod(period, locale) })}
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
            path="/api/v1/summary"
            params={{ region: summary.region }}
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
      />
    </>
  );
}
