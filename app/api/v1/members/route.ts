import { getDb } from '@/db';
import { listMembers } from '@/server/members';
import { apiRoute, respond } from '@/server/http/api';
import { requireApiCaller } from '@/server/auth/session';
import { parseParams } from '@/contracts/params';
import { membersContract } from '@/contracts/members';
import type { ResponseOf } from '@/contracts/contract';

export const dynamic = 'force-dynamic';

/** The member register for roles that may see personal data (NIK masked); `format=csv|xlsx` exports the page (audited). */
export const GET = apiRoute(async (request: Request) => {
  const caller = await requireApiCaller();
  const { period, q, page, region, status, enrolled, paid, agent, community } = parseParams(membersContract.params, new URL(request.url).searchParams);
  const result: ResponseOf<typeof membersContract> = await listMembers(await getDb(), {
    caller,
    period,
    query: q,
    page,
    filters: { region, status, enrolled, paid, agent, community },
  });
  return respond(request, result, result.rows as unknown as Record<string, unknown>[], `members-${period}`, caller);
});
