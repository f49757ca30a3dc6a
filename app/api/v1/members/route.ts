import { getDb } from '@/db';
import { listMembers } from '@/server/members';
import { apiRoute, respond } from '@/server/http/api';
import { requireApiCaller } from '@/server/auth/session';
import { parsePeriodParam } from '@/contracts/params';

export const dynamic = 'force-dynamic';

/** The member register for roles that may see personal data (NIK masked); `format=csv|xlsx` exports the page (audited). */
export const GET = apiRoute(async (request: Request) => {
  const caller = await requireApiCaller();
  const params = new URL(request.url).searchParams;
  const period = parsePeriodParam(params.get('period'));
  const result = await listMembers(await getDb(), {
    caller,
    period,
    query: params.get('q') ?? undefined,
    page: Number(params.get('page') ?? 1) || 1,
  });
  return respond(request, result, result.rows as unknown as Record<string, unknown>[], `members-${period}`, caller);
});
