import Link from 'next/link';
import { getDb } from '@/db';
import { getWorklist, type WorklistCell } from '@/server/worklist';
import { PeriodPicker } from '@/components/period-picker';
import { DataTable } from '@/components/ui/data-table';
import { suppressesSmallCells } from '@/domain/permissions';
import { requirePageCaller } from '@/server/auth/session';
import { formatNumber, formatPeriod } from '@/domain/format';
import { interpolate, type Locale, type Messages } from '@/i18n';
import { getI18n } from '@/server/i18n';
import { currentMonth, latestCompleteMonth } from '@/domain/month';
import { parseParams } from '@/contracts/params';
import { coverageContract } from '@/contracts/coverage';
import { dashboardPage } from '../dashboard-page';
import { pageTitle } from '@/server/page-title';

export const generateMetadata = pageTitle('worklist');

function CellTable({
  rows,
  caption,
  first,
  showUncovered,
  locale,
  messages,
  link,
  testId,
}: {
  rows: WorklistCell[];
  caption: string;
  first: string;
  showUncovered: boolean;
  locale: Locale;
  messages: Messages;
  link?: (key: string) => string;
  testId: string;
}) {
  const w = messages.worklist;
  return (
    <div className="table-wrap">
      <DataTable
        testId={testId}
        caption={caption}
        data={rows}
        columnVisibility={{ uncovered: showUncovered, workforce: showUncovered }}
        columns={[
          { id: 'rank', header: '#', cell: ({ row }) => row.index + 1 },
          {
            id: 'name',
            header: first,
            meta: { rowHeader: true },
            cell: ({ row: { original } }) => (link ? <Link href={link(original.key)}>{original.name}</Link> : original.name),
          },
          { id: 'uncovered', header: w.uncovered, meta: { numeric: true }, cell: ({ row }) => formatNumber(row.original.uncoveredWorkers, locale) },
          { id: 'lapsed', header: w.lapsed, meta: { numeric: true }, cell: ({ row }) => formatNumber(row.original.lapsedMembers, locale) },
          { id: 'active', header: w.active, meta: { numeric: true }, cell: ({ row }) => formatNumber(row.original.activeMembers, locale) },
          { id: 'workforce', header: w.workforce, meta: { numeric: true }, cell: ({ row }) => formatNumber(row.original.informalWorkforce, locale) },
        ]}
      />
    </div>
  );
}

export default dashboardPage(async ({ searchParams }) => {
  const caller = await requirePageCaller();
  // Cells of /api/v1/coverage's views: the same period and region parameters, read the same way.
  const { period, region } = parseParams(coverageContract.params, searchParams);
  const db = await getDb();
  const { locale, messages } = await getI18n();
  const w = messages.worklist;
  const list = await getWorklist(db, { caller, period, regionCode: region, locale });
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{w.title}</h1>
          <p>{interpolate(w.subtitle, { region: list.regionName, period: formatPeriod(period, locale) })}</p>
        </div>
        <PeriodPicker defaultPeriod={latestCompleteMonth()} max={currentMonth()} navigate />
      </div>
      <section className="panel" aria-labelledby="cells-heading">
        <h2 id="cells-heading">{w.cellsTitle}</h2>
        <CellTable
          rows={list.cells}
          caption={w.cellsCaption}
          first={w.cell}
          showUncovered
          locale={locale}
          messages={messages}
          link={(key) => `/villages/${key.split('|')[0]}?period=${period}`}
          testId="worklist-cells"
        />
      </section>
      <section className="panel" aria-labelledby="communities-heading">
        <h2 id="communities-heading">{w.communitiesTitle}</h2>
        <CellTable
          rows={list.communities}
          caption={w.cellsCaption}
          first={w.community}
          showUncovered={false}
          locale={locale}
          messages={messages}
          link={(key) => `/communities/${key}?period=${period}`}
          testId="worklist-communities"
        />
      </section>
      <section className="panel" aria-labelledby="members-heading">
        <h2 id="members-heading">{w.membersTitle}</h2>
        {list.members === null ? (
          <p data-testid="members-hidden">{w.membersHidden}</p>
        ) : (
          <div className="table-wrap">
            <DataTable
              testId="worklist-members"
              caption={w.membersCaption}
              data={list.members}
              columns={[
                { id: 'member', header: w.member, cell: ({ row }) => row.original.name },
                { id: 'nik', header: w.nik, meta: { cellClassName: 'nik' }, cell: ({ row }) => row.original.nik },
                { id: 'village', header: w.village, cell: ({ row }) => row.original.villageName },
                { id: 'community', header: w.community, cell: ({ row }) => row.original.communityName ?? '–' },
                { id: 'agent', header: w.agent, cell: ({ row }) => row.original.agentName ?? '–' },
                { id: 'lastCovered', header: w.lastCovered, cell: ({ row }) => formatPeriod(row.original.lastCovered, locale) },
              ]}
            />
          </div>
        )}
      </section>
      {suppressesSmallCells(caller.role) ? <p className="note">{messages.overview.suppressedNote}</p> : null}
    </>
  );
});
