import { getDb } from '@/db';
import { getCapacityPlan } from '@/server/plan';
import { apiRoute, respond } from '@/server/http/api';
import { requireApiCaller } from '@/server/auth/session';
import { parseParams } from '@/contracts/params';
import { capacityContract } from '@/contracts/plan';

export const dynamic = 'force-dynamic';

/**
 * `GET /api/v1/plan/capacity?region=&target=&by=&embedded=&period=` → the monthly enrolments and agents a
 * coverage target (percent, by month `by`) needs at the observed rates, the path against the current
 * trend, and the rates used. `format=csv` gives the path.
 */
export const GET = apiRoute(async (request: Request) => {
  const caller = await requireApiCaller();
  const { period, region, target, by, embedded } = parseParams(capacityContract.params, new URL(request.url).searchParams);
  const view = await getCapacityPlan(await getDb(), { caller, period, region, targetRate: target, targetMonth: by, embeddedShare: embedded ?? null });
  return respond(request, view, view.path, `capacity-${view.region}-${view.targetMonth}`, caller);
});
