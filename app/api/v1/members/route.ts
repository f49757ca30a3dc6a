import { getDb } from '@/db';
import { writeAudit } from '@/server/audit';
import { listMembers } from '@/server/members';
import { apiRoute, requestIp, respond } from '@/server/http/api';
import { requireApiCaller } from '@/server/auth/session';
import { parseParams } from '@/contracts/params';
import { membersContract } from '@/contracts/members';
import type { ResponseOf } from '@/contracts/contract';

export const dynamic = 'force-dynamic';

/** The member register for roles that may see personal data (NIK masked). */
export const GET = apiRoute(async (request: Request) => {
  const caller = await requireApiCaller();
  const { period, q, page, format } = parseParams(membersContract.params, new URL(request.url).searchParams);
  const db = await getDb();
  const result: ResponseOf<typeof membersContract> = await listMembers(db, { caller, period, query: q, page });
  if (format === 'csv') {
    await writeAudit(db, {
      userId: caller.userId,
      actorEmail: caller.email,
      action: 'export',
      entity: 'members',
      details: { rows: result.rows.length, page: result.page },
      ip: requestIp(request),
    });
  }
  return respond(request, result, result.rows as unknown as Record<string, unknown>[], `members-${period}`);
});
