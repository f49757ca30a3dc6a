import { NextResponse } from 'next/server';
import { getDb } from '@/db';
import { changeTask } from '@/server/followup';
import { apiRoute } from '@/server/http/api';
import { clientAddress } from '@/server/http/client-address';
import { requireApiCaller } from '@/server/auth/session';
import { parseIdSegment } from '@/contracts/params';
import type { taskPatchContract } from '@/contracts/followup';
import type { ResponseOf } from '@/contracts/contract';
import { taskChangeSchema } from '@/domain/followup';
import { AppError } from '@/domain/errors';
import { todayInJakarta } from '@/domain/month';

export const dynamic = 'force-dynamic';

/**
 * Records an outcome or a meeting, reassigns or cancels a task (apiRoute refuses another site's request).
 * The body names the version read: a task changed since answers 409.
 */
export const PATCH = apiRoute(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller();
  const id = parseIdSegment('id', (await params).id);
  const parsed = taskChangeSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('bad_body', 400, 'badTaskChange', { message: issue.message }, String(issue.path[0] ?? 'body'));
  }
  const task: ResponseOf<typeof taskPatchContract> = await changeTask(await getDb(), {
    caller,
    taskId: id,
    change: parsed.data,
    today: todayInJakarta(),
    ip: clientAddress(request.headers),
  });
  return NextResponse.json(task, { headers: { 'cache-control': 'no-store' } });
});
