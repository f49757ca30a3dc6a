// Reading office files without a database: encodings, delimiters, line ends and chunk borders; Excel
// cells as text; and the templates' column help and examples for every column PRODUCT.md names.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ImportSource } from '@/contracts/imports';
import { IMPORT_KINDS } from '@/domain/enums';
import { IMPORT_COLUMNS, IMPORT_EXAMPLES, importExample } from '@/domain/import-kinds';
import { getMessages } from '@/i18n';
import { csvRecords, detectDelimiter, fileRecords, type CsvRecord } from '@/server/imports/stream';
import { cellText } from '@/server/imports/xlsx';
import { getImportTemplate, templateColumns } from '@/server/imports/template';
import type { Caller } from '@/server/auth/caller';

async function drain(records: AsyncIterable<CsvRecord[]>) {
  const out: CsvRecord[] = [];
  for await (const chunk of records) out.push(...chunk);
  return out;
}

async function* pieces(bytes: Uint8Array, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('detectDelimiter', () => {
  it('takes the delimiter the header uses most, outside quotes', () => {
    expect(detectDelimiter('nik,nama,kode_desa')).toBe(',');
    expect(detectDelimiter('nik;nama;kode_desa')).toBe(';');
    expect(detectDelimiter('nik\tnama\tkode_desa')).toBe('\t');
    // The commas are inside a quoted header cell.
    expect(detectDelimiter('"nama, lengkap";nik')).toBe(';');
    expect(detectDelimiter('nik')).toBe(',');
  });
});

describe('csvRecords', () => {
  it('reads UTF-8, Windows-1252 and UTF-16 the same, whatever the chunk size, and says which it was', async () => {
    const rows = [
      { line: 1, cells: ['nik', 'nama'] },
      { line: 2, cells: ['3302141203850001', 'José Muñoz'] },
      { line: 3, cells: ['3302145507900002', 'Señora "Ñ"; Café'] },
    ];
    const text = 'nik;nama\r\n3302141203850001;José Muñoz\r\n3302145507900002;"Señora ""Ñ""; Café"\r\n';
    const latin = Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
    const utf16 = Uint8Array.from([0xff, 0xfe, ...[...text].flatMap((c) => [c.charCodeAt(0), 0])]);
    const cases: [Uint8Array, ImportSource][] = [
      [utf8(text), { format: 'csv', encoding: 'utf-8', delimiter: ';' }],
      [utf8(`\uFEFF${text}`), { format: 'csv', encoding: 'utf-8', delimiter: ';' }],
      [latin, { format: 'csv', encoding: 'windows-1252', delimiter: ';' }],
      [utf16, { format: 'csv', encoding: 'utf-16le', delimiter: ';' }],
    ];
    for (const [bytes, expected] of cases) {
      for (const size of [1, 2, 3, 7, 1000]) {
        const source: ImportSource = { format: 'csv' };
        expect(await drain(csvRecords(pieces(bytes, size), source))).toEqual(rows);
        expect(source).toEqual(expected);
      }
    }
  });

  it('keeps line numbers across quoted line breaks, blank lines, CR-only and LF line ends', async () => {
    const expected = [
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x\ny', '1'] },
      { line: 6, cells: ['c', '2'] },
    ];
    for (const end of ['\n', '\r\n', '\r']) {
      const text = ['a\tb', '"x', 'y"\t1', '', '\t', 'c\t2'].join(end);
      for (const size of [1, 4, 100]) expect(await drain(csvRecords(pieces(utf8(text), size)))).toEqual(expected);
    }
  });

  it('refuses a header-only file, mixed encodings, a quote never closed and binary bytes', async () => {
    await expect(drain(csvRecords(pieces(utf8('nik;nama\r\n;\r\n'), 3)))).rejects.toMatchObject({ code: 'no_rows' });
    const mixed = Uint8Array.from([...utf8('nama\nJosé\n'), 0x4d, 0x75, 0xf1, 0x6f, 0x7a, 0x0a]);
    await expect(drain(csvRecords(pieces(mixed, 4)))).rejects.toMatchObject({ code: 'mixed_encoding' });
    await expect(drain(csvRecords(pieces(utf8('a,b\n1,"2\n3,4\n'), 5)))).rejects.toMatchObject({ code: 'bad_csv' });
    await expect(drain(csvRecords(pieces(Uint8Array.from([0x61, 0x00, 0x62]), 5)))).rejects.toMatchObject({ code: 'not_csv' });
  });

  it('recognises an old .xls by its signature', async () => {
    await expect(drain(fileRecords(pieces(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]), 2)))).rejects.toMatchObject({ code: 'old_xls' });
  });
});

describe('cellText', () => {
  it('gives Excel cells as the CSV path would: dates as YYYY-MM-DD, numbers as plain digits', () => {
    expect(cellText(new Date(Date.UTC(2026, 0, 5)))).toEqual({ text: '2026-01-05', number: false });
    expect(cellText(1500000)).toEqual({ text: '1500000', number: true });
    expect(cellText(0.1 + 0.2)).toEqual({ text: '0.3', number: true });
    expect(cellText({ richText: [{ text: 'Siti ' }, { text: 'Aminah' }] })).toEqual({ text: 'Siti Aminah', number: false });
    // A formula's date comes back as its serial: 46027 is 2026-01-05.
    expect(cellText({ formula: 'DATE(2026,1,5)', result: 46027 } as ExcelJS.CellValue, 'dd/mm/yyyy').text).toBe('2026-01-05');
    expect(cellText({ text: 'tautan', hyperlink: 'https://x' })).toEqual({ text: 'tautan', number: false });
    expect(cellText(null)).toEqual({ text: '', number: false });
  });
});

/** Every column PRODUCT.md's "Import formats" names, the master-data kinds' included. */
const PRODUCT_COLUMNS = {
  members: 'nik kpj nama jenis_kelamin tanggal_lahir kode_desa pekerjaan komunitas kode_agen kanal tanggal_daftar penghasilan',
  contributions: 'nik bulan_mulai jumlah_bulan iuran_jkk iuran_jkm tanggal_bayar kode_agen',
  claims: 'nomor_klaim nik program tanggal_kejadian tanggal_pengajuan status nominal tanggal_bayar alasan_tolak kode_agen',
  regions: 'kode nama tingkat kode_induk luas_km2 penduduk lat lng',
  communities: 'nama jenis kode_desa pekerjaan tanggal_berdiri',
  agents: 'kode_agen nama kode_desa komunitas email_koordinator telepon mulai_aktif akhir_aktif email',
  workforce: 'kode_wilayah tahun pekerja_informal pekerjaan sumber',
  coverage_targets: 'kode_wilayah tahun target_cakupan',
  agent_targets: 'kode_agen bulan target_rekrutan',
};

describe('templates', () => {
  it('explain every column of every kind in both languages and give it an example', () => {
    const columns = new Set([...Object.values(PRODUCT_COLUMNS).flatMap((list) => list.split(' ')), ...Object.values(IMPORT_COLUMNS).flatMap((list) => list.map((c) => c.name))]);
    for (const locale of ['id', 'en'] as const) {
      const help = getMessages(locale).imports.columnHelp as Record<string, string>;
      for (const column of columns) expect(help[column], `${locale} ${column}`).toMatch(/\w{3}/);
    }
    for (const column of columns) expect(IMPORT_EXAMPLES, column).toHaveProperty(column);
    for (const [kind, list] of Object.entries(PRODUCT_COLUMNS)) {
      for (const column of list.split(' ')) expect(typeof importExample(kind, column)).toBe('string');
    }
  });

  it('read back as their header and example row, in CSV and xlsx, for every kind', async () => {
    const caller: Caller = { userId: 1, email: 'a@b', name: 'A', role: 'bpjs_officer', regionCode: null };
    for (const kind of IMPORT_KINDS) {
      const columns = templateColumns(kind, 'id');
      for (const format of ['csv', 'xlsx'] as const) {
        const file = await getImportTemplate({ caller, kind, format, locale: 'id' });
        const bytes = typeof file.body === 'string' ? utf8(file.body) : file.body;
        const records = await drain(fileRecords(pieces(bytes, 4096)));
        expect(records.map((r) => r.cells)).toEqual([columns.map((c) => c.name), columns.map((c) => c.example)]);
      }
      const notes = await getImportTemplate({ caller, kind, format: 'notes', locale: 'en' });
      expect(notes.body).toContain(getMessages('en').imports.columnHelp[columns[0]!.name as keyof ReturnType<typeof getMessages>['imports']['columnHelp']].slice(0, 30));
    }
    await expect(getImportTemplate({ caller: { ...caller, role: 'district_official' }, kind: 'members', format: 'csv', locale: 'id' })).rejects.toMatchObject({ status: 403 });
  });
});
