import { getDb } from '@/db';
import { getImportRejectedRows } from '@/server/imports/pipeline';
import { apiRoute, respond } from '@/server/http/api';
import { requireApiCaller } from '@/server/auth/session';
import { AppError } from '@/domain/errors';

export const dynamic = 'force-dynamic';

/** `GET /api/v1/imports/{id}`: the rejected rows of one import (`format=csv` for the downloadable report). */
export const GET = apiRoute(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller();
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) throw new AppError('not_found', 404, 'notFound');
  const rows = await getImportRejectedRows(await getDb(), { caller, importId: id });
  return respond(request, { rows }, rows, `impor-${id}-ditolak`, caller);
});
