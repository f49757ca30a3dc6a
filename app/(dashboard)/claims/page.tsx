import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db';
import { getClaimFilterChoices, getClaimsSummary, listClaims } from '@/server/claims';
import { ClaimsView } from '@/components/claims/claims-view';
import { MessageBox } from '@/components/ui/message-box';
import { can } from '@/domain/permissions';
import { requirePagePermission } from '@/server/auth/session';
import { AppError } from '@/domain/errors';
import { getI18n } from '@/server/i18n';
import { addMonths, currentMonth } from '@/domain/month';
import {
  parseClaimRangeParams,
  parseClaimSortParams,
  parseClaimStatusParam,
  parsePageParam,
  parseProgramParam,
} from '@/contracts/params';
import { CLAIM_PARAM_KEYS, type ClaimParams } from '@/components/claims/queries';

export const metadata: Metadata = { title: 'Klaim' };

/**
 * The claims area: summary and register for the filters in the URL. The page shows the twelve months
 * up to the current one by default (open claims of this month included); the API's own default is the
 * latest complete month, and the page always passes its range explicitly.
 */
export default async function ClaimsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const caller = await requirePagePermission('view:aggregates');
  const raw = await searchParams;
  const { locale, messages } = await getI18n();
  const t = messages.claims;
  const to = currentMonth();
  const defaults: ClaimParams = {
    program: '',
    status: '',
    region: '',
    community: '',
    agent: '',
    from: addMonths(to, -11),
    to,
    sort: 'submittedOn',
    dir: 'desc',
    page: '',
  };
  const params: ClaimParams = { ...defaults };
  for (const key of CLAIM_PARAM_KEYS) {
    const value = raw[key];
    if (typeof value === 'string' && value) params[key] = value;
  }
  const personal = can(caller.role, 'view:personal-data');
  const db = await getDb();
  let data;
  try {
    const range = parseClaimRangeParams(params.from, params.to);
    const program = parseProgramParam(params.program);
    const { sort, direction } = parseClaimSortParams(params.sort, params.dir);
    const [list, summary, choices] = await Promise.all([
      listClaims(db, {
        caller,
        filters: {
          program,
          status: parseClaimStatusParam(params.status),
          region: params.region || null,
          community: personal && /^\d{1,9}$/.test(params.community) ? Number(params.community) : null,
          agent: personal && params.agent ? params.agent.slice(0, 20) : null,
          ...range,
        },
        sort,
        direction,
        page: parsePageParam(params.page),
      }),
      getClaimsSummary(db, { caller, ...range, program, region: params.region || null }),
      getClaimFilterChoices(db, { caller }),
    ]);
    data = { list: { ...list, ...range }, summary, choices };
  } catch (error) {
    if (error instanceof AppError) {
      return (
        <MessageBox title={messages.errors.title}>
          <p>{error.localizedMessage(locale)}</p>
          <Link href="/claims">{t.reset}</Link>
        </MessageBox>
      );
    }
    throw error;
  }
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
}
