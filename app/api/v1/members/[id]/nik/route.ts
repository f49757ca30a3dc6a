import { NextResponse } from 'next/server';
import { getDb } from '@/db';
import { revealNik } from '@/server/members';
import { apiRoute } from '@/server/http/api';
import { clientAddress } from '@/server/http/client-address';
import { requireApiCaller } from '@/server/auth/session';
import { parseIdSegment } from '@/contracts/params';
import { revealNikContract } from '@/contracts/members';
import type { ResponseOf } from '@/contracts/contract';

export const dynamic = 'force-dynamic';

/** Reveals one member's full NIK (POST: it is an audited act, never a cacheable read or a URL). */
export const POST = apiRoute(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller();
  const id = parseIdSegment('id', (await params).id);
  const body: ResponseOf<typeof revealNikContract> = { nik: await revealNik(await getDb(), { caller, memberId: id, ip: clientAddress(request.headers) }) };
  return NextResponse.json(body, { headers: { 'cache-control': 'no-store' } });
});
