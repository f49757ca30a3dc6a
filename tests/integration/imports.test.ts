// Imports on both engines with messy, real-world-like files: what each file gives, that a rejected file
// leaves every table byte-for-byte as it was, that the same file twice adds nothing, and undo.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '@/db';
import { getImportRejectedRows, listImports, runImport, undoImport } from '@/server/imports/pipeline';
import { type ImportRunMode } from '@/contracts/imports';
import { agents, communities, users } from '@/db/schema';
import { type ImportKind } from '@/domain/enums';
import { insertReferenceData } from '@/db/seed/reference';
import type { Caller } from '@/server/auth/caller';
import { csvRecords, UploadError } from '@/server/imports/stream';
import { ENGINES, createTestDatabase, type TestDatabase } from '../helpers/databases';

const TODAY = '2026-11-25';
const TABLES = ['members', 'contributions', 'claims', 'imports', 'import_changes', 'audit_log'] as const;

/** Bytes in small pieces, so records, quotes, CRLF and multi-byte characters cross chunk borders. */
async function* pieces(text: string | Uint8Array, size = 7): AsyncGenerator<Uint8Array> {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const BOM = '\uFEFF';
// NIKs: 330214 + DDMMYY (+40 for women) + serial.
const NIK_A = '3302141203850001'; // L, 12-03-1985
const NIK_B = '3302145507900002'; // P, 15-07-1990
const NIK_C = '3302140101800003';

const MESSY_MEMBERS =
  BOM +
  [
    'NIK;Nama;Jenis_Kelamin;Tanggal_Lahir;Kode_Desa;Pekerjaan;Komunitas;Kode_Agen;Kanal;Tanggal_Daftar;Penghasilan;Catatan',
    `${NIK_A};"Sutrisno; Bin Karta";L;12/03/1985;33.02.14.2011;Tukang parkir;Paguyuban Parkir Pasar;AG01;agent;2026-01-05;Rp 1.000.000;ok`,
    `${NIK_B};Siti Aminah;P;1990-07-15;3302142012;pkl;;ag01;community;05/02/2026;1.500.000;`,
  ].join('\r\n') +
  '\r\n';

describe.each(ENGINES)('imports on %s', (engine) => {
  let database: TestDatabase;
  let officer: Caller;
  const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(database.db, query);
  const run = (kind: ImportKind, text: string | Uint8Array, mode: ImportRunMode = 'all', fileName = `${kind}.csv`) =>
    runImport(database.db, { caller: officer, kind, fileName, records: csvRecords(pieces(text)), mode, locale: 'id', today: TODAY });

  /** Row counts and a checksum of each table: "nothing changed" means these are equal. */
  const snapshot = async () => {
    const out: Record<string, unknown> = {};
    for (const table of TABLES) {
      out[table] = (await rows<{ n: number; sum: string | null }>(
        sql.raw(`select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as sum from ${table} t`),
      ))[0];
    }
    return out;
  };

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await insertReferenceData(database.db);
    const [user] = await database.db
      .insert(users)
      .values({ email: 'officer@test', name: 'Officer', passwordHash: 'x', role: 'bpjs_officer' })
      .returning({ id: users.id });
    officer = { userId: user!.id, email: 'officer@test', name: 'Officer', role: 'bpjs_officer', regionCode: null };
    await database.db.insert(agents).values([
      { code: 'AG01', name: 'Warsini', villageCode: '33.02.14.2011', activeFrom: '2024-01-01' },
      { code: 'AG02', name: 'Darto', villageCode: '33.02.14.2001', activeFrom: '2024-01-01' },
    ]);
    await database.db.insert(communities).values({ name: 'Paguyuban Parkir Pasar', type: 'occupation_association', villageCode: '33.02.14.2011' });
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it('reads a messy members file: semicolons, BOM, CRLF, quotes, thousand dots, Rp, DD/MM/YYYY, dotted codes', async () => {
    const preview = await run('members', MESSY_MEMBERS, 'preview');
    expect(preview.errors).toEqual([]);
    expect(preview).toMatchObject({ rows: 2, added: 2, updated: 0, unchanged: 0, rejected: 0, committed: false });
    expect(preview.columns.find((c) => c.header === 'Catatan')).toEqual({ header: 'Catatan', field: null });
    expect(preview.warnings.map((w) => w.code)).toEqual(['extra_column']);
    expect(preview.preview[0]!.values).toMatchObject({ nik: '3302••••••••0001', nama: 'Sutrisno; Bin Karta', tanggal_lahir: '1985-03-12', kode_desa: '33.02.14.2011', pekerjaan: 'tukang_parkir', penghasilan: '1000000' });
    expect(preview.preview[1]!.values).toMatchObject({ kode_desa: '33.02.14.2012', kode_agen: 'AG01', tanggal_daftar: '2026-02-05', penghasilan: '1500000' });
    expect((await rows<{ n: number }>(sql`select count(*)::int as n from members`))[0]!.n).toBe(0);

    const report = await run('members', MESSY_MEMBERS);
    expect(report).toMatchObject({ committed: true, added: 2, rejected: 0 });
    const [member] = await rows<{ name: string; income: number; community: number | null }>(
      sql`select name, declared_income as income, community_id as community from members where nik = ${NIK_A}`,
    );
    expect(member).toEqual({ name: 'Sutrisno; Bin Karta', income: 1_000_000, community: 1 });
  });

  it('imports the same file twice: the second time adds nothing; a changed row updates, audited', async () => {
    const again = await run('members', MESSY_MEMBERS);
    expect(again).toMatchObject({ committed: true, added: 0, updated: 0, unchanged: 2 });
    const changed = MESSY_MEMBERS.replace('Siti Aminah', 'Siti Aminah Rahayu');
    const update = await run('members', changed);
    expect(update).toMatchObject({ added: 0, updated: 1, unchanged: 1 });
    const audit = await rows<{ action: string; details: { fields: string[] } }>(sql`select action, details from audit_log where action = 'import_update'`);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details.fields).toEqual(['name']);
    // Undo of the update puts the old name back.
    await undoImport(database.db, { caller: officer, importId: update.importId! });
    expect((await rows<{ name: string }>(sql`select name from members where nik = ${NIK_B}`))[0]!.name).toBe('Siti Aminah');
  });

  it('rejects a file with one bad row and changes nothing (all-or-nothing); lists every problem with line and column', async () => {
    const before = await snapshot();
    const bad = [
      'nik,nama,jenis_kelamin,tanggal_lahir,kode_desa,pekerjaan,kanal,tanggal_daftar,penghasilan,kode_agen',
      `${NIK_C},Darsono,L,1980-01-01,3302142001,petani,agent,2026-03-01,1000000,AG02`,
      `330214010180000,Pendek,L,,3302142001,petani,agent,2026-03-01,1000000,AG02`, // 15 digits
      `33021401018000031,Panjang,L,,3302142001,petani,agent,2026-03-01,1000000,AG02`, // 17 digits
      `33021401018A0003,Huruf,L,,3302142001,petani,agent,2026-03-01,1000000,AG02`,
      `3302140202800004,Desa Salah,L,,3302142099,petani,agent,2026-03-01,1000000,AG02`,
      `3302140303800005,Agen Salah,L,,3302142001,petani,agent,2026-03-01,1000000,AG99`,
      `3302140404800006,Masa Depan,L,,3302142001,petani,agent,2027-01-01,1000000,AG02`,
      `3302140505800007,Negatif,L,,3302142001,petani,agent,2026-03-01,-5000,AG02`,
      `3302140606800008,=HYPERLINK("x"),L,,3302142001,petani,agent,2026-03-01,1000000,AG02`,
      `${NIK_C},Darsono Lagi,L,1980-01-01,3302142001,petani,agent,2026-03-01,1000000,AG02`, // duplicate
      `3302140707800009,Pekerjaan,L,,3302142001,tukang parkr,agent,2026-03-01,1000000,AG02`,
    ].join('\n');
    const report = await run('members', bad);
    expect(report.committed).toBe(false);
    expect(report.rejected).toBe(10);
    const codes = report.errors.map((e) => [e.line, e.column, e.code]);
    expect(codes).toEqual([
      [3, 'nik', 'nik_length'],
      [4, 'nik', 'nik_length'],
      [5, 'nik', 'nik_digits'],
      [6, 'kode_desa', 'unknown_village'],
      [7, 'kode_agen', 'unknown_agent_suggest'],
      [8, 'tanggal_daftar', 'future_date'],
      [9, 'penghasilan', 'negative_amount'],
      [10, 'nama', 'formula'],
      [11, 'nik', 'duplicate_row'],
      [12, 'pekerjaan', 'unknown_occupation'],
    ]);
    const village = report.errors.find((e) => e.code === 'unknown_village')!;
    expect(village.message).toBe(
      'Baris 6, kolom kode_desa: kode desa "3302142099" tidak dikenal. Mungkin maksud Anda 33.02.14.2009 (Karangbawang)? Tulis 10 angka kode Kemendagri, dengan atau tanpa titik.',
    );
    expect(report.errors.find((e) => e.code === 'unknown_occupation')!.message).toContain('tukang_parkir (Tukang parkir)');
    expect(report.errors.find((e) => e.code === 'duplicate_row')!.message).toContain('baris 2');
    expect(await snapshot()).toEqual(before);

    // Chosen explicitly: the valid row goes in, the rest is kept as a downloadable report.
    const partial = await run('members', bad, 'valid_only');
    expect(partial).toMatchObject({ committed: true, added: 1, rejected: 10 });
    const rejected = await getImportRejectedRows(database.db, { caller: officer, importId: partial.importId! });
    expect(rejected).toHaveLength(10);
    expect(rejected[0]).toMatchObject({ baris: 3, kolom: 'nik', nama: 'Pendek' });
    await undoImport(database.db, { caller: officer, importId: partial.importId! });
    expect((await rows<{ n: number }>(sql`select count(*)::int as n from members where nik = ${NIK_C}`))[0]!.n).toBe(0);
  });

  it('refuses files that are not CSV, empty, or miss a required column, changing nothing', async () => {
    const before = await snapshot();
    const binary = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]); // a zip (xlsx) renamed .csv
    await expect(run('members', binary)).rejects.toMatchObject({ code: 'not_csv' });
    await expect(run('members', new Uint8Array([0xff, 0xfe, 0x41, 0x42]))).rejects.toBeInstanceOf(UploadError);
    await expect(run('members', '')).rejects.toMatchObject({ code: 'empty_file' });
    const missing = await run('members', 'nik,nama\n3302141203850001,Sutrisno\n');
    expect(missing.committed).toBe(false);
    expect(missing.errors.map((e) => e.column)).toEqual(['jenis_kelamin', 'kode_desa', 'kanal', 'tanggal_daftar']);
    expect(missing.errors[0]!.code).toBe('missing_column');
    expect(await snapshot()).toEqual(before);
  });

  it('contributions: unknown member rejected, amounts with dots and Rp, rate mismatch is a warning', async () => {
    const file = [
      'nik;bulan_mulai;jumlah_bulan;iuran_jkk;iuran_jkm;tanggal_bayar;kode_agen',
      `${NIK_A};2026-01;3;Rp 30.000;20.400;05/01/2026;AG01`, // 3 x (10.000 + 6.800)
      `${NIK_A};2026-04;1;10.000;6.800;2026-04-02;AG01`, // April 2026: the 50 % discount → warning
      `9999999999999999;2026-01;1;10000;6800;2026-01-05;`,
    ].join('\r\n');
    const before = await snapshot();
    const report = await run('contributions', file);
    expect(report.committed).toBe(false);
    expect(report.errors.map((e) => [e.line, e.code])).toEqual([[4, 'nik_region']]);
    expect(await snapshot()).toEqual(before);
    const unknown = file.replace('9999999999999999', '3302140808800010');
    const second = await run('contributions', unknown);
    expect(second.errors.map((e) => [e.line, e.column, e.code])).toEqual([[4, 'nik', 'unknown_member']]);
    expect(await snapshot()).toEqual(before);

    const good = unknown.split('\r\n').slice(0, 3).join('\r\n');
    const ok = await run('contributions', good);
    expect(ok).toMatchObject({ committed: true, added: 2 });
    expect(ok.warnings.map((w) => [w.line, w.code])).toEqual([[3, 'amount_mismatch']]);
    expect(ok.warnings[0]!.message).toContain('JKK Rp 5000, JKM Rp 3400');
    expect((await run('contributions', good)).added).toBe(0);
  });

  it('claims: Indonesian statuses, paid date rules, and undo removes what an import added', async () => {
    const file = [
      'nomor_klaim,nik,program,tanggal_kejadian,tanggal_pengajuan,status,nominal,tanggal_bayar,alasan_tolak,kode_agen',
      `KLM-001,${NIK_A},jkk,2026-02-01,2026-02-03,dibayar,Rp 2.500.000,2026-02-20,,AG01`,
      `KLM-002,${NIK_B},JKM,2026-03-01,2026-03-05,Diajukan,,,,`,
      `KLM-003,${NIK_B},JKK,2026-03-01,2026-03-05,ditolak,,,,`,
    ].join('\n');
    const report = await run('claims', file);
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ committed: true, added: 3 });
    expect(report.warnings.map((w) => w.code)).toEqual(['reason_missing']);
    const stored = await rows<{ number: string; status: string; amount: number | null }>(sql`select number, status, amount from claims order by number`);
    expect(stored).toEqual([
      { number: 'KLM-001', status: 'paid', amount: 2_500_000 },
      { number: 'KLM-002', status: 'submitted', amount: null },
      { number: 'KLM-003', status: 'rejected', amount: null },
    ]);
    const bad = await run('claims', file.replace('dibayar,Rp 2.500.000,2026-02-20', 'dibayar,Rp 2.500.000,'));
    expect(bad.errors.map((e) => e.code)).toEqual(['paid_date_required']);

    const history = await listImports(database.db, { caller: officer });
    expect(history[0]).toMatchObject({ kind: 'claims', added: 3, undoneAt: null });
    // Members whose claims came from a later import cannot be undone before it.
    const firstMembers = history.filter((h) => h.kind === 'members' && h.added === 2).at(-1)!;
    await expect(undoImport(database.db, { caller: officer, importId: firstMembers.id })).rejects.toMatchObject({ status: 409 });
    const undone = await undoImport(database.db, { caller: officer, importId: report.importId! });
    expect(undone).toEqual({ removed: 3, restored: 0 });
    expect((await rows<{ n: number }>(sql`select count(*)::int as n from claims`))[0]!.n).toBe(0);
    await expect(undoImport(database.db, { caller: officer, importId: report.importId! })).rejects.toMatchObject({ status: 409 });
    const audit = await rows<{ action: string }>(sql`select action from audit_log where action in ('import', 'import_undo') order by id`);
    expect(audit.filter((a) => a.action === 'import_undo').length).toBeGreaterThanOrEqual(3);
  });

  it('refuses a role without import:data', async () => {
    const district: Caller = { ...officer, role: 'district_official' };
    await expect(
      runImport(database.db, { caller: district, kind: 'members', fileName: 'x.csv', records: csvRecords(pieces(MESSY_MEMBERS)), mode: 'all', locale: 'id' }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(listImports(database.db, { caller: { ...officer, role: 'supervisor' } })).rejects.toMatchObject({ status: 403 });
  });
});
