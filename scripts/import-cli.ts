// `npm run import -- --kind members|contributions|claims [--mode all|valid_only|preview] [--email user] FILE.csv|FILE.xlsx`
// Imports a file on the configured database through the same streamed validation and chunked upserts as
// the page and the API (all-or-nothing by default), printing a progress line and the report's counts.
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { openDatabase } from '@/db';
import { runImport } from '@/server/imports/pipeline';
import { type ImportRunMode } from '@/contracts/imports';
import { IMPORT_KINDS, type ImportKind } from '@/domain/enums';
import { users } from '@/db/schema';
import { fileRecords, type CsvRecord } from '@/server/imports/stream';
import { toAppError } from '@/server/imports/upload';
import type { ImportSource } from '@/contracts/imports';
import { AppError } from '@/domain/errors';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function* withProgress(records: AsyncIterable<CsvRecord[]>, started: number): AsyncGenerator<CsvRecord[]> {
  let count = 0;
  let shown = 0;
  for await (const chunk of records) {
    count += chunk.length;
    if (count - shown >= 10_000) {
      shown = count;
      const seconds = (Date.now() - started) / 1000;
      process.stderr.write(`\r${count.toLocaleString('id-ID')} baris dibaca, ${Math.round(count / seconds).toLocaleString('id-ID')} baris/detik`);
    }
    yield chunk;
  }
}

async function main() {
  const kind = argument('kind') as ImportKind | undefined;
  const mode = (argument('mode') ?? 'all') as ImportRunMode;
  const file = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !all[i - 1]?.startsWith('--')).pop();
  if (!kind || !(IMPORT_KINDS as readonly string[]).includes(kind) || !file || !['all', 'valid_only', 'preview'].includes(mode)) {
    console.error(`Pakai: npm run import -- --kind ${IMPORT_KINDS.join('|')} [--mode all|valid_only|preview] [--email pengguna] BERKAS.csv`);
    process.exit(2);
  }
  const handle = await openDatabase({ migrate: true });
  try {
    const email = argument('email');
    const [user] = await handle.db
      .select({ id: users.id, email: users.email, name: users.name, role: users.role, regionCode: users.regionCode })
      .from(users)
      .where(email ? eq(users.email, email) : eq(users.role, 'admin'))
      .limit(1);
    if (!user) throw new Error(email ? `No user ${email}.` : 'No admin user: create one with npm run user:create.');
    const started = Date.now();
    const source: ImportSource = { format: 'csv' };
    const report = await runImport(handle.db, {
      caller: { userId: user.id, email: user.email, name: user.name, role: user.role, regionCode: user.regionCode },
      kind,
      fileName: path.basename(file),
      records: withProgress(fileRecords(fs.createReadStream(file, { highWaterMark: 256 * 1024 }), source), started),
      mode,
      locale: 'id',
    });
    const seconds = (Date.now() - started) / 1000;
    process.stderr.write('\n');
    for (const issue of report.errors.slice(0, 20)) console.log(issue.message);
    console.log(
      JSON.stringify({ importId: report.importId, source, committed: report.committed, rows: report.rows, added: report.added, updated: report.updated, unchanged: report.unchanged, rejected: report.rejected, errors: report.errorCount, warnings: report.warningCount, seconds, rowsPerSecond: Math.round(report.rows / seconds) }),
    );
    process.exitCode = report.committed || mode === 'preview' ? 0 : 1;
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  const known = toAppError(error);
  console.error(known instanceof AppError ? known.localizedMessage('id') : (error as Error).message);
  process.exit(1);
});
