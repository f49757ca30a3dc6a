import { getDb } from '@/db';
import { getCommunity, getCoverageView } from '@/server/coverage';
import { AppError } from '@/domain/errors';
import { apiRoute, respond } from '@/server/http/api';
import { requireApiCaller } from '@/server/auth/session';
import { localeFromRequest } from '@/i18n';
import { parseParams } from '@/contracts/params';
import { coverageContract } from '@/contracts/coverage';
import type { ResponseOf } from '@/contracts/contract';

export const dynamic = 'force-dynamic';

/** `GET /api/v1/coverage?by=village|community|occupation|channel&period=&region=` → `{ rows }`. */
export const GET = apiRoute(async (request: Request) => {
  const caller = await requireApiCaller();
  const { period, by, community, region, explain } = parseParams(coverageContract.params, new URL(request.url).searchParams);
  const db = await getDb();
  if (community !== undefined && !(await getCommunity(db, { caller, id: community }))) {
    throw new AppError('not_found', 404, 'notFound');
  }
  const view = await getCoverageView(db, { caller, communityId: community, period, by, regionCode: region, locale: localeFromRequest(request), explain });
  const body: ResponseOf<typeof coverageContract> = {
    rows: view.rows,
    period: view.period,
    region: view.region,
    by: view.by,
    provisional: view.provisional,
    ...(view.explanations ? { explanations: view.explanations } : {}),
  };
  const csvRows = view.rows.map((row) => ({ ...row, provisional: view.provisional }));
  return respond(request, body, csvRows, `coverage-${by}-${view.region}-${period}`, caller);
});
