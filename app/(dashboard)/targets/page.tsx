import { getDb } from '@/db';
import { getCoverageView } from '@/server/coverage';
import { PeriodPicker } from '@/components/period-picker';
import { TargetForm } from '@/components/coverage/target-form';
import { DataTable } from '@/components/ui/data-table';
import { can } from '@/domain/permissions';
import { requirePageCaller } from '@/server/auth/session';
import { formatPercent, formatPeriod } from '@/domain/format';
import { interpolate } from '@/i18n';
import { getI18n } from '@/server/i18n';
import { currentMonth, latestCompleteMonth, yearOf } from '@/domain/month';
import { parseParams } from '@/contracts/params';
import { coverageContract } from '@/contracts/coverage';
import { dashboardPage } from '../dashboard-page';
import { updateCoverageTarget } from './actions';
import { pageTitle } from '@/server/page-title';

export const generateMetadata = pageTitle('targets');

/** Coverage targets per village for the year of the period, beside the actual figure. */
export default dashboardPage(async ({ searchParams }) => {
  const caller = await requirePageCaller();
  // The table is /api/v1/coverage's village view: its parameters, read the same way.
  const { period, region } = parseParams(coverageContract.params, searchParams);
  const year = yearOf(period);
  const db = await getDb();
  const { locale, messages } = await getI18n();
  const t = messages.targets;
  const view = await getCoverageView(db, { caller, period, regionCode: region, by: 'village', locale });
  const editable = can(caller.role, 'manage:targets') && view.rows.every((row) => row.key.length === 13);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t.title}</h1>
          <p>{interpolate(t.subtitle, { period: formatPeriod(period, locale) })}</p>
        </div>
        <PeriodPicker defaultPeriod={latestCompleteMonth()} max={currentMonth()} navigate />
      </div>
      {!editable ? <p className="note">{t.readOnly}</p> : null}
      <div className="table-wrap">
        <DataTable
          testId="targets-table"
          caption={`${t.year} ${year}`}
          data={view.rows}
          columns={[
            { id: 'village', header: t.village, cell: ({ row }) => row.original.name },
            {
              id: 'target',
              header: t.target,
              cell: ({ row: { original } }) =>
                editable ? (
                  <TargetForm
                    action={updateCoverageTarget}
                    regionCode={original.key}
                    year={year}
                    villageName={original.name}
                    current={original.targetRate ?? null}
                  />
                ) : (
                  formatPercent(original.targetRate ?? null, locale)
                ),
            },
            {
              id: 'actual',
              header: interpolate(t.actual, { period: formatPeriod(period, locale) }),
              meta: { numeric: true },
              cell: ({ row }) => formatPercent(row.original.coverageRate ?? null, locale),
            },
            { id: 'attainment', header: t.attainment, meta: { numeric: true }, cell: ({ row }) => formatPercent(row.original.targetAttainment ?? null, locale) },
          ]}
        />
      </div>
    </>
  );
});
