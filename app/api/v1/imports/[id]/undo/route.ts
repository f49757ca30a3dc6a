import { revalidatePath } from 'next/cache';
import { NextResponse } from 'next/server';
import { getDb } from '@/db';
import { undoImport } from '@/server/imports/pipeline';
import { apiRoute } from '@/server/http/api';
import { clientAddress } from '@/server/http/client-address';
import { requireApiCaller } from '@/server/auth/session';
import { AppError } from '@/domain/errors';

export const dynamic = 'force-dynamic';

/** `POST /api/v1/imports/{id}/undo`: removes what the import added and restores what it changed. */
export const POST = apiRoute(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller();
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) throw new AppError('not_found', 404, 'notFound');
  const result = await undoImport(await getDb(), { caller, importId: id, ip: clientAddress(request.headers) });
  revalidatePath('/', 'layout');
  return NextResponse.json({ id, ...result });
});
