// `npm run db:migrate`: applies the committed migrations to DATABASE_URL or the embedded database.
import { openDatabase } from '@/db';

async function main() {
  const handle = await openDatabase({ migrate: true });
  console.log(`Migrations applied (${handle.engine}: ${handle.location}).`);
  await handle.close();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
