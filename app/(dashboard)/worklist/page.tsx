import Link from 'next/link';
import { getDb } from '@/db';
import { getWorklist, type WorklistCell } from '@/server/worklist';
import { PeriodPicker } from '@/components/period-picker';
import { suppressesSmallCells } from '@/domain/permissions';
import { requirePagePermission } from '@/server/auth/session';
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
      <table className="data-table" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{first}</th>
            {showUncovered ? <th scope="col" className="num">{w.uncovered}</th> : null}
            <th scope="col" className="num">{w.lapsed}</th>
            <th scope="col" className="num">{w.active}</th>
            {showUncovered ? <th scope="col" className="num">{w.workforce}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={row.key}>
              <td>{i + 1}</td>
              <th scope="row">{link ? <Link href={link(row.key)}>{row.name}</Link> : row.name}</th>
              {showUncovered ? <td className="num">{formatNumber(row.uncoveredWorkers, locale)}</td> : null}
              <td className="num">{formatNumber(row.lapsedMembers, locale)}</td>
              <td className="num">{formatNumber(row.activeMembers, locale)}</td>
              {showUncovered ? <td className="num">{formatNumber(row.informalWorkforce, locale)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default dashboardPage(async ({ searchParams }) => {
  const caller = await requirePagePermission('view:aggregates');
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
            <table className="data-table" data-testid="worklist-members">
              <caption>{w.membersCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{w.member}</th>
                  <th scope="col">{w.nik}</th>
                  <th scope="col">{w.village}</th>
                  <th scope="col">{w.community}</th>
                  <th scope="col">{w.agent}</th>
                  <th scope="col">{w.lastCovered}</th>
                </tr>
              </thead>
              <tbody>
                {list.members.map((m) => (
                  <tr key={m.key}>
                    <th scope="row">{m.name}</th>
                    <td className="nik">{m.nik}</td>
                    <td>{m.villageName}</td>
                    <td>{m.communityName ?? '–'}</td>
                    <td>{m.agentName ?? '–'}</td>
                    <td>{formatPeriod(m.lastCovered, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {suppressesSmallCells(caller.role) ? <p className="note">{messages.overview.suppressedNote}</p> : null}
    </>
  );
});
