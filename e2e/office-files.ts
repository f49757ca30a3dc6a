// A branch office's own files for the into-service walk: two communities, two agents, the workforce of two
// villages, six members, their contributions and one paid claim — in the formats offices have (xlsx,
// semicolon and tab CSV, Windows-1252). The figures they make are worked out by hand in OFFICE_FIGURES.
import ExcelJS from 'exceljs';

export const SUPERVISOR = { email: 'koordinator@bpjs-ajibarang.test', name: 'Koordinator Perisai', password: 'hujan-deras-sore-hari-2026' };

const KULON = '33.02.14.2011'; // Ajibarang Kulon
const DARMA = '3302142001'; // Darmakradenan, written without dots as BPJS exports do

export const COMMUNITIES_CSV = [
  'nama,jenis,kode_desa,pekerjaan,tanggal_berdiri',
  `Paguyuban Pedagang Pasar Ajibarang,paguyuban,${KULON},pedagang_pasar,2019-05-01`,
  `Kelompok Tani Sri Rejeki,kelompok_tani,${DARMA},petani,12/08/2015`,
].join('\r\n');

export async function agentsXlsx(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Agen');
  sheet.addRow(['kode_agen', 'nama', 'kode_desa', 'komunitas', 'email_koordinator', 'telepon', 'mulai_aktif', 'akhir_aktif', 'email']);
  // Dates as Excel stores them (date cells), the phone as text.
  sheet.addRow(['AJB-01', 'Ratna Pasar', KULON, 'Paguyuban Pedagang Pasar Ajibarang', SUPERVISOR.email, '081234567801', new Date(Date.UTC(2025, 11, 1)), null, null]);
  sheet.addRow(['AJB-02', 'Karso Tani', DARMA, 'Kelompok Tani Sri Rejeki', SUPERVISOR.email, '081234567802', new Date(Date.UTC(2026, 0, 15)), null, null]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Semicolon-delimited, as Excel writes "CSV" in an Indonesian locale. */
export const WORKFORCE_CSV = ['kode_wilayah;tahun;pekerja_informal;pekerjaan;sumber', `${KULON};2026;200;;Survei kantor cabang 2026`, `${DARMA};2026;500;;Survei kantor cabang 2026`].join('\r\n');

/** Tab-delimited, as a spreadsheet's "text" export. */
export const MEMBERS_TSV = [
  ['nik', 'nama', 'jenis_kelamin', 'tanggal_lahir', 'kode_desa', 'pekerjaan', 'komunitas', 'kode_agen', 'kanal', 'tanggal_daftar', 'penghasilan'],
  ['3302141203850001', 'Sutrisno', 'L', '1985-03-12', KULON, 'pedagang_pasar', 'Paguyuban Pedagang Pasar Ajibarang', 'AJB-01', 'agent', '2026-01-10', '1.000.000'],
  ['3302145507900002', 'Siti Aminah', 'P', '1990-07-15', KULON, 'pedagang_pasar', 'Paguyuban Pedagang Pasar Ajibarang', 'AJB-01', 'community', '2026-02-03', '1.000.000'],
  ['3302140101800003', 'Slamet', 'L', '1980-01-01', KULON, 'tukang_parkir', '', 'AJB-01', 'agent', '2026-03-15', '1.000.000'],
  ['3302144505750004', 'Warsini', 'P', '1975-05-05', KULON, 'pkl', 'Paguyuban Pedagang Pasar Ajibarang', 'AJB-01', 'agent', '2026-04-01', '1.000.000'],
  ['3302141010700005', 'Darto', 'L', '1970-10-10', DARMA, 'petani', 'Kelompok Tani Sri Rejeki', 'AJB-02', 'community', '2026-05-20', '1.000.000'],
  ['3302146006880006', 'Sumini', 'P', '1988-06-20', DARMA, 'buruh_tani', 'Kelompok Tani Sri Rejeki', 'AJB-02', 'agent', '2026-11-02', '1.000.000'],
]
  .map((row) => row.join('\t'))
  .join('\n');

// Income 1.000.000: JKK 1 % = 10.000 and JKM 6.800 a month.
const paid = (nik: string, first: string, months: number, on: string) => `${nik},${first},${months},${10_000 * months},${6_800 * months},${on},`;
export const CONTRIBUTIONS_CSV = [
  'nik,bulan_mulai,jumlah_bulan,iuran_jkk,iuran_jkm,tanggal_bayar,kode_agen',
  paid('3302141203850001', '2026-01', 12, '2026-01-10'), // Jan–Dec: active in October
  paid('3302145507900002', '2026-02', 9, '2026-02-03'), // Feb–Oct: active
  paid('3302140101800003', '2026-03', 8, '2026-03-15'), // Mar–Oct: active
  paid('3302144505750004', '2026-04', 5, '2026-04-01'), // Apr–Aug: in arrears in October
  paid('3302141010700005', '2026-05', 6, '2026-05-20'), // May–Oct: active
].join('\n');

/** Windows-1252, as Excel on Windows saves "CSV": the rejection reason column carries a "é". */
export const CLAIMS_CSV_1252 = Buffer.from(
  [
    'nomor_klaim,nik,program,tanggal_kejadian,tanggal_pengajuan,status,nominal,tanggal_bayar,alasan_tolak,kode_agen',
    'KLM-AJB-0001,3302141203850001,JKK,2026-08-14,2026-08-20,dibayar,5.000.000,2026-09-10,,AJB-01',
    'KLM-AJB-0002,3302141010700005,JKK,2026-09-02,2026-09-05,ditolak,,,Kejadian di luar pekerjaan (café),AJB-02',
  ].join('\r\n'),
  'latin1',
);

/** October 2026, worked out by hand from the files above. */
export const OFFICE_FIGURES = {
  period: '2026-10',
  kulon: { active: 3, arrears: 1, coverage: '1,5%' }, // 3 / 200
  darmakradenan: { active: 1, arrears: 0, coverage: '0,2%' }, // 1 / 500
  district: { active: 4, arrears: 1 },
  claimsPaidAmount: 'Rp 5.000.000',
};
