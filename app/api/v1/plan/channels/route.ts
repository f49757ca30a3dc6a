import { getDb } from '@/db';
import { getChannelEffectiveness } from '@/server/plan';
import { apiRoute, respond } from '@/server/http/api';
import { requireApiCaller } from '@/server/auth/session';
import { parseParams } from '@/contracts/params';
import { channelsContract } from '@/contracts/plan';

export const dynamic = 'force-dynamic';

/**
 * `GET /api/v1/plan/channels?from=&to=&region=&community=` → per recruitment channel, the enrolments of
 * from..to with their 3/6/12-month retention, members active and in arrears in `to`, claims since.
 */
export const GET = apiRoute(async (request: Request) => {
  const caller = await requireApiCaller();
  const { from, to, region, community } = parseParams(channelsContract.params, new URL(request.url).searchParams);
  const view = await getChannelEffectiveness(await getDb(), { caller, from, to, region, communityId: community });
  const csvRows = view.rows.map((r) => ({
    from: view.from,
    to: view.to,
    channel: r.key,
    enrolments: r.enrolments,
    share: r.share,
    retention3m: r.retention3m.rate,
    retention3mCohort: r.retention3m.cohort,
    retention6m: r.retention6m.rate,
    retention6mCohort: r.retention6m.cohort,
    retention12m: r.retention12m.rate,
    retention12mCohort: r.retention12m.cohort,
    activeNow: r.activeNow,
    membersInArrears: r.membersInArrears,
    claims: r.claims,
    membersWithClaim: r.membersWithClaim,
  }));
  return respond(request, view, csvRows, `channels-${view.from}-${view.to}`, caller);
});
