import { getDb } from '@/db';
import { getClaimsSummary } from '@/server/claims';
import { apiRoute, respond } from '@/server/http/api';
import { requireApiCaller } from '@/server/auth/session';
import { parseParams } from '@/contracts/params';
import { claimsSummaryContract } from '@/contracts/claims';
import type { ResponseOf } from '@/contracts/contract';

export const dynamic = 'force-dynamic';

/**
 * The claim figures of from..to (default the latest complete month): payouts by programme (payment
 * date), the status funnel of the claims submitted, turnaround median and 90th percentile
 * (percentile_cont), approval rate; plus by month, by village, rejection reasons, payouts against
 * contributions and the solidarity effect. `format=csv` gives the payouts by programme.
 */
export const GET = apiRoute(async (request: Request) => {
  const caller = await requireApiCaller();
  const { from, to, program, region, explain } = parseParams(claimsSummaryContract.params, new URL(request.url).searchParams);
  const summary: ResponseOf<typeof claimsSummaryContract> = await getClaimsSummary(await getDb(), {
    caller,
    from,
    to,
    program: program ?? null,
    region: region ?? null,
    explain,
  });
  return respond(request, summary, summary.byProgram, `claims-summary-${from}-${to}`, caller);
});
