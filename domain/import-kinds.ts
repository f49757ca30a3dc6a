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
