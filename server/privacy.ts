// Small-cell suppression (PRODUCT.md "Privacy"): in any aggregate a district official sees, a cell
// built from fewer than 5 persons is shown as "<5", in pages, API and exports alike.
import { SUPPRESSED, type Figure } from '@/domain/format';
import { MIN_CELL_PERSONS } from '@/domain/suppression';

export { MIN_CELL_PERSONS };

/** `value`, or "<5" when the persons it is built from are fewer than five. */
export function suppressSmall<T extends number | null>(value: T, persons: number): T | typeof SUPPRESSED {
  return persons < MIN_CELL_PERSONS ? SUPPRESSED : value;
}

export type { Figure };

/** A NIK as shown by default: the region prefix and the last four digits (`3302••••••••1234`). */
export function maskNik(nik: string): string {
  if (nik.length < 8) return '•'.repeat(nik.length);
  return `${nik.slice(0, 4)}${'•'.repeat(nik.length - 8)}${nik.slice(-4)}`;
}
