// The columns of each import kind (../shared/PRODUCT.md "Import formats"). Shared by the server, the
// page (to show the expected columns) and the manual-entry forms.
import { IMPORT_KINDS, type ImportKind, type Role } from '@/domain/enums';
import { can, type Permission } from '@/domain/permissions';

export interface ColumnDef {
  name: string;
  required: boolean;
}

const col = (name: string, required = false): ColumnDef => ({ name, required });

export const IMPORT_COLUMNS: Record<ImportKind, readonly ColumnDef[]> = {
  members: [
    col('nik', true),
    col('kpj'),
    col('nama', true),
    col('jenis_kelamin', true),
    col('tanggal_lahir'),
    col('kode_desa', true),
    col('pekerjaan'),
    col('komunitas'),
    col('kode_agen'),
    col('kanal', true),
    col('tanggal_daftar', true),
    col('penghasilan'),
  ],
  contributions: [
    col('nik', true),
    col('bulan_mulai', true),
    col('jumlah_bulan', true),
    col('iuran_jkk', true),
    col('iuran_jkm', true),
    col('tanggal_bayar', true),
    col('kode_agen'),
  ],
  claims: [
    col('nomor_klaim', true),
    col('nik', true),
    col('program', true),
    col('tanggal_kejadian', true),
    col('tanggal_pengajuan', true),
    col('status', true),
    col('nominal'),
    col('tanggal_bayar'),
    col('alasan_tolak'),
    col('kode_agen'),
  ],
  regions: [col('kode', true), col('nama', true), col('tingkat', true), col('kode_induk'), col('luas_km2'), col('penduduk'), col('lat'), col('lng')],
  communities: [col('nama', true), col('jenis', true), col('kode_desa', true), col('pekerjaan'), col('tanggal_berdiri')],
  agents: [
    col('kode_agen', true),
    col('nama', true),
    col('kode_desa', true),
    col('komunitas'),
    col('email_koordinator'),
    col('telepon'),
    col('mulai_aktif', true),
    col('akhir_aktif'),
    col('email'),
  ],
  workforce: [col('kode_wilayah', true), col('tahun', true), col('pekerja_informal', true), col('pekerjaan'), col('sumber')],
  coverage_targets: [col('kode_wilayah', true), col('tahun', true), col('target_cakupan', true)],
  agent_targets: [col('kode_agen', true), col('bulan', true), col('target_rekrutan', true)],
};

/**
 * One example value per column name, for the templates: every column PRODUCT.md names, the master-data
 * kinds' included, so a kind gets its template the moment its columns are declared above. A value that
 * must differ for one kind is in IMPORT_EXAMPLES_BY_KIND.
 */
export const IMPORT_EXAMPLES: Record<string, string> = {
  // members
  nik: '3302141203850001',
  kpj: '26012345678',
  nama: 'Sutrisno',
  jenis_kelamin: 'L',
  tanggal_lahir: '1985-03-12',
  kode_desa: '33.02.14.2011',
  pekerjaan: 'pkl',
  komunitas: 'Paguyuban PKL Pasar Ajibarang',
  kode_agen: 'AG01',
  kanal: 'agent',
  tanggal_daftar: '2026-01-05',
  penghasilan: '1500000',
  // contributions
  bulan_mulai: '2026-01',
  jumlah_bulan: '3',
  iuran_jkk: '30000',
  iuran_jkm: '20400',
  tanggal_bayar: '2026-01-05',
  // claims
  nomor_klaim: 'KLM-2026-0001',
  program: 'JKK',
  tanggal_kejadian: '2026-02-10',
  tanggal_pengajuan: '2026-02-20',
  status: 'paid',
  nominal: '5000000',
  alasan_tolak: '',
  // regions
  kode: '33.02.14.2011',
  tingkat: 'desa',
  kode_induk: '33.02.14',
  luas_km2: '4.25',
  penduduk: '8500',
  lat: '-7.4102',
  lng: '109.0831',
  // communities
  jenis: 'paguyuban',
  tanggal_berdiri: '2019-06-01',
  // agents
  email_koordinator: 'koordinator@contoh.id',
  telepon: '081234567890',
  mulai_aktif: '2025-01-01',
  akhir_aktif: '',
  email: 'agen01@contoh.id',
  // workforce
  kode_wilayah: '33.02.14',
  tahun: '2026',
  pekerja_informal: '21500',
  sumber: 'Sakernas 2025 (perkiraan)',
  // coverage_targets
  target_cakupan: '40',
  // agent_targets
  bulan: '2026-01',
  target_rekrutan: '25',
};

/** Examples that differ for one kind (a claim is paid after it is submitted; a region is not a person). */
export const IMPORT_EXAMPLES_BY_KIND: Record<string, Record<string, string>> = {
  claims: { tanggal_bayar: '2026-03-02' },
  regions: { nama: 'Ajibarang Wetan' },
  communities: { nama: 'Paguyuban PKL Pasar Ajibarang' },
  agents: { nama: 'Budi Santoso', komunitas: 'Paguyuban PKL Pasar Ajibarang|Koperasi Tani Makmur' },
  workforce: { pekerjaan: '' },
};

/** The template's example value of a column of a kind ('' when none is known). */
export const importExample = (kind: string, column: string): string => IMPORT_EXAMPLES_BY_KIND[kind]?.[column] ?? IMPORT_EXAMPLES[column] ?? '';

/** Formats a template can be downloaded in; `notes` is the column explanation as CSV. */
export const TEMPLATE_FORMATS = ['xlsx', 'csv', 'notes'] as const;
export type TemplateFormat = (typeof TEMPLATE_FORMATS)[number];

/** Header cells are matched case-insensitively; spaces and dashes count as underscores. */
export const headerKey = (cell: string) => cell.trim().toLowerCase().replace(/[\s-]+/g, '_');

/** Largest upload accepted (bytes): a 1-million-row contributions file is about 60 MB. */
export const MAX_IMPORT_BYTES = Number(process.env.PAYUNG_IMPORT_MAX_BYTES ?? 100 * 1024 * 1024);

export const IMPORT_PREVIEW_ROWS = 5;
/** Issues listed in a report (the counts cover all of them). */
export const IMPORT_ISSUE_LIMIT = 1000;

/**
 * The permission each kind needs besides import:data: officers load the members' data, communities and
 * agents (within their region) and targets; regions and workforce estimates are reference data (admins).
 */
export const IMPORT_KIND_PERMISSION: Record<ImportKind, Permission> = {
  members: 'import:data',
  contributions: 'import:data',
  claims: 'import:data',
  communities: 'import:data',
  agents: 'import:data',
  coverage_targets: 'manage:targets',
  agent_targets: 'manage:targets',
  regions: 'manage:reference-data',
  workforce: 'manage:reference-data',
};

export const mayImportKind = (role: Role, kind: ImportKind) => can(role, 'import:data') && can(role, IMPORT_KIND_PERMISSION[kind]);

/** The kinds a role may load, in the order an office loads them. */
export const importKindsFor = (role: Role): ImportKind[] => IMPORT_KINDS.filter((kind) => mayImportKind(role, kind));
