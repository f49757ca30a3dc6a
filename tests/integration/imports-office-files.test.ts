// The files offices actually have, for every import kind, on both engines: an .xlsx (dates and numbers as
// Excel stores them), a CSV saved by Excel on Windows (Windows-1252), tab- and semicolon-delimited CSV,
// and a header-only file, which is refused with "no rows" and changes nothing. The xlsx files are built
// here with exceljs and the Windows-1252 bytes by hand: no binary fixtures.
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '@/db';
import { runImport } from '@/server/imports/pipeline';
import type { ImportReport, ImportSource } from '@/contracts/imports';
import { agents, communities, users } from '@/db/schema';
import type { ImportKind } from '@/domain/enums';
import { insertReferenceData } from '@/db/seed/reference';
import type { Caller } from '@/server/auth/caller';
import { fileRecords } from '@/server/imports/stream';
import { toAppError } from '@/server/imports/upload';
import { getImportTemplate } from '@/server/imports/template';
import { AppError } from '@/domain/errors';
import { ENGINES, createTestDatabase, type TestDatabase } from '../helpers/databases';

const TODAY = '2026-11-25';
const NIK_BASE = '3302141203850001';
const ACCENTED = 'Señora Café';

interface KindCase {
  kind: ImportKind;
  /** Rows the kind needs in place first (as a CSV of its own or another kind), or nothing. */
  header: string[];
  /** A valid row, unique for `n` (1 to 9), that carries ACCENTED where the kind has free text. */
  row: (n: number) => string[];
  /** What was stored for row `n`: the free-text value (or the key when the kind has none). */
  stored: (db: TestDatabase, n: number) => Promise<string | undefined>;
  /** The table its rows go to, when not named after the kind. */
  table?: string;
}

const nik = (n: number) => `33021412038500${String(n + 10).padStart(2, '0')}`;
const rowsOf = <T>(database: TestDatabase, query: ReturnType<typeof sql>) => queryRows<T>(database.db, query);

/** One line per kind: a master-data kind joins the table with its header, a row and where it is stored. */
const KINDS: KindCase[] = [
  {
    kind: 'members',
    header: ['nik', 'nama', 'jenis_kelamin', 'tanggal_lahir', 'kode_desa', 'kanal', 'tanggal_daftar', 'penghasilan', 'kode_agen'],
    row: (n) => [nik(n), `${ACCENTED} ${n}`, 'L', '1985-03-12', '33.02.14.2011', 'agent', '2026-01-05', '1500000', 'AG01'],
    stored: async (db, n) => (await rowsOf<{ name: string }>(db, sql`select name from members where nik = ${nik(n)}`))[0]?.name,
  },
  {
    kind: 'contributions',
    header: ['nik', 'bulan_mulai', 'jumlah_bulan', 'iuran_jkk', 'iuran_jkm', 'tanggal_bayar', 'kode_agen'],
    row: (n) => [NIK_BASE, `2025-${String(n).padStart(2, '0')}`, '1', '10000', '6800', '2025-12-01', 'AG01'],
    stored: async (db, n) =>
      (await rowsOf<{ month: string }>(db, sql`select to_char(first_month, 'YYYY-MM') as month from contributions c join members m on m.id = c.member_id
        where m.nik = ${NIK_BASE} and c.first_month = ${`2025-${String(n).padStart(2, '0')}-01`}::date`))[0]?.month,
  },
  {
    kind: 'claims',
    header: ['nomor_klaim', 'nik', 'program', 'tanggal_kejadian', 'tanggal_pengajuan', 'status', 'nominal', 'tanggal_bayar', 'alasan_tolak'],
    row: (n) => [`KLM-OF-${n}`, NIK_BASE, 'JKK', '2026-02-01', '2026-02-03', 'rejected', '', '', `${ACCENTED} ${n}`],
    stored: async (db, n) => (await rowsOf<{ reason: string }>(db, sql`select rejection_reason as reason from claims where number = ${`KLM-OF-${n}`}`))[0]?.reason,
  },
  {
    kind: 'regions',
    header: ['kode', 'nama', 'tingkat', 'kode_induk'],
    row: (n) => [`33.02.14.20${90 + n}`, `${ACCENTED} ${n}`, 'desa', '33.02.14'],
    stored: async (db, n) => (await rowsOf<{ name: string }>(db, sql`select name from regions where code = ${`33.02.14.20${90 + n}`}`))[0]?.name,
  },
  {
    kind: 'communities',
    header: ['nama', 'jenis', 'kode_desa', 'pekerjaan', 'tanggal_berdiri'],
    row: (n) => [`${ACCENTED} ${n}`, 'paguyuban', '33.02.14.2011', '', '2020-01-01'],
    stored: async (db, n) => (await rowsOf<{ name: string }>(db, sql`select name from communities where name = ${`${ACCENTED} ${n}`}`))[0]?.name,
  },
  {
    kind: 'agents',
    header: ['kode_agen', 'nama', 'kode_desa', 'komunitas', 'email_koordinator', 'telepon', 'mulai_aktif', 'akhir_aktif', 'email'],
    row: (n) => [`AGX${n}`, `${ACCENTED} ${n}`, '33.02.14.2011', 'Paguyuban Parkir Pasar', '', '', '2025-01-01', '', ''],
    stored: async (db, n) => (await rowsOf<{ name: string }>(db, sql`select name from agents where code = ${`AGX${n}`}`))[0]?.name,
  },
  {
    kind: 'workforce',
    table: 'workforce_estimates',
    header: ['kode_wilayah', 'tahun', 'pekerja_informal', 'pekerjaan', 'sumber'],
    row: (n) => ['33.02.14.2011', String(2030 + n), '500', '', `${ACCENTED} ${n}`],
    stored: async (db, n) =>
      (await rowsOf<{ source: string }>(db, sql`select source from workforce_estimates where region_code = '33.02.14.2011' and year = ${2030 + n}`))[0]?.source,
  },
  {
    kind: 'coverage_targets',
    header: ['kode_wilayah', 'tahun', 'target_cakupan'],
    row: (n) => ['33.02.14.2011', String(2030 + n), '25'],
    stored: async (db, n) =>
      (await rowsOf<{ year: string }>(db, sql`select year::text as year from coverage_targets where region_code = '33.02.14.2011' and year = ${2030 + n}`))[0]?.year,
  },
  {
    kind: 'agent_targets',
    header: ['kode_agen', 'bulan', 'target_rekrutan'],
    row: (n) => ['AG01', `2030-0${n}`, '8'],
    stored: async (db, n) =>
      (await rowsOf<{ month: string }>(db, sql`select to_char(month, 'YYYY-MM') as month from agent_targets where agent_code = 'AG01' and month = ${`2030-0${n}-01`}::date`))[0]?.month,
  },
];

/** An extra column whose header checks the decoding of every kind (it is ignored with a warning). */
const NOTE = `Catatan ${ACCENTED}`;

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  // Small pieces: records, quotes and multi-byte letters cross chunk borders.
  for (let i = 0; i < bytes.length; i += 11) yield bytes.subarray(i, i + 11);
}

/** Windows-1252 bytes of text whose letters are all within Latin-1 (é, ñ): one byte a letter. */
function windows1252(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff || (code >= 0x80 && code < 0xa0)) throw new Error(`not in the test's Windows-1252 subset: ${text[i]}`);
    bytes[i] = code;
  }
  return bytes;
}

const csv = (rows: string[][], delimiter: string) => rows.map((r) => r.join(delimiter)).join('\r\n') + '\r\n';

/**
 * An .xlsx as Excel keeps it: ISO dates become date cells, plain whole numbers number cells (a NIK stays
 * text, as in a template whose columns are formatted as text, unless `nikAsNumber`).
 */
async function xlsx(rows: string[][], { nikAsNumber = false } = {}): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Data');
  workbook.addWorksheet('Catatan').addRow(['second sheet: not read']);
  const header = rows[0]!;
  rows.forEach((row, r) => {
    const added = sheet.addRow(
      row.map((value, c) => {
        if (r === 0) return value;
        const column = header[c];
        if (column === 'nik') return nikAsNumber ? Number(value) : value;
        if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00Z`);
        if (/^\d{1,9}$/.test(value)) return Number(value);
        return value;
      }),
    );
    added.eachCell((cell) => {
      if (cell.value instanceof Date) cell.numFmt = 'dd/mm/yyyy';
    });
  });
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

type Format = { name: string; source: ImportSource; bytes: (rows: string[][]) => Promise<Uint8Array> | Uint8Array };
const FORMATS: Format[] = [
  { name: 'xlsx', source: { format: 'xlsx' }, bytes: (rows) => xlsx(rows) },
  { name: 'Windows-1252 CSV', source: { format: 'csv', encoding: 'windows-1252', delimiter: ';' }, bytes: (rows) => windows1252(csv(rows, ';')) },
  { name: 'tab-delimited CSV', source: { format: 'csv', encoding: 'utf-8', delimiter: '\t' }, bytes: (rows) => new TextEncoder().encode(csv(rows, '\t')) },
  { name: 'semicolon CSV with BOM', source: { format: 'csv', encoding: 'utf-8', delimiter: ';' }, bytes: (rows) => new TextEncoder().encode(`\uFEFF${csv(rows, ';')}`) },
  { name: 'comma CSV', source: { format: 'csv', encoding: 'utf-8', delimiter: ',' }, bytes: (rows) => new TextEncoder().encode(csv(rows, ',')) },
];

describe.each(ENGINES)('office files on %s', (engine) => {
  let database: TestDatabase;
  let importer: Caller;

  const run = async (kind: ImportKind, bytes: Uint8Array, source: ImportSource = { format: 'csv' }): Promise<ImportReport> => {
    const report = await runImport(database.db, { caller: importer, kind, fileName: 'kantor', records: fileRecords(once(bytes), source), mode: 'all', locale: 'id', today: TODAY });
    return { ...report, source };
  };
  const count = async (kind: ImportKind) =>
    (await rowsOf<{ n: number }>(database, sql.raw(`select count(*)::int as n from ${KINDS.find((k) => k.kind === kind)?.table ?? kind}`)))[0]!.n;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await insertReferenceData(database.db);
    const [user] = await database.db.insert(users).values({ email: 'admin@office', name: 'Admin', passwordHash: 'x', role: 'admin' }).returning({ id: users.id });
    importer = { userId: user!.id, email: 'admin@office', name: 'Admin', role: 'admin', regionCode: null };
    await database.db.insert(agents).values({ code: 'AG01', name: 'Warsini', villageCode: '33.02.14.2011', activeFrom: '2024-01-01' });
    await database.db.insert(communities).values({ name: 'Paguyuban Parkir Pasar', type: 'occupation_association', villageCode: '33.02.14.2011' });
    // The member the contributions and claims rows name.
    const base = csv([KINDS[0]!.header, [NIK_BASE, 'Dasar', 'L', '1985-03-12', '33.02.14.2011', 'agent', '2024-01-05', '1500000', 'AG01']], ',');
    expect(await run('members', new TextEncoder().encode(base))).toMatchObject({ committed: true, added: 1 });
  });
  afterAll(async () => {
    await database?.destroy();
  });

  describe.each(KINDS)('$kind', (kase) => {
    it.each(['xlsx', 'csv'] as const)('its %s template imports as a file whose every column is understood', async (format) => {
      const file = await getImportTemplate({ caller: importer, kind: kase.kind, format, locale: 'id' });
      const bytes = typeof file.body === 'string' ? new TextEncoder().encode(file.body) : file.body;
      const report = await runImport(database.db, { caller: importer, kind: kase.kind, fileName: file.fileName, records: fileRecords(once(bytes)), mode: 'preview', locale: 'id', today: TODAY });
      expect(report.rows).toBe(1);
      expect(report.columns.filter((c) => c.field === null)).toEqual([]);
      expect(report.errors.filter((e) => e.code === 'missing_column')).toEqual([]);
    });

    it.each(FORMATS.map((format, i) => ({ ...format, n: i + 1 })))('imports a $name file, the accents intact, and says how it read it', async (format) => {
      const rows = [[...kase.header, NOTE], [...kase.row(format.n), 'ok']];
      const report = await run(kase.kind, await format.bytes(rows));
      expect(report.errors).toEqual([]);
      expect(report).toMatchObject({ committed: true, rows: 1, added: 1 });
      expect(report.source).toEqual(format.source);
      // The extra column's header arrived as written, é and ñ included.
      expect(report.columns.at(-1)).toEqual({ header: NOTE, field: null });
      const expected = kase.row(format.n).find((cell) => cell.includes(ACCENTED)) ?? kase.row(format.n)[1]!.slice(0, 7);
      expect(await kase.stored(database, format.n)).toBe(expected);
    });

    it.each([
      { name: 'CSV', bytes: () => new TextEncoder().encode(csv([kase.header], ';')) },
      { name: 'CSV with blank lines', bytes: () => new TextEncoder().encode(`${csv([kase.header], ',')}\r\n,,,\r\n\r\n`) },
      { name: 'xlsx', bytes: () => xlsx([kase.header]) },
    ])('refuses a header-only $name with "no rows", changing nothing', async ({ bytes }) => {
      const before = await count(kase.kind);
      const refused = await run(kase.kind, await bytes()).catch((error: unknown) => error);
      expect(refused).toMatchObject({ code: 'no_rows' });
      const answer = toAppError(refused);
      expect(answer).toBeInstanceOf(AppError);
      expect((answer as AppError).status).toBe(400);
      expect((answer as AppError).localizedMessage('id')).toMatch(/tanpa satu baris data/);
      expect((answer as AppError).localizedMessage('en')).toMatch(/not a single data row/);
      expect(await count(kase.kind)).toBe(before);
      const imports = await rowsOf<{ n: number }>(database, sql`select count(*)::int as n from imports where file_name = 'kantor' and rows_count = 0`);
      expect(imports[0]!.n).toBe(0);
    });
  });

  it('refuses an xlsx whose NIK cells are numbers, saying why, and writes nothing', async () => {
    const kase = KINDS[0]!;
    const before = await count('members');
    const refused = await run('members', await xlsx([kase.header, kase.row(9)], { nikAsNumber: true })).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'xlsx_number_nik', values: { line: 2, column: 'nik' } });
    expect((toAppError(refused) as AppError).localizedMessage('id')).toMatch(/15 digit/);
    expect(await count('members')).toBe(before);
  });
});
