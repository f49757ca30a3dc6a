import { getDb } from '@/db';
import { getCommunity, listCommunities } from '@/server/coverage';
import { apiRoute, respond } from '@/server/http/api';
import { requireApiCaller } from '@/server/auth/session';
import { AppError } from '@/domain/errors';
import { localeFromRequest } from '@/i18n';
import { parseParams } from '@/contracts/params';
import { communitiesContract } from '@/contracts/coverage';
import type { ResponseOf } from '@/contracts/contract';

export const dynamic = 'force-dynamic';

/** `GET /api/v1/communities?period=&region=&id=` → `{ rows, period }`: the communities table. */
export const GET = apiRoute(async (request: Request) => {
  const caller = await requireApiCaller();
  const { period, region, id } = parseParams(communitiesContract.params, new URL(request.url).searchParams);
  const db = await getDb();
  if (id !== undefined && !(await getCommunity(db, { caller, id }))) {
    throw new AppError('not_found', 404, 'notFound');
  }
  const rows = await listCommunities(db, { caller, period, regionCode: region, locale: localeFromRequest(request), communityId: id });
  const body: ResponseOf<typeof communitiesContract> = { rows, period };
  const csvRows = rows.map(({ agents, ...row }) => ({ ...row, agents: agents.join('; ') }));
  return respond(request, body, csvRows, `communities-${period}`, caller);
});
