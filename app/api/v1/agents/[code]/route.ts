import { getDb } from '@/db';
import { getAgentDetail, parseAgentCode } from '@/server/agents';
import { apiRoute, respond } from '@/server/http/api';
import { requireApiCaller } from '@/server/auth/session';
import { AppError } from '@/domain/errors';
import { parseParams } from '@/contracts/params';
import { agentContract } from '@/contracts/agents';
import type { ResponseOf } from '@/contracts/contract';

export const dynamic = 'force-dynamic';

/**
 * `GET /api/v1/agents/{code}?period=` → one agent with its monthly series (the 12 months to the period).
 * An agent outside the caller's scope answers 404, exactly like one that does not exist.
 */
export const GET = apiRoute(async (request: Request, context: { params: Promise<{ code: string }> }) => {
  const caller = await requireApiCaller();
  const code = parseAgentCode((await context.params).code);
  const { period } = parseParams(agentContract.params, new URL(request.url).searchParams);
  const agent = await getAgentDetail(await getDb(), { caller, code, period });
  if (!agent) throw new AppError('not_found', 404, 'notFound');
  const body: ResponseOf<typeof agentContract> = { period, ...agent };
  return respond(request, body, agent.series.map((point) => ({ code: agent.code, ...point })), `agent-${code}-${period}`, caller);
});
