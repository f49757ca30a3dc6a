import { getDb } from '@/db';
import { listAgents } from '@/server/agents';
import { apiRoute, respond } from '@/server/http/api';
import { parseAgentFilters } from '@/contracts/agents';
import { requireApiCaller } from '@/server/auth/session';
import { parsePeriodParam } from '@/contracts/params';

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
