import { getDb } from '@/db';
import { getSummaryView } from '@/server/summary';
import { apiRoute, respond } from '@/server/http/api';
import { requireApiCaller } from '@/server/auth/session';
import { parsePeriodParam } from '@/contracts/params';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(async (request: Request) => {
  const caller = await requireApiCaller();
  const params = new URL(request.url).searchParams;
  const period = parsePeriodParam(params.get('period'));
  const compare = params.get('compare') === '1' || params.get('compare') === 'true';
  const summary = await getSummaryView(await getDb(), { caller, period, regionCode: params.get('region'), compare });
  const { previousMonth: _p, sameMonthLastYear: _l, ...flat } = summary;
  return respond(request, summary, [flat as unknown as Record<string, unknown>], `summary-${period}`, caller);
});
