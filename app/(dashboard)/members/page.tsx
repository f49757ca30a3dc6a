import { getDb } from '@/db';
import { listMembers } from '@/server/members';
import { NikCell } from '@/components/members/nik-cell';
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
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t.name}</th>
                <th scope="col">{t.nik}</th>
                <th scope="col">{t.kpj}</th>
                <th scope="col">{t.village}</th>
                <th scope="col">{t.occupation}</th>
                <th scope="col">{t.agent}</th>
                <th scope="col">{t.enrolledOn}</th>
                <th scope="col">{interpolate(t.status, { period: formatPeriod(period, locale) })}</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((member) => (
                <tr key={member.id}>
                  <td>{member.name}</td>
                  <td>
                    <NikCell memberId={member.id} masked={member.nikMasked} />
                  </td>
                  <td>{member.kpj ?? '–'}</td>
                  <td>{member.villageName}</td>
                  <td>{member.occupation ?? '–'}</td>
                  <td>{member.agentCode ?? '–'}</td>
                  <td>{formatDate(member.enrolledOn, locale)}</td>
                  <td>
                    <span className={`status status-${member.status ?? 'none'}`}>
                      {messages.memberStatus[member.status ?? 'none']}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
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
