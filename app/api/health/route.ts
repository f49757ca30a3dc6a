import { sql } from 'drizzle-orm';
import { NextResponse } from 'next/server';
import { getDatabase } from '@/db';
import { describeError } from '@/db/errors';

export const dynamic = 'force-dynamic';

/** No session needed: for uptime checks. Says nothing about the data. */
export async function GET() {
  try {
    const { db } = await getDatabase();
    await db.execute(sql`select 1`);
    return NextResponse.json({ status: 'ok', database: 'ok' });
  } catch (error) {
    console.error('[health] database check failed:', describeError(error, { stack: false }));
    return NextResponse.json({ status: 'degraded', database: 'down' }, { status: 503 });
  }
}
