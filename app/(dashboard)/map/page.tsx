import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db';
import { getMapView } from '@/server/map';
import { MapExplorer } from '@/components/map/map-explorer';
import { PeriodPicker } from '@/components/period-picker';
import { MessageBox } from '@/components/ui/message-box';
import { can, suppressesSmallCells } from '@/domain/permissions';
import { requirePageCaller } from '@/server/auth/session';
import { AppError } from '@/domain/errors';
import { getI18n } from '@/server/i18n';
import { currentMonth, isPeriod, latestCompleteMonth } from '@/domain/month';
import { DEFAULT_MAP_METRIC, isMapMetric } from '@/domain/map-metrics';

export const metadata: Metadata = { title: 'Peta' };

export default async function MapPage({
  searchParams,
}: {
  searchParams: Promise<{ period?: string; metric?: string; region?: string }>;
}) {
  const caller = await requirePageCaller();
  const params = await searchParams;
  const period = params.period && isPeriod(params.period) ? params.period : latestCompleteMonth();
  const metric = isMapMetric(params.metric) ? params.metric : DEFAULT_MAP_METRIC;
  const { locale, messages } = await getI18n();
  let view;
  try {
    view = await getMapView(await getDb(), { caller, period, metric, regionCode: params.region });
  } catch (error) {
    if (error instanceof AppError) {
      return <MessageBox title={messages.errors.title}>{error.localizedMessage(locale)}</MessageBox>;
    }
    throw error;
  }

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{messages.map.title}</h1>
          {can(caller.role, 'manage:reference-data') ? (
            <p>
              <Link href="/admin/boundaries">{messages.map.loadOfficial}</Link>
            </p>
          ) : null}
        </div>
        <PeriodPicker defaultPeriod={latestCompleteMonth()} max={currentMonth()} />
      </div>
      <MapExplorer initial={view} suppressed={suppressesSmallCells(caller.role)} />
    </>
  );
}
