// Months are calendar months in Asia/Jakarta time, written 'YYYY-MM' (PRODUCT.md "Indicators").
export type Period = string;

const PERIOD_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
const JAKARTA_OFFSET_MS = 7 * 60 * 60 * 1000; // WIB has no daylight saving

export function isPeriod(value: string): boolean {
  return PERIOD_PATTERN.test(value);
}

function toIndex(period: Period): number {
  const match = PERIOD_PATTERN.exec(period);
  if (!match) throw new RangeError(`Not a period (YYYY-MM): ${period}`);
  return Number(match[1]) * 12 + Number(match[2]) - 1;
}

function fromIndex(index: number): Period {
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

export function addMonths(period: Period, n: number): Period {
  return fromIndex(toIndex(period) + n);
}

/** The first day of the month, as a SQL date literal. */
export function periodStart(period: Period): string {
  toIndex(period);
  return `${period}-01`;
}

export function periodOfDate(date: string): Period {
  return date.slice(0, 7);
}

export function currentMonth(now: Date = new Date()): Period {
  return new Date(now.getTime() + JAKARTA_OFFSET_MS).toISOString().slice(0, 7);
}

/** Today's date in Asia/Jakarta, 'YYYY-MM-DD'. */
export function todayInJakarta(now: Date = new Date()): string {
  return new Date(now.getTime() + JAKARTA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The default period everywhere: the last month that has ended in Asia/Jakarta. */
export function latestCompleteMonth(now: Date = new Date()): Period {
  return addMonths(currentMonth(now), -1);
}

export function monthsBetween(from: Period, to: Period): Period[] {
  const start = toIndex(from);
  const end = toIndex(to);
  const months: Period[] = [];
  for (let i = start; i <= end; i++) months.push(fromIndex(i));
  return months;
}

export function yearOf(period: Period): number {
  return Math.floor(toIndex(period) / 12);
}

/** The trend ranges the pages offer (`?range=` months); anything else is the first. */
export const TREND_RANGES = [12, 24, 36] as const;
export function trendRangeOf(value: unknown): number {
  const months = Number(value);
  return (TREND_RANGES as readonly number[]).includes(months) ? months : TREND_RANGES[0];
}

/** The last day of the month m + 3: until then a late payment can still make a member active in m. */
export function arrearsWindowEnd(period: Period): string {
  const next = addMonths(period, 4);
  const day = new Date(Date.UTC(Number(next.slice(0, 4)), Number(next.slice(5, 7)) - 1, 1) - 86_400_000);
  return day.toISOString().slice(0, 10);
}

/**
 * PRODUCT.md "Provisional month": m is provisional while the data's as-of date is on or before the last
 * day of m + 3, and final after.
 */
export function isProvisional(period: Period, asOf: string): boolean {
  return asOf <= arrearsWindowEnd(period);
}
