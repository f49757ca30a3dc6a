import { getDb } from '@/db';
import { getMapView } from '@/server/map';
import { apiRoute, respond } from '@/server/http/api';
import { requireApiCaller } from '@/server/auth/session';
import { parseMapMetricParam, parsePeriodParam } from '@/contracts/params';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(async (request: Request) => {
  const caller = await requireApiCaller();
  const params = new URL(request.url).searchParams;
  const period = parsePeriodParam(params.get('period'));
  const metric = parseMapMetricParam(params.get('metric'));
  const view = await getMapView(await getDb(), { caller, period, metric, regionCode: params.get('region') });
  const rows = view.features.map((feature) => ({ ...feature.properties, period }));
  return respond(request, view, rows, `map-${metric}-${period}`, caller);
});
