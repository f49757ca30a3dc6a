import { getDb } from '@/db';
import { listMembers } from '@/server/members';
import { NikCell } from '@/components/members/nik-cell';
import { DataTable } from '@/components/ui/data-table';
import { Pager } from '@/components/ui/pager';
import { requirePagePermission } from '@/server/auth/session';
import { formatDate, formatNumber, formatPeriod } from '@/domain/format';
import { interpolate } from '@/i18n';
import { getI18n } from '@/server/i18n';
import { parseParams, toSearch } from '@/contracts/params';
import { membersContract } from '@/contracts/members';
import { dashboardPage } from '../dashboard-page';
import { pageTitle } from '@/server/page-title';

export const generateMetadata = pageTitle('members');

export default dashboardPage(async ({ searchParams }) => {
  const caller = await requirePagePermission('view:personal-data');
  const { period, q, page, region, status, enrolled, paid, agent, community } = parseParams(membersContract.params, searchParams);
  const filters = { region, status, enrolled, paid, agent, community };
  const [{ locale, messages }, result] = await Promise.all([
    getI18n(),
    listMembers(await getDb(), { caller, period, query: q, page, filters }),
  ]);
  const t = messages.members;
  // The filters an explanation's link sets (the rows behind a figure), said in words and kept by the form and pager.
  const kept = { region, status, enrolled: enrolled || undefined, paid: paid || undefined, agent, community };
  const said = [
    region ? interpolate(t.filters.region, { value: region }) : null,
    agent ? interpolate(t.filters.agent, { value: agent }) : null,
    community ? interpolate(t.filters.community, { value: community }) : null,
    status ? t.filters[status] : null,
    enrolled ? t.filters.enrolled : null,
    paid ? t.filters.paid : null,
  ].filter((text): text is string => text !== null);
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t.title}</h1>
          <p>{t.intro}</p>
        </div>
      </div>
      <form className="toolbar" role="search" action="/members">
        <label htmlFor="member-search">{t.searchLabel}</label>
        <input id="member-search" name="q" type="search" defaultValue={q ?? ''} autoComplete="off" />
        <input type="hidden" name="period" value={period} />
        {Object.entries(kept).map(([key, value]) =>
          value === undefined || value === null ? null : <input key={key} type="hidden" name={key} value={value === true ? '1' : String(value)} />,
        )}
        <button type="submit">{t.search}</button>
        <span className="muted">{interpolate(t.total, { count: formatNumber(result.total, locale) })}</span>
      </form>
      {said.length > 0 ? (
        <p className="note" data-testid="member-filters">
          {interpolate(t.filtered, { period: formatPeriod(period, locale) })} {said.join(', ')}.{' '}
          <a href={`/members?${toSearch({ period })}`}>{t.clearFilters}</a>
        </p>
      ) : null}
      {result.rows.length === 0 ? (
        <p className="note">{t.noResults}</p>
      ) : (
        <div className="table-scroll">
          <DataTable
            rowHeaders={false}
            data={result.rows}
            columns={[
              { id: 'name', header: t.name, cell: ({ row }) => row.original.name },
              { id: 'nik', header: t.nik, cell: ({ row }) => <NikCell memberId={row.original.id} masked={row.original.nikMasked} /> },
              { id: 'kpj', header: t.kpj, cell: ({ row }) => row.original.kpj ?? '–' },
              { id: 'village', header: t.village, cell: ({ row }) => row.original.villageName },
              { id: 'occupation', header: t.occupation, cell: ({ row }) => row.original.occupation ?? '–' },
              { id: 'agent', header: t.agent, cell: ({ row }) => row.original.agentCode ?? '–' },
              { id: 'enrolledOn', header: t.enrolledOn, cell: ({ row }) => formatDate(row.original.enrolledOn, locale) },
              {
                id: 'status',
                header: interpolate(t.status, { period: formatPeriod(period, locale) }),
                cell: ({ row: { original } }) => (
                  <span className={`status status-${original.status ?? 'none'}`}>{messages.memberStatus[original.status ?? 'none']}</span>
                ),
              },
            ]}
          />
        </div>
      )}
      <Pager
        page={result.page}
        pages={pages}
        hrefFor={(page) =>
          `/members?${toSearch({ q, period, page, ...kept })}`
        }
        labels={{
          nav: messages.admin.pagination,
          previous: messages.admin.previousPage,
          next: messages.admin.nextPage,
          position: interpolate(messages.admin.pageOf, { page: result.page, pages }),
        }}
      />
    </>
  );
});
