import { getDb } from '@/db';
import { getTrendView, parseMetric } from '@/server/coverage';
import { apiRoute, respond } from '@/server/http/api';
import { requireApiCaller } from '@/server/auth/session';
import { parseRangeParams } from '@/contracts/params';

export const dynamic = 'force-dynamic';

/** `GET /api/v1/trend?metric=&from=&to=&region=` → `{ metric, points: [{ period, value }] }`. */
export const GET = apiRoute(async (request: Request) => {
  const caller = await requireApiCaller();
  const params = new URL(request.url).searchParams;
  const metric = parseMetric(params.get('metric'));
  const { from, to } = parseRangeParams(params.get('from'), params.get('to'));
  const trend = await getTrendView(await getDb(), { caller, metric, from, to, regionCode: params.get('region') });
  return respond(request, trend, trend.points, `trend-${metric}-${trend.region}-${from}-${to}`, caller);
});
