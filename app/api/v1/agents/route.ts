import { getDb } from '@/db';
import { listAgents } from '@/server/agents';
import { apiRoute, respond } from '@/server/http/api';
import { requireApiCaller } from '@/server/auth/session';
import { parseParams } from '@/contracts/params';
import { agentsContract } from '@/contracts/agents';
import type { ResponseOf } from '@/contracts/contract';

export const dynamic = 'force-dynamic';

/**
 * `GET /api/v1/agents?period=&supervisor=&village=&community=` → `{ period, rows, trust, options }`:
 * the agents the caller may see (a supervisor: their own) with the month's performance figures.
 */
export const GET = apiRoute(async (request: Request) => {
  const caller = await requireApiCaller();
  const { period, supervisor, village, community, explain } = parseParams(agentsContract.params, new URL(request.url).searchParams);
  const filters = { supervisorId: supervisor, villageCode: village, communityId: community };
  const view: ResponseOf<typeof agentsContract> = await listAgents(await getDb(), { caller, period, filters, explain });
  const csvRows = view.rows.map(({ key: _key, communities, ...row }) => ({ period, ...row, communities: communities.join('; ') }));
  return respond(request, view, csvRows, `agents-${period}`, caller);
});
