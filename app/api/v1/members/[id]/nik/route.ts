import { NextResponse } from 'next/server';
import { getDb } from '@/db';
import { revealNik } from '@/server/members';
import { apiRoute } from '@/server/http/api';
import { clientAddress } from '@/server/http/client-address';
import { requireApiCaller } from '@/server/auth/session';
import { AppError } from '@/domain/errors';

export const dynamic = 'force-dynamic';

/** Reveals one member's full NIK (POST: it is an audited act, never a cacheable read or a URL). */
export const POST = apiRoute(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller();
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) throw new AppError('not_found', 404, 'notFound');
  const nik = await revealNik(await getDb(), { caller, memberId: id, ip: clientAddress(request.headers) });
  return NextResponse.json({ nik }, { headers: { 'cache-control': 'no-store' } });
});
