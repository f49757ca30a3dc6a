import type { Metadata } from 'next';
import { Suspense } from 'react';
import { getDb } from '@/db';
import { getDataAsOf } from '@/db/queries/settings';
import { getSummaryView } from '@/db/queries/summary';
import { MessageBox } from '@/components/ui/message-box';
import { AppError } from '@/lib/errors';
import { PeriodPicker } from '@/components/period-picker';
import { SummaryCards } from '@/components/overview/summary-cards';
import { OverviewMap } from './overview-map';
import { suppressesSmallCells } from '@/lib/auth/permissions';
import { requirePageCaller } from '@/lib/auth/session';
import { formatDate } from '@/lib/format';
import { interpolate } from '@/lib/i18n';
import { getI18n } from '@/lib/i18n/server';
import { isPeriod, latestCompleteMonth, currentMonth } from '@/lib/indicators/month';

export const metadata: Metadata = { title: 'Ringkasan' };

export default async function OverviewPage({
  searchParams,
}: {
  searchParams: Promise<{ period?: string; region?: string }>;
}) {
  const caller = await requirePageCaller();
  const params = await searchParams;
  const period = params.period && isPeriod(params.period) ? params.period : latestCompleteMonth();
  const db = await getDb();
  const { locale, messages } = await getI18n();
  let summary;
  try {
    summary = await getSummaryView(db, { caller, period, regionCode: params.region });
  } catch (error) {
    // A region outside the caller's scope, or an unknown one: say so instead of failing the page.
    if (error instanceof AppError) {
      return <MessageBox title={messages.errors.title}>{error.localizedMessage(locale)}</MessageBox>;
    }
    throw error;
  }
  const asOf = await getDataAsOf(db);

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{messages.overview.title}</h1>
          {asOf ? (
            <p data-testid="data-as-of">{interpolate(messages.overview.dataAsOf, { date: formatDate(asOf, locale) })}</p>
          ) : null}
        </div>
        <PeriodPicker defaultPeriod={latestCompleteMonth()} max={currentMonth()} />
      </div>
      <SummaryCards initial={summary} suppressed={suppressesSmallCells(caller.role)} />
      <Suspense fallback={null}>
        <OverviewMap caller={caller} period={period} regionCode={params.region} />
      </Suspense>
    </>
  );
}
