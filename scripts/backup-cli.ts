// `npm run db:backup [-- --out FILE]` and `npm run db:restore -- FILE [--replace]`: a backup of the
// database the server uses (DATABASE_URL, or the embedded one in ./.data/pglite or PGLITE_DIR) and its
// restore. PostgreSQL: pg_dump's custom format, taken while the servers run. The embedded database: a
// tarball of its folder, with the server stopped (it holds the folder). db/backup.ts says how.
import { DEFAULT_PGLITE_DIR } from '@/db';
import { backupDatabase, defaultBackupFile, restoreDatabase, type BackupTarget } from '@/db/backup';

const USAGE = 'Usage: npm run db:backup [-- --out FILE]  |  npm run db:restore -- FILE [--replace]';

async function main() {
  const [command, ...args] = process.argv.slice(2);
  const target: BackupTarget = {
    databaseUrl: process.env.DATABASE_URL || undefined,
    pgliteDir: process.env.PGLITE_DIR || DEFAULT_PGLITE_DIR,
  };
  const engine = target.databaseUrl ? 'postgres' : 'pglite';
  const where = target.databaseUrl ? new URL(target.databaseUrl).pathname.slice(1) : target.pgliteDir;
  if (command === 'backup') {
    const outAt = args.indexOf('--out');
    if (args.some((a, i) => a !== '--out' && i !== outAt + 1)) throw new Error(USAGE);
    const file = outAt >= 0 ? args[outAt + 1] : defaultBackupFile(engine);
    if (!file) throw new Error(USAGE);
    const result = await backupDatabase(target, file);
    console.log(`Backed up ${engine} database ${where} to ${result.file} (${(result.bytes / 1024 / 1024).toFixed(1)} MB, ${result.ms} ms).`);
  } else if (command === 'restore') {
    const files = args.filter((a) => a !== '--replace');
    if (files.length !== 1 || args.length - files.length > 1) throw new Error(USAGE);
    const result = await restoreDatabase(target, files[0]!, { replace: args.includes('--replace') });
    console.log(`Restored ${files[0]} into ${engine} database ${where} (${result.ms} ms).`);
    if (result.movedAside) console.log(`The database that was there is kept in ${result.movedAside}.`);
    console.log('The next start applies the migrations and reference data newer than the backup.');
  } else {
    throw new Error(USAGE);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
