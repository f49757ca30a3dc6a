// The one start-up sequence of a Payung database, in this order, under a lock so that any number of
// processes starting at once (server workers, several hosts, a CLI) run it once and the others find it
// done: the committed migrations and the functions and triggers of db/sql, the shipped reference data,
// then, only when asked and only into a database without an office's own data, the demo seed. Then the
// repairs a database written outside the app may need (a stale rollup, villages without a polygon).
import { migrateDatabase, type DatabaseHandle } from './index';
import { loadReferenceData, type DatasetLoad } from './reference/load';
import { isDatabaseEmpty, seedDemo } from './seed';
import { fillApproximateBoundaries } from './seed/geometry';
import { rebuildRollups, rollupsFresh } from './rollups';
import type { SeedCounts } from './seed/util';

export interface PrepareOptions {
  /** Seed the synthetic demo into a database that holds no office data. */
  demo: boolean;
  log?: (message: string) => void;
}

export interface PrepareReport {
  reference: DatasetLoad[];
  /** The demo's row counts when it was seeded now. */
  demo: SeedCounts | null;
  ms: number;
}

export async function prepareDatabase(handle: DatabaseHandle, options: PrepareOptions): Promise<PrepareReport> {
  const log = options.log ?? (() => {});
  return handle.exclusively(async () => {
    const started = Date.now();
    // 1. Migrations (drizzle records each one, so an upgrade applies the new ones once), then db/sql.
    await migrateDatabase(handle);
    // 2. Reference data shipped with this version (a no-op when the database holds it already).
    const reference = await loadReferenceData(handle.db);
    for (const load of reference.filter((l) => l.status === 'loaded')) {
      log(
        `reference data "${load.dataset}" version ${load.version}: ${load.inserted} added, ${load.updated} updated` +
          (load.kept > 0 ? `, ${load.kept} changed in the app kept as they are` : ''),
      );
    }
    // 3. The demo, into a database with no office data only.
    let demo: SeedCounts | null = null;
    if (options.demo && (await isDatabaseEmpty(handle.db))) {
      log('no office data: seeding the synthetic Ajibarang demo data…');
      demo = await seedDemo(handle);
    }
    // 4. A database written outside the app (or from before the rollup existed) gets its rollup rebuilt;
    // until then the figures come from the raw tables.
    if (!(await rollupsFresh(handle.db))) {
      log('building the monthly rollup…');
      const rollup = await rebuildRollups(handle.db, { workers: handle.engine === 'postgres' ? 2 : 1 });
      log(`rollup built: ${rollup.rows} rows in ${rollup.ms} ms`);
    }
    // Villages with a centroid and no polygon get approximate ones (a no-op once they have one).
    const filled = await fillApproximateBoundaries(handle.db);
    if (filled > 0) log(`approximate boundaries drawn for ${filled} villages`);
    return { reference, demo, ms: Date.now() - started };
  });
}
