import { getDb } from '@/db';
import { getTrendView } from '@/server/coverage';
import { apiRoute, respond } from '@/server/http/api';
import { requireApiCaller } from '@/server/auth/session';
import { parseParams } from '@/contracts/params';
import { trendContract } from '@/contracts/coverage';
import type { ResponseOf } from '@/contracts/contract';

export const dynamic = 'force-dynamic';

/** `GET /api/v1/trend?metric=&from=&to=&region=` → `{ metric, points: [{ period, value }] }`. */
export const GET = apiRoute(async (request: Request) => {
  const caller = await requireApiCaller();
  const { metric, from, to, region } = parseParams(trendContract.params, new URL(request.url).searchParams);
  const trend: ResponseOf<typeof trendContract> = await getTrendView(await getDb(), { caller, metric, from, to, regionCode: region });
  return respond(request, trend, trend.points, `trend-${metric}-${trend.region}-${from}-${to}`, caller);
});
