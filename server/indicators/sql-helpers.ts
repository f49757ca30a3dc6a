import { sql, type SQL } from 'drizzle-orm';
import { addMonths, periodStart, type Period } from '@/domain/month';

/** The first day of a period shifted by n months, as a SQL date. */
export function monthDate(period: Period, shift = 0): SQL {
  return sql`${periodStart(addMonths(period, shift))}::date`;
}

/** Drivers return counts and sums as number, string or bigint: make them numbers. */
export function toNumber(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return Number(value);
}

/** A share in percent, unrounded; null when there is nothing to divide by. */
export function percentage(numerator: number, denominator: number): number | null {
  return denominator > 0 ? (numerator / denominator) * 100 : null;
}
