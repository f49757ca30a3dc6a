import { getDb } from '@/db';
import { listTasks } from '@/server/followup';
import { apiRoute, respond } from '@/server/http/api';
import { clientAddress } from '@/server/http/client-address';
import { requireApiCaller } from '@/server/auth/session';
import { parseParams } from '@/contracts/params';
import { tasksContract } from '@/contracts/followup';
import type { ResponseOf } from '@/contracts/contract';
import { todayInJakarta } from '@/domain/month';

export const dynamic = 'force-dynamic';

/** The caller's follow-up tasks: an agent's own, a supervisor's agents', an officer's region's. */
export const GET = apiRoute(async (request: Request) => {
  const caller = await requireApiCaller();
  const { state } = parseParams(tasksContract.params, new URL(request.url).searchParams);
  const rows = await listTasks(await getDb(), { caller, state: state ?? null, today: todayInJakarta(), ip: clientAddress(request.headers) });
  const body: ResponseOf<typeof tasksContract> = { rows };
  return respond(request, body, rows as unknown as Record<string, unknown>[], 'tasks', caller);
});
