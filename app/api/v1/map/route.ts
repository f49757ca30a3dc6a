import { getDb } from '@/db';
import { getMapView } from '@/server/map';
import { apiRoute, respond } from '@/server/http/api';
import { requireApiCaller } from '@/server/auth/session';
import { parseParams } from '@/contracts/params';
import { mapContract } from '@/contracts/map';
import type { ResponseOf } from '@/contracts/contract';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(async (request: Request) => {
  const caller = await requireApiCaller();
  const { period, metric, region } = parseParams(mapContract.params, new URL(request.url).searchParams);
  const view: ResponseOf<typeof mapContract> = await getMapView(await getDb(), { caller, period, metric, regionCode: region });
  const rows = view.features.map((feature) => ({ ...feature.properties, period, provisional: view.provisional }));
  return respond(request, view, rows, `map-${metric}-${period}`, caller);
});
