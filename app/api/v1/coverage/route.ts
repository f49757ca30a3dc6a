import { getDb } from '@/db';
import { getCommunity, getCoverageView, parseCommunityParam, parseCoverageBy } from '@/server/coverage';
import { AppError } from '@/domain/errors';
import { apiRoute, respond } from '@/server/http/api';
import { requireApiCaller } from '@/server/auth/session';
import { localeFromRequest } from '@/i18n';
import { parsePeriodParam } from '@/contracts/params';

export const dynamic = 'force-dynamic';

/** `GET /api/v1/coverage?by=village|community|occupation|channel&period=&region=` → `{ rows }`. */
export const GET = apiRoute(async (request: Request) => {
  const caller = await requireApiCaller();
  const params = new URL(request.url).searchParams;
  const period = parsePeriodParam(params.get('period'));
  const by = parseCoverageBy(params.get('by'));
  const communityId = parseCommunityParam(params.get('community'));
  const db = await getDb();
  if (communityId !== undefined && !(await getCommunity(db, { caller, id: communityId }))) {
    throw new AppError('not_found', 404, 'notFound');
  }
  const view = await getCoverageView(db, {
    caller,
    communityId,
    period,
    by,
    regionCode: params.get('region'),
    locale: localeFromRequest(request),
  });
  return respond(
    request,
    { rows: view.rows, period: view.period, region: view.region, by: view.by },
    view.rows,
    `coverage-${by}-${view.region}-${period}`,
    caller,
  );
});
