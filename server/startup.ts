import { eq } from 'drizzle-orm';
import { env } from '@/env';
import { getDatabase } from '@/db';
import { settings } from '@/db/schema';
import { DatabaseLockedError } from '@/db/folder-lock';
import { isDatabaseEmpty, seedDemo } from '@/db/seed';
import { DEMO_PASSWORD, DEMO_USERS } from '@/db/seed/demo-users';
import { fillApproximateBoundaries } from '@/db/seed/geometry';
import { rebuildRollups, rollupsFresh } from '@/db/rollups';

export async function startPayung(): Promise<void> {
  const started = Date.now();
  let handle;
  try {
    handle = await getDatabase();
  } catch (error) {
    if (error instanceof DatabaseLockedError) {
      console.error(`\n[payung] ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  console.log(`[payung] database ready (${handle.engine}: ${handle.location}) in ${Date.now() - started} ms`);

  // PAYUNG_DEMO=off: a production installation never gets demo data.
  if ((await isDatabaseEmpty(handle.db)) && env.PAYUNG_DEMO) {
    const seedStarted = Date.now();
    console.log('[payung] empty database: seeding the synthetic Ajibarang demo data…');
    const counts = await seedDemo(handle);
    const summary = Object.entries(counts)
      .map(([table, count]) => `${table} ${count}`)
      .join(', ');
    console.log(`[payung] demo data seeded in ${Date.now() - seedStarted} ms: ${summary}`);
  }

  // A database written outside the app (or from before the rollup existed) gets its rollup rebuilt;
  // until then the figures come from the raw tables.
  if (!(await rollupsFresh(handle.db))) {
    console.log('[payung] building the monthly rollup…');
    const rollup = await rebuildRollups(handle.db, { workers: handle.engine === 'postgres' ? 2 : 1 });
    console.log(`[payung] rollup built: ${rollup.rows} rows in ${rollup.ms} ms`);
  }
  // Databases seeded before village boundaries existed get the approximate ones (a no-op afterwards).
  const filled = await fillApproximateBoundaries(handle.db);
  if (filled > 0) console.log(`[payung] approximate boundaries drawn for ${filled} villages`);

  const [demo] = await handle.db.select({ value: settings.value }).from(settings).where(eq(settings.key, 'demo_data'));
  // Every server process starts this way (scripts/server.mjs); the first one speaks for them.
  if (demo?.value === true && env.PAYUNG_WORKER_INDEX === 0) {
    console.log(`[payung] DEMO MODE: synthetic data. Demo sign-ins, password "${DEMO_PASSWORD}":`);
    for (const user of DEMO_USERS) console.log(`[payung]   ${user.email.padEnd(26)} ${user.role}`);
  }

  // Close the embedded database cleanly so its folder is left consistent and unlocked.
  // A repeated signal (Ctrl-C reaches the whole process group, and the server's parent passes it on) must
  // not cut the close short.
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    void handle.close().finally(() => process.exit(signal === 'SIGINT' ? 130 : 0));
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}
