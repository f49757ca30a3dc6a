import { getDb } from '@/db';
import { listAgents } from '@/db/queries/agents';
import { apiRoute, respond } from '@/lib/api';
import { parseAgentFilters } from '@/lib/agents';
import { requireApiCaller } from '@/lib/auth/session';
import { parsePeriodParam } from '@/lib/params';

export const dynamic = 'force-dynamic';

/**
 * `GET /api/v1/agents?period=&supervisor=&village=&community=` → `{ period, rows, trust, options }`:
 * the agents the caller may see (a supervisor: their own) with the month's performance figures.
 */
export const GET = apiRoute(async (request: Request) => {
  const caller = await requireApiCaller();
  const params = new URL(request.url).searchParams;
  const period = parsePeriodParam(params.get('period'));
  const filters = parseAgentFilters(params);
  const view = await listAgents(await getDb(), { caller, period, filters });
  const csvRows = view.rows.map(({ key: _key, communities, ...row }) => ({ period, ...row, communities: communities.join('; ') }));
  return respond(request, view, csvRows, `agents-${period}`, caller);
});
