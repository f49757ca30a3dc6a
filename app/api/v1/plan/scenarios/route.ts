import { NextResponse } from 'next/server';
import { getDb } from '@/db';
import { listScenarios } from '@/server/plan';
import { apiRoute } from '@/server/http/api';
import { requireApiCaller } from '@/server/auth/session';
import type { ResponseOf } from '@/contracts/contract';
import type { scenariosContract } from '@/contracts/plan';

export const dynamic = 'force-dynamic';

/** `GET /api/v1/plan/scenarios` → the caller's saved capacity scenarios, newest first. */
export const GET = apiRoute(async () => {
  const caller = await requireApiCaller();
  const body: ResponseOf<typeof scenariosContract> = { rows: await listScenarios(await getDb(), { caller }) };
  return NextResponse.json(body);
});
