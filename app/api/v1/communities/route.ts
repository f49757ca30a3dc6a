import { getDb } from '@/db';
import { getCommunity, listCommunities, parseCommunityParam } from '@/server/coverage';
import { apiRoute, respond } from '@/server/http/api';
import { requireApiCaller } from '@/server/auth/session';
import { AppError } from '@/domain/errors';
import { localeFromRequest } from '@/i18n';
import { parsePeriodParam } from '@/contracts/params';

export const dynamic = 'force-dynamic';

/** `GET /api/v1/communities?period=&region=&id=` → `{ rows }`: the communities table. */
export const GET = apiRoute(async (request: Request) => {
  const caller = await requireApiCaller();
  const params = new URL(request.url).searchParams;
  const period = parsePeriodParam(params.get('period'));
  const id = parseCommunityParam(params.get('id'));
  const db = await getDb();
  if (id !== undefined && !(await getCommunity(db, { caller, id }))) {
    throw new AppError('not_found', 404, 'notFound');
  }
  const rows = await listCommunities(db, {
    caller,
    period,
    regionCode: params.get('region'),
    locale: localeFromRequest(request),
    communityId: id,
  });
  const csvRows = rows.map(({ agents, ...row }) => ({ ...row, agents: agents.join('; ') }));
  return respond(request, { rows }, csvRows, `communities-${period}`, caller);
});
