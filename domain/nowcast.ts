// The nowcast of a provisional month (PRODUCT.md "Provisional month"): how much a figure known so far will
// still grow (or shrink) until its arrears window closes, learnt from the district's own earlier months.
// For each of the last final months r, the figure as it was known at the same point after r's end (the
// as-of date moved back by the months between r and the provisional month) is compared with r's final
// value; the median of those final / observed ratios scales the observed value, and their smallest and
// largest give the interval. Pure: the SQL that measures the figures is server/nowcast.ts.
import { addMonths, isProvisional, monthsBetween, periodOfDate, type Period } from '@/domain/month';

/** The figures that change after their month ends and get a nowcast (coverage follows active members). */
export const NOWCAST_FIGURES = ['activeMembers', 'lapsedMembers', 'contributionsCollected'] as const;
export type NowcastFigure = (typeof NOWCAST_FIGURES)[number];

/** How many final months the completion ratios come from. */
export const REFERENCE_MONTHS = 12;
/** Fewer usable ratios than this (a new office, a district with no history) give no nowcast. */
export const MIN_RATIOS = 3;
/**
 * The interval: these quantiles of the ratios, here their range. The back-test (npm run nowcast:backtest)
 * found the 10th–90th percentiles of 12 ratios held the truth far less often than 80 %.
 */
export const INTERVAL_QUANTILES = [0, 1] as const;

export const NOWCAST_METHOD = 'completion-ratio' as const;

/** One final month's figure as known at the same lag as the provisional month, and its final value. */
export interface CompletionSample {
  observed: number;
  final: number;
}

/** The scaling learnt from the samples: median and interval (INTERVAL_QUANTILES) of final / observed. */
export interface CompletionFactor {
  median: number;
  low: number;
  high: number;
  /** How many ratios it comes from. */
  count: number;
}

export interface NowcastValue {
  expected: number;
  low: number;
  high: number;
}

/**
 * The q-quantile of sorted values, interpolated linearly between the two nearest ranks (PostgreSQL's
 * percentile_cont).
 */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError('No values.');
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const a = sorted[below]!;
  const b = sorted[above]!;
  return a + (b - a) * (position - below);
}

/**
 * The completion factor of a figure from its samples; months observed as 0 say nothing about growth
 * (a ratio to nothing) and are left out. Null with fewer than MIN_RATIOS usable months.
 */
export function completionFactor(samples: readonly CompletionSample[]): CompletionFactor | null {
  const ratios = samples
    .filter((s) => s.observed > 0)
    .map((s) => s.final / s.observed)
    .sort((a, b) => a - b);
  if (ratios.length < MIN_RATIOS) return null;
  return {
    median: quantile(ratios, 0.5),
    low: quantile(ratios, INTERVAL_QUANTILES[0]),
    high: quantile(ratios, INTERVAL_QUANTILES[1]),
    count: ratios.length,
  };
}

/** The observed value scaled by the factor (unrounded: callers round for display). */
export function applyFactor(observed: number, factor: CompletionFactor): NowcastValue {
  return { expected: observed * factor.median, low: observed * factor.low, high: observed * factor.high };
}

/** Adds up the nowcasts of parts (the districts of a regency): expected and bounds each summed. */
export function sumNowcasts(parts: readonly NowcastValue[]): NowcastValue {
  return parts.reduce((sum, part) => ({ expected: sum.expected + part.expected, low: sum.low + part.low, high: sum.high + part.high }), {
    expected: 0,
    low: 0,
    high: 0,
  });
}

/** Months from the end of `period` to the as-of date: 0 while the month runs, 1 in the month after ... */
export function nowcastLag(period: Period, asOf: string): number {
  return monthsBetween(period, periodOfDate(asOf)).length - 1;
}

/** `date` moved by n months, its day kept (or the month's last day when the month is shorter). */
export function shiftDate(date: string, months: number): string {
  const month = addMonths(periodOfDate(date), months);
  const [year, mon] = month.split('-').map(Number);
  const lastDay = new Date(Date.UTC(year!, mon!, 0)).getUTCDate();
  const day = Math.min(Number(date.slice(8, 10)), lastDay);
  return `${month}-${String(day).padStart(2, '0')}`;
}

/**
 * The final months at `asOf` whose completion teaches the nowcast of `period`: the REFERENCE_MONTHS latest
 * months already final at `asOf`, each with the as-of date at the same lag after its end as `asOf` is
 * after `period`'s.
 */
export function referenceMonths(period: Period, asOf: string): Array<{ month: Period; asOf: string }> {
  let last = addMonths(period, -1);
  while (isProvisional(last, asOf)) last = addMonths(last, -1);
  return monthsBetween(addMonths(last, -(REFERENCE_MONTHS - 1)), last).map((month) => ({
    month,
    asOf: shiftDate(asOf, 1 - monthsBetween(month, period).length),
  }));
}

/** Median of |estimate − truth| / truth, in percent, over the cases with a truth above 0 (null with none). */
export function medianAbsolutePercentageError(cases: ReadonlyArray<{ estimate: number; truth: number }>): number | null {
  const errors = cases
    .filter((c) => c.truth > 0)
    .map((c) => (100 * Math.abs(c.estimate - c.truth)) / c.truth)
    .sort((a, b) => a - b);
  return errors.length === 0 ? null : quantile(errors, 0.5);
}

/** The share of cases, in percent, whose truth lies inside the interval (null with no case). */
export function intervalCoverage(cases: ReadonlyArray<NowcastValue & { truth: number }>): number | null {
  if (cases.length === 0) return null;
  return (100 * cases.filter((c) => c.truth >= c.low - 1e-9 && c.truth <= c.high + 1e-9).length) / cases.length;
}
