import type { Metadata } from 'next';
import { getDb } from '@/db';
import { getRegionInfo, listCommunities } from '@/server/coverage';
import { communityColumns } from '@/components/coverage/columns';
import { CommunitiesTable } from '@/components/coverage/communities-table';
import { ExportLinks } from '@/components/coverage/export-links';
import { PeriodPicker } from '@/components/period-picker';
import { MessageBox } from '@/components/ui/message-box';
import { suppressesSmallCells } from '@/domain/permissions';
import { requirePageCaller } from '@/server/auth/session';
import { AppError } from '@/domain/errors';
import { formatPeriod } from '@/domain/format';
import { interpolate } from '@/i18n';
import { getI18n } from '@/server/i18n';
import { currentMonth, isPeriod, latestCompleteMonth } from '@/domain/month';

export const metadata: Metadata = { title: 'Komunitas' };

export default async function CommunitiesPage({
  searchParams,
}: {
  searchParams: Promise<{ period?: string; region?: string }>;
}) {
  const caller = await requirePageCaller();
  const params = await searchParams;
  const period = params.period && isPeriod(params.period) ? params.period : latestCompleteMonth();
  const db = await getDb();
  const { locale, messages } = await getI18n();
  const t = messages.communities;
  let data;
  try {
    const [info, rows] = await Promise.all([
      getRegionInfo(db, { caller, regionCode: params.region ?? caller.regionCode ?? '' }),
      listCommunities(db, { caller, period, regionCode: params.region, locale }),
    ]);
    data = { info, rows };
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
          <h1>{t.title}</h1>
          <p>{interpolate(t.subtitle, { region: data.info.name, period: formatPeriod(period, locale) })}</p>
        </div>
        <div className="head-tools">
          <PeriodPicker defaultPeriod={latestCompleteMonth()} max={currentMonth()} />
          <ExportLinks path="/api/v1/communities" params={{ region: data.info.code }} initialPeriod={period} />
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
}
