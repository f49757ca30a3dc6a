import { getDb } from '@/db';
import { getRegionInfo, listCommunities } from '@/server/coverage';
import { communityColumns } from '@/components/coverage/columns';
import { CommunitiesTable } from '@/components/coverage/communities-table';
import { ExportLinks } from '@/components/coverage/export-links';
import { PeriodPicker } from '@/components/period-picker';
import { suppressesSmallCells } from '@/domain/permissions';
import { requirePagePermission } from '@/server/auth/session';
import { getI18n } from '@/server/i18n';
import { currentMonth, latestCompleteMonth } from '@/domain/month';
import { parseParams } from '@/contracts/params';
import { communitiesContract } from '@/contracts/coverage';
import { PeriodText } from '@/components/period-text';
import { dashboardPage } from '../dashboard-page';
import { pageTitle } from '@/server/page-title';

export const generateMetadata = pageTitle('communities');

export default dashboardPage(async ({ searchParams }) => {
  const caller = await requirePagePermission('view:aggregates');
  const { period, region } = parseParams(communitiesContract.params, searchParams);
  const db = await getDb();
  const { locale, messages } = await getI18n();
  const t = messages.communities;
  const [info, rows] = await Promise.all([
    getRegionInfo(db, { caller, regionCode: region ?? caller.regionCode ?? '' }),
    listCommunities(db, { caller, period, regionCode: region, locale }),
  ]);
  const data = { info, rows };
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t.title}</h1>
          <p data-testid="page-subtitle">
            <PeriodText template={t.subtitle} values={{ region: data.info.name }} initialPeriod={period} />
          </p>
        </div>
        <div className="head-tools">
          <PeriodPicker defaultPeriod={latestCompleteMonth()} max={currentMonth()} />
          <ExportLinks path={communitiesContract.path} params={{ region: data.info.code }} initialPeriod={period} />
        </div>
      </div>
      <CommunitiesTable
        region={data.info.code}
        initialPeriod={period}
        initialRows={data.rows}
        columns={communityColumns(messages)}
        caption={t.tableCaption}
      />
      {suppressesSmallCells(caller.role) ? <p className="note">{messages.overview.suppressedNote}</p> : null}
    </>
  );
});
