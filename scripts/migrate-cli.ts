// `npm run db:migrate`: the database's start-up sequence without a server and without the demo
// (db/prepare.ts: the committed migrations, then the shipped reference data), on DATABASE_URL or the
// embedded database. Safe while servers run: it waits for any other start-up on the same database.
import { openDatabase } from '@/db';
import { prepareDatabase } from '@/db/prepare';

async function main() {
  const handle = await openDatabase();
  try {
    const report = await prepareDatabase(handle, { demo: false, log: (message) => console.log(message) });
    console.log(`Migrations and reference data applied in ${report.ms} ms (${handle.engine}: ${handle.location}).`);
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
