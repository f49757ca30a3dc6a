import 'server-only';
import { sql } from 'drizzle-orm';
import type { Database } from '@/db';
import { cachedRows } from '@/db/figures-cache';

/** True when the data is the synthetic demo: every page then says so. */
export async function isDemoData(db: Database): Promise<boolean> {
  const [row] = await cachedRows<{ value: unknown }>(db, sql`select value from settings where key = 'demo_data'`);
  return row?.value === true;
}

/** The last day any payment or claim was recorded: the "data as of" date. */
export async function getDataAsOf(db: Database): Promise<string | null> {
  const [row] = await cachedRows<{ as_of: string | Date | null }>(
    db,
    sql`select greatest((select max(paid_on) from contributions), (select max(submitted_on) from claims),
                        (select max(enrolled_on) from members))::text as as_of`,
  );
  const value = row?.as_of;
  return value ? String(value).slice(0, 10) : null;
}
