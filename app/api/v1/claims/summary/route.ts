import { getDb } from '@/db';
import { getClaimsSummary } from '@/server/claims';
import { apiRoute, respond } from '@/server/http/api';
import { requireApiCaller } from '@/server/auth/session';
import { parseClaimRangeParams, parseProgramParam } from '@/contracts/params';

export const dynamic = 'force-dynamic';

/**
 * The claim figures of from..to (default the latest complete month): payouts by programme (payment
 * date), the status funnel of the claims submitted, turnaround median and 90th percentile
 * (percentile_cont), approval rate; plus by month, by village, rejection reasons, payouts against
 * contributions and the solidarity effect. `format=csv` gives the payouts by programme.
 */
export const GET = apiRoute(async (request: Request) => {
  const caller = await requireApiCaller();
  const params = new URL(request.url).searchParams;
  const { from, to } = parseClaimRangeParams(params.get('from'), params.get('to'));
  const summary = await getClaimsSummary(await getDb(), {
    caller,
    from,
    to,
    program: parseProgramParam(params.get('program')),
    region: params.get('region'),
  });
  return respond(request, summary, summary.byProgram, `claims-summary-${from}-${to}`, caller);
});
