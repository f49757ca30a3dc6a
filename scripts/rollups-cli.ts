// `npm run rollups:rebuild`: rebuilds the monthly rollup of DATABASE_URL or the embedded database from
// the raw tables (after writes made outside the app, or to check the maintained rollup).
import { openDatabase } from '@/db';
import { rebuildRollups } from '@/db/rollups';

async function main() {
  const handle = await openDatabase({ migrate: true });
  try {
    console.log(`Rebuilding the rollup of ${handle.engine} database at ${handle.location} ...`);
    // A PostgreSQL server sums chunks of members on two connections at once (this machine has two cores).
    const { rows, ms } = await rebuildRollups(handle.db, {
      workers: handle.engine === 'postgres' ? 2 : 1,
      log: (message) => console.log(`  ${message}`),
    });
    console.log(`Done: ${rows.toLocaleString('en')} rollup rows in ${(ms / 1000).toFixed(1)} s.`);
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
