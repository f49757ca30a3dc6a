// `npm run bench -- --only import-copy` runs this in a child process (the import pipeline is server code:
// tsx --conditions=react-server). On a database of its own, made afresh each run, it writes a members file
// and a contributions file for those members, and times, in the same run and on the same files:
// a plain COPY of each into an empty table of text columns (members in Banyumas's villages), the COPYed rows
// inserted into the table itself (rolled back: the floor under any import on this schema), reading the file
// alone (csv-parse, as every import does), and the import itself (all-or-nothing, rollup kept current, as the page and the CLI run it).
// Prints one JSON line: { members: Measure, contributions: Measure }.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import postgres from 'postgres';
import { openDatabase, queryRows } from '@/db';
import { sql } from 'drizzle-orm';
import { users } from '@/db/schema';
import { insertReferenceData } from '@/db/seed/reference';
import { CHANNELS } from '@/domain/enums';
import { contributionForMonths, type RateLike } from '@/domain/rates';
import { runImport } from '@/server/imports/pipeline';
import { fileRecords } from '@/server/imports/stream';

export interface ImportCopyMeasure {
  rows: number;
  bytes: number;
  copySeconds: number;
  readSeconds: number;
  /**
   * The floor under any import on this schema: the COPYed rows written into the table itself with one
   * INSERT … SELECT (its indexes, foreign keys and triggers), nothing checked, no rollup; rolled back.
   */
  insertOnlySeconds: number;
  importSeconds: number;
  added: number;
  errors: number;
  warnings: number;
  /** The import's rows/s over plain COPY's, in %. */
  percentOfCopy: number;
}

const MONTHS_PER_MEMBER = 10;

/** A valid NIK for member `i`: 33.02.14, a birth date that varies with i, a serial that is never 0000. */
function nikOf(i: number): { nik: string; birth: string } {
  const serial = (i % 9000) + 1;
  const q = Math.floor(i / 9000);
  const day = (q % 28) + 1;
  const month = (Math.floor(q / 28) % 12) + 1;
  const year = 70 + (Math.floor(q / 336) % 30);
  const dd = String(day).padStart(2, '0');
  const mm = String(month).padStart(2, '0');
  return { nik: `330214${dd}${mm}${year}${String(serial).padStart(4, '0')}`, birth: `19${year}-${mm}-${dd}` };
}

async function writeFile(file: string, lines: Iterable<string>): Promise<number> {
  const out = fs.createWriteStream(file);
  let buffer = '';
  for (const line of lines) {
    buffer += `${line}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      buffer = '';
    }
  }
  out.end(buffer);
  await new Promise<void>((resolve) => out.on('finish', () => resolve()));
  return fs.statSync(file).size;
}

async function main() {
  const databaseUrl = process.env.IMPORT_COPY_DATABASE_URL;
  if (!databaseUrl) throw new Error('IMPORT_COPY_DATABASE_URL is not set');
  const memberCount = Number(process.env.IMPORT_COPY_MEMBERS ?? 100_000);
  const log = (message: string) => process.stderr.write(`[bench import-copy] ${message}\n`);

  // A fresh database: the members file adds every member, the contributions file every row.
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  const maintenance = new URL(databaseUrl);
  maintenance.pathname = '/postgres';
  const admin = postgres(maintenance.toString(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.unsafe(`create database "${name}"`);
  await admin.end();

  const handle = await openDatabase({ databaseUrl, migrate: true });
  const raw = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'payung-import-copy-'));
  try {
    const db = handle.db;
    await insertReferenceData(db);
    const [user] = await db.insert(users).values({ email: 'bench-import@payung.test', name: 'Bench', passwordHash: 'x', role: 'admin' }).returning({ id: users.id });
    const caller = { userId: user!.id, email: 'bench-import@payung.test', name: 'Bench', role: 'admin' as const, regionCode: null };
    // The members of one kabupaten (Banyumas, as the bench's database), about 300 to a village: spread
    // over every village of the province, two members a village would make the rollup's rows, not the
    // files, the measure.
    const villages = (
      await queryRows<{ code: string }>(db, sql`select code from regions where level = 'village' and code like '33.02.%' order by code`)
    ).map((v) => v.code);
    if (villages.length === 0) throw new Error('No village of 33.02 (Banyumas) in the shipped region list');
    const occupations = (await queryRows<{ code: string }>(db, sql`select code from occupations where not is_transport order by code`)).map((o) => o.code);
    const rates = await queryRows<RateLike>(
      db,
      sql`select key, value, effective_from::text as "effectiveFrom", effective_to::text as "effectiveTo" from reference_rates`,
    );
    const income = 1_000_000;

    const membersFile = path.join(dir, 'anggota.csv');
    const membersBytes = await writeFile(membersFile, (function* () {
      yield 'nik,nama,jenis_kelamin,tanggal_lahir,kode_desa,pekerjaan,kanal,tanggal_daftar,penghasilan';
      for (let i = 0; i < memberCount; i++) {
        const { nik, birth } = nikOf(i);
        yield `${nik},Peserta ${i},L,${birth},${villages[i % villages.length]},${occupations[i % occupations.length]},${CHANNELS[i % CHANNELS.length]},2023-12-${String((i % 28) + 1).padStart(2, '0')},${income}`;
      }
    })());
    // Ten months of 2024 per member, each paid on the 5th, with the amounts the rates ask for.
    const amounts = Array.from({ length: MONTHS_PER_MEMBER }, (_, m) => contributionForMonths(income, `2024-${String(m + 1).padStart(2, '0')}`, 1, false, rates));
    const contributionsFile = path.join(dir, 'iuran.csv');
    const contributionsBytes = await writeFile(contributionsFile, (function* () {
      yield 'nik,bulan_mulai,jumlah_bulan,iuran_jkk,iuran_jkm,tanggal_bayar,kode_agen';
      for (let i = 0; i < memberCount; i++) {
        const { nik } = nikOf(i);
        for (let m = 0; m < MONTHS_PER_MEMBER; m++) {
          const month = String(m + 1).padStart(2, '0');
          yield `${nik},2024-${month},1,${amounts[m]!.jkk},${amounts[m]!.jkm},2024-${month}-05,`;
        }
      }
    })());

    // The same rows as the files, typed, straight from the COPYed text columns.
    const insertOnly: Record<'members' | 'contributions', string> = {
      members: `insert into members (nik, name, sex, birth_date, village_code, occupation_code, channel, enrolled_on, declared_income)
        select nik, nama, jenis_kelamin, tanggal_lahir::date, kode_desa, pekerjaan, kanal, tanggal_daftar::date, penghasilan::int from copy_members`,
      contributions: `insert into contributions (member_id, first_month, months_count, jkk_amount, jkm_amount, paid_on, agent_code)
        select m.id, (c.bulan_mulai || '-01')::date, c.jumlah_bulan::int, c.iuran_jkk::bigint, c.iuran_jkm::bigint, c.tanggal_bayar::date, nullif(c.kode_agen, '')
        from copy_contributions c join members m on m.nik = c.nik`,
    };

    const measure = async (kind: 'members' | 'contributions', file: string, bytes: number, columns: string[]): Promise<ImportCopyMeasure> => {
      const table = `copy_${kind}`;
      await raw.unsafe(`drop table if exists ${table}`);
      await raw.unsafe(`create table ${table} (${columns.map((c) => `${c} text`).join(', ')})`);
      let started = performance.now();
      await pipeline(fs.createReadStream(file, { highWaterMark: 256 * 1024 }), await raw.unsafe(`copy ${table} from stdin (format csv, header true)`).writable());
      const copySeconds = (performance.now() - started) / 1000;
      const [{ n: rows }] = (await raw.unsafe(`select count(*)::int as n from ${table}`)) as unknown as [{ n: number }];
      log(`${kind}: COPY of ${rows.toLocaleString('en')} rows in ${copySeconds.toFixed(2)} s`);

      await raw.unsafe(`analyze ${table}`);
      let insertOnlySeconds = 0;
      await raw
        .begin(async (tx) => {
          const began = performance.now();
          await tx.unsafe(insertOnly[kind]);
          insertOnlySeconds = (performance.now() - began) / 1000;
          throw new Error('rollback');
        })
        .catch((error: unknown) => {
          if (!(error instanceof Error && error.message === 'rollback')) throw error;
        });
      await raw.unsafe(`drop table ${table}`);
      // The rolled-back rows are dead tuples and index entries the import would otherwise wade through.
      await raw.unsafe(`vacuum ${kind}`);
      log(`${kind}: the same rows inserted into the table alone (indexes, keys, triggers; rolled back) in ${insertOnlySeconds.toFixed(2)} s`);

      started = performance.now();
      let read = 0;
      for await (const chunk of fileRecords(fs.createReadStream(file, { highWaterMark: 256 * 1024 }))) read += chunk.length;
      const readSeconds = (performance.now() - started) / 1000;
      log(`${kind}: reading ${read.toLocaleString('en')} records (csv-parse) in ${readSeconds.toFixed(2)} s`);

      started = performance.now();
      const report = await runImport(db, {
        caller,
        kind,
        fileName: path.basename(file),
        records: fileRecords(fs.createReadStream(file, { highWaterMark: 256 * 1024 })),
        mode: 'all',
        locale: 'id',
      });
      const importSeconds = (performance.now() - started) / 1000;
      log(`${kind}: import of ${report.rows.toLocaleString('en')} rows in ${importSeconds.toFixed(2)} s (committed ${report.committed}, added ${report.added}, errors ${report.errorCount}${report.errors[0] ? `: ${report.errors[0].message}` : ''})`);
      return {
        rows,
        bytes,
        copySeconds,
        readSeconds,
        insertOnlySeconds,
        importSeconds,
        added: report.added,
        errors: report.errorCount,
        warnings: report.warningCount,
        percentOfCopy: (copySeconds / importSeconds) * 100,
      };
    };

    const members = await measure('members', membersFile, membersBytes, ['nik', 'nama', 'jenis_kelamin', 'tanggal_lahir', 'kode_desa', 'pekerjaan', 'kanal', 'tanggal_daftar', 'penghasilan']);
    const contributions = await measure('contributions', contributionsFile, contributionsBytes, ['nik', 'bulan_mulai', 'jumlah_bulan', 'iuran_jkk', 'iuran_jkm', 'tanggal_bayar', 'kode_agen']);
    console.log(JSON.stringify({ members, contributions }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await raw.end({ timeout: 5 });
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
