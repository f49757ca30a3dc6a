import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { queryRows, type Database } from '@/db';
import { settings } from '@/db/schema';

/** True when the data is the synthetic demo: every page then says so. */
export async function isDemoData(db: Database): Promise<boolean> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, 'demo_data'));
  return row?.value === true;
}

/** The last day any payment or claim was recorded: the "data as of" date. */
export async function getDataAsOf(db: Database): Promise<string | null> {
  const [row] = await queryRows<{ as_of: string | Date | null }>(
    db,
    sql`select greatest((select max(paid_on) from contributions), (select max(submitted_on) from claims),
                        (select max(enrolled_on) from members))::text as as_of`,
  );
  const value = row?.as_of;
  return value ? String(value).slice(0, 10) : null;
}
