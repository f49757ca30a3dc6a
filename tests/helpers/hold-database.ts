// A second process for the folder-lock test: opens an embedded database and writes to it on command.
// stdin lines: "write" inserts a setting, "close" closes and exits. It prints what it did.
import readline from 'node:readline';
import { openDatabase } from '@/db';
import { settings } from '@/db/schema';

async function main() {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: hold-database.ts <folder>');
  const handle = await openDatabase({ pgliteDir: dir, databaseUrl: '', migrate: true });
  let writes = 0;
  console.log('ready');
  for await (const line of readline.createInterface({ input: process.stdin })) {
    if (line === 'write') {
      writes += 1;
      await handle.db.insert(settings).values({ key: `holder-${writes}`, value: writes });
      console.log('written');
    } else if (line === 'close') {
      await handle.close();
      console.log('closed');
      process.exit(0);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
