import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db';
import { getCoverageView, getRegionInfo } from '@/server/coverage';
import { getSummaryView } from '@/server/summary';
import { regionColumns } from '@/components/coverage/columns';
import { CoverageTable } from '@/components/coverage/coverage-table';
import { ExportLinks } from '@/components/coverage/export-links';
import { PrintHeader } from '@/components/coverage/print-header';
import { PeriodPicker } from '@/components/period-picker';
import { MessageBox } from '@/components/ui/message-box';
import { suppressesSmallCells } from '@/domain/permissions';
import { requirePageCaller } from '@/server/auth/session';
import { AppError } from '@/domain/errors';
import { formatDate, formatPeriod } from '@/domain/format';
import { interpolate } from '@/i18n';
import { getI18n } from '@/server/i18n';
import { currentMonth, isPeriod, latestCompleteMonth, todayInJakarta } from '@/domain/month';

export const metadata: Metadata = { title: 'Wilayah' };

/** The regions one level below the one in the URL (district → villages; regency → districts). */
export default async function VillagesPage({
  searchParams,
}: {
  searchParams: Promise<{ period?: string; region?: string }>;
}) {
  const caller = await requirePageCaller();
  const params = await searchParams;
  const period = params.period && isPeriod(params.period) ? params.period : latestCompleteMonth();
  const db = await getDb();
  const { locale, messages } = await getI18n();
  const t = messages.villages;
  let data;
  try {
    const [info, view, summary] = await Promise.all([
      getRegionInfo(db, { caller, regionCode: params.region ?? caller.regionCode ?? '' }),
      getCoverageView(db, { caller, period, regionCode: params.region, by: 'village', locale }),
      getSummaryView(db, { caller, period, regionCode: params.region, compare: true }),
    ]);
    data = { info, view, summary };
  } catch (error) {
    if (error instanceof AppError) {
      return <MessageBox title={messages.errors.title}>{error.localizedMessage(locale)}</MessageBox>;
    }
    throw error;
  }
  const { info, view, summary } = data;
  // Villages have a page of their own; higher levels open this page one level down.
  const childrenAreVillages = info.level === 'district' || info.level === 'village';

  return (
    <>
      <PrintHeader
        title={t.title}
        filters={interpolate(messages.coverage.filters, { region: view.regionName, period: formatPeriod(period, locale) })}
        printedOn={interpolate(messages.coverage.printedOn, { date: formatDate(todayInJakarta(), locale) })}
      />
      <div className="page-head">
        <div>
          <h1>{t.title}</h1>
          <p>{interpolate(t.subtitle, { region: view.regionName, period: formatPeriod(period, locale) })}</p>
          {info.parentCode && info.level !== 'village' ? (
            <p className="no-print">
              <Link href={`/villages?region=${info.parentCode}&period=${period}`}>
                ↑ {interpolate(t.up, { name: info.parentName ?? info.parentCode })}
              </Link>
            </p>
          ) : null}
        </div>
        <div className="head-tools">
          <PeriodPicker defaultPeriod={latestCompleteMonth()} max={currentMonth()} />
          <ExportLinks path="/api/v1/coverage" params={{ by: 'village', region: view.region }} initialPeriod={period} withPrint />
        </div>
      </div>
      <CoverageTable
        region={view.region}
        by="village"
        initialPeriod={period}
        initialRows={view.rows}
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
}
