// `npm run db:maintain`: operator work that takes an exclusive lock on a big table, kept out of the start
// so no upgrade waits on it: CLUSTER rewrites the monthly rollup in key order, leaving each page the free
// room (fillfactor 75) that lets imports update it in place; ANALYZE refreshes the planner's statistics.
// The rollup is unreadable while it runs (seconds on a kecamatan, about a minute on a kabupaten): run it
// when the office is closed. Migration 0014 did this once and cannot change: a database upgraded from
// before it runs that CLUSTER once, at its first start.
import { sql } from 'drizzle-orm';
import { openDatabase } from '@/db';

async function main() {
  const handle = await openDatabase();
  try {
    const started = Date.now();
    await handle.db.execute(sql`cluster rollup_monthly using rollup_monthly_dimension_month_village_code_key_pk`);
    await handle.db.execute(sql`analyze`);
    console.log(`Rollup clustered and statistics refreshed in ${((Date.now() - started) / 1000).toFixed(1)} s (${handle.engine}: ${handle.location}).`);
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
