// The values of an import file as Payung understands them (../shared/PRODUCT.md "Import formats").
// Pure functions: no database, shared by the file import and the manual-entry forms.
import { CLAIM_STATUSES, type ClaimStatus } from '@/domain/enums';

/** `YYYY-MM-DD` or `DD/MM/YYYY` (also `DD-MM-YYYY`) → `YYYY-MM-DD`, or null when not a real date. */
export function parseDate(raw: string): string | null {
  const text = raw.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (match) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    match = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(text);
    if (!match) return null;
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  if (y < 1900 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** `YYYY-MM` (also `MM/YYYY` and a full date, whose day is ignored) → `YYYY-MM`. */
export function parseMonth(raw: string): string | null {
  const text = raw.trim();
  let match = /^(\d{4})-(\d{1,2})$/.exec(text);
  if (match) {
    const m = Number(match[2]);
    return m >= 1 && m <= 12 && Number(match[1]) >= 1900 ? `${match[1]}-${String(m).padStart(2, '0')}` : null;
  }
  match = /^(\d{1,2})\/(\d{4})$/.exec(text);
  if (match) {
    const m = Number(match[1]);
    return m >= 1 && m <= 12 ? `${match[2]}-${String(m).padStart(2, '0')}` : null;
  }
  const date = parseDate(text);
  return date ? date.slice(0, 7) : null;
}

/**
 * Whole Rupiah: `16800`, `16.800`, `Rp 16.800`, `Rp16.800,00`; a leading minus is kept (so the caller can
 * say "negative"). Null when the text is not an amount.
 */
export function parseAmount(raw: string): number | null {
  let text = raw.trim().replace(/^rp\.?\s*/i, '').replace(/\s/g, '');
  const negative = text.startsWith('-');
  if (negative) text = text.slice(1).replace(/^rp\.?/i, '');
  text = text.replace(/,00?$/, '');
  if (/^\d{1,3}(\.\d{3})+$/.test(text)) text = text.replace(/\./g, '');
  if (!/^\d+$/.test(text) || text.length > 12) return null;
  const value = Number(text);
  return negative ? -value : value;
}

/** A whole number (months count). */
export function parseInteger(raw: string): number | null {
  const text = raw.trim();
  return /^-?\d{1,6}$/.test(text) ? Number(text) : null;
}

/** `3302142001` or `33.02.14.2001` → `33.02.14.2001`; null if not 10 digits. */
export function normaliseVillageCode(raw: string): string | null {
  const digits = raw.trim().replace(/[.\s]/g, '');
  if (!/^\d{10}$/.test(digits)) return null;
  return `${digits.slice(0, 2)}.${digits.slice(2, 4)}.${digits.slice(4, 6)}.${digits.slice(6)}`;
}

/** Province codes in use by Kemendagri (the first two digits of every NIK). */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96, 97,
]);

export type NikProblem = 'nik_length' | 'nik_digits' | 'nik_region' | 'nik_birth' | null;

/**
 * A NIK is 16 digits: province, regency, district (2 each), birth date DDMMYY (day + 40 for women), and a
 * 4-digit serial that is never 0000.
 */
export function nikProblem(raw: string): NikProblem {
  const nik = raw.trim();
  if (!/^\d*$/.test(nik)) return 'nik_digits';
  if (nik.length !== 16) return 'nik_length';
  const province = Number(nik.slice(0, 2));
  if (!PROVINCES.has(province) || nik.slice(2, 4) === '00' || nik.slice(4, 6) === '00') return 'nik_region';
  const day = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const realDay = day > 40 ? day - 40 : day;
  if (realDay < 1 || realDay > 31 || month < 1 || month > 12 || nik.slice(12) === '0000') return 'nik_birth';
  return null;
}

/** What a NIK says of its holder: sex and birth date (DDMMYY, the century unknown). */
export function nikBirthPart(nik: string): { sex: 'L' | 'P'; ddmmyy: string } {
  const day = Number(nik.slice(6, 8));
  return {
    sex: day > 40 ? 'P' : 'L',
    ddmmyy: `${String(day > 40 ? day - 40 : day).padStart(2, '0')}${nik.slice(8, 12)}`,
  };
}

/** KPJ: the 11-digit BPJS Ketenagakerjaan membership number. */
export const KPJ_PATTERN = /^\d{11}$/;

/** Cells a spreadsheet would run as a formula. */
export const FORMULA_START = /^[=+\-@\t\r]/;

const STATUS_ALIASES: Record<string, ClaimStatus> = {
  diajukan: 'submitted',
  diverifikasi: 'verified',
  disetujui: 'approved',
  dibayar: 'paid',
  ditolak: 'rejected',
};

/** English codes or the Indonesian words (`dibayar`, ...), any case. */
export function parseClaimStatus(raw: string): ClaimStatus | null {
  const text = raw.trim().toLowerCase();
  if ((CLAIM_STATUSES as readonly string[]).includes(text)) return text as ClaimStatus;
  return STATUS_ALIASES[text] ?? null;
}

export function parseSex(raw: string): 'L' | 'P' | null {
  const text = raw.trim().toUpperCase();
  if (text === 'L' || text === 'LAKI-LAKI' || text === 'M') return 'L';
  if (text === 'P' || text === 'PEREMPUAN' || text === 'F' || text === 'W') return 'P';
  return null;
}

/** Case- and space-insensitive key for matching names. */
export const nameKey = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');

function distance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

export interface Candidate {
  /** What the file should say (a code). */
  value: string;
  /** What a person recognises (a name). */
  label: string;
}

/** The known value closest to `raw`, compared with both its code and its name. */
export function closest(raw: string, candidates: readonly Candidate[]): Candidate | null {
  const text = nameKey(raw);
  if (!text || candidates.length === 0) return null;
  let best: Candidate | null = null;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    for (const key of [nameKey(candidate.value), nameKey(candidate.label)]) {
      const contains = key.includes(text) || text.includes(key) ? 0.5 : 1;
      const score = (distance(text, key) / Math.max(key.length, text.length, 1)) * contains;
      if (score < bestScore) {
        bestScore = score;
        best = candidate;
      }
    }
  }
  return best;
}
