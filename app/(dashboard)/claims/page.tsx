import Link from 'next/link';
import { getDb } from '@/db';
import { getClaimFilterChoices, getClaimsSummary, listClaims } from '@/server/claims';
import { ClaimsView } from '@/components/claims/claims-view';
import { can } from '@/domain/permissions';
import { requirePagePermission } from '@/server/auth/session';
import { getI18n } from '@/server/i18n';
import { addMonths, currentMonth } from '@/domain/month';
import { parseParams } from '@/contracts/params';
import { claimsContract } from '@/contracts/claims';
import { dashboardPage } from '../dashboard-page';
import { CLAIM_PARAM_KEYS, type ClaimParams } from '@/components/claims/queries';
import { pageTitle } from '@/server/page-title';

export const generateMetadata = pageTitle('claims');

/**
 * The claims area: summary and register for the filters in the URL. The page shows the twelve months
 * up to the current one by default (open claims of this month included); the API's own default is the
 * latest complete month, and the page always passes its range explicitly.
 */
export default dashboardPage(
  async ({ searchParams }) => {
    const caller = await requirePagePermission('view:aggregates');
    const { messages } = await getI18n();
    const t = messages.claims;
    const to = currentMonth();
    const defaults: ClaimParams = {
      program: '',
      status: '',
      region: '',
      community: '',
      agent: '',
      basis: '',
      from: addMonths(to, -11),
      to,
      sort: 'submittedOn',
      dir: 'desc',
      page: '',
    };
    const params: ClaimParams = { ...defaults };
    for (const key of CLAIM_PARAM_KEYS) {
      const value = searchParams[key];
      if (typeof value === 'string' && value) params[key] = value;
    }
    // The register and the summary read the URL exactly as their API endpoints do.
    const list = parseParams(claimsContract.params, params);
    const personal = can(caller.role, 'view:personal-data');
    const db = await getDb();
    const range = { from: list.from, to: list.to };
    const filters = { program: list.program ?? null, region: list.region ?? null };
    const [rows, summary, choices] = await Promise.all([
      // The register's rows only for roles that may see persons (district officials: aggregates only).
      !personal ? null : listClaims(db, {
        caller,
        filters: {
          ...filters,
          status: list.status ?? null,
          // Filters of personal scope are left out for roles that may not use them (the API refuses them).
          community: list.community ?? null,
          agent: list.agent ?? null,
          basis: list.basis,
          ...range,
        },
        sort: list.sort,
        direction: list.dir,
        page: list.page,
      }),
      getClaimsSummary(db, { caller, ...range, ...filters, explain: true }),
      getClaimFilterChoices(db, { caller }),
    ]);
    const data = { list: rows ? { ...rows, ...range } : null, summary, choices };
    return (
      <>
        <div className="page-head">
          <div>
            <h1>{t.title}</h1>
            <p>{t.intro}</p>
          </div>
          {can(caller.role, 'manage:claims') ? (
            <Link href="/claims/new" className="secondary-button no-print">
              {t.newLink}
            </Link>
          ) : null}
        </div>
        <ClaimsView
          defaults={defaults}
          initialParams={params}
          initialList={data.list}
          initialSummary={data.summary}
          choices={data.choices}
          personal={personal}
          canExport={can(caller.role, 'export:data')}
        />
      </>
    );
  },
  { resetHref: '/claims' },
);
