import { getDb } from '@/db';
import { getAgentGaps } from '@/server/plan';
import { apiRoute, respond } from '@/server/http/api';
import { requireApiCaller } from '@/server/auth/session';
import { parseParams } from '@/contracts/params';
import { agentGapsContract } from '@/contracts/plan';
import type { ResponseOf } from '@/contracts/contract';
import { localeFromRequest } from '@/i18n';

export const dynamic = 'force-dynamic';

/**
 * `GET /api/v1/plan/agent-gaps?period=&region=` → communities and villages × occupations, those without
 * an active agent from within first, ranked by the members an agent from within would likely keep.
 */
export const GET = apiRoute(async (request: Request) => {
  const caller = await requireApiCaller();
  const { period, region } = parseParams(agentGapsContract.params, new URL(request.url).searchParams);
  const view: ResponseOf<typeof agentGapsContract> = await getAgentGaps(await getDb(), { caller, period, region, locale: localeFromRequest(request) });
  const csvRows = view.rows.map(({ key: _key, ...row }) => ({ period, ...row }));
  return respond(request, view, csvRows, `agent-gaps-${period}`, caller);
});
