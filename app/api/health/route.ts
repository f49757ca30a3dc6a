import { sql } from 'drizzle-orm';
import { NextResponse } from 'next/server';
import { getDatabase } from '@/db';
import { describeError } from '@/db/errors';
import { startupState } from '@/server/startup-state';

export const dynamic = 'force-dynamic';

/**
 * No session needed: for uptime checks and load balancers. Says nothing about the data. 503 `starting`
 * until this process's start-up work (migrations, reference data, the demo seed) is done.
 */
export async function GET() {
  const state = startupState();
  if (state === 'starting') return NextResponse.json({ status: 'starting' }, { status: 503 });
  if (state === 'failed') return NextResponse.json({ status: 'failed', database: 'down' }, { status: 503 });
  try {
    const { db } = await getDatabase();
    await db.execute(sql`select 1`);
    return NextResponse.json({ status: 'ok', database: 'ok' });
  } catch (error) {
    console.error('[health] database check failed:', describeError(error, { stack: false }));
    return NextResponse.json({ status: 'degraded', database: 'down' }, { status: 503 });
  }
}
