import Link from 'next/link';
import { getDb } from '@/db';
import { getMapView } from '@/server/map';
import { MapExplorer } from '@/components/map/map-explorer';
import { PeriodPicker } from '@/components/period-picker';
import { can, suppressesSmallCells } from '@/domain/permissions';
import { requirePagePermission } from '@/server/auth/session';
import { getI18n } from '@/server/i18n';
import { currentMonth, latestCompleteMonth } from '@/domain/month';
import { parseParams } from '@/contracts/params';
import { mapContract } from '@/contracts/map';
import { dashboardPage } from '../dashboard-page';
import { pageTitle } from '@/server/page-title';

export const generateMetadata = pageTitle('map');

export default dashboardPage(async ({ searchParams }) => {
  const caller = await requirePagePermission('view:aggregates');
  const { period, metric, region } = parseParams(mapContract.params, searchParams);
  const { messages } = await getI18n();
  const view = await getMapView(await getDb(), { caller, period, metric, regionCode: region });

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
});
