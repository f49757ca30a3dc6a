// Pure helpers for the benchmark's figures (unit-tested in tests/unit/bench-stats.test.ts).

export interface LatencyStats {
  count: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

/**
 * The p-th percentile (0..100) of a list of numbers by linear interpolation between the closest ranks,
 * the same rule as PostgreSQL's percentile_cont, so a p95 here reads like one in SQL.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  if (p < 0 || p > 100) throw new RangeError(`percentile: p must be within 0..100, got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  const low = sorted[lower]!;
  const high = sorted[upper]!;
  return low + (high - low) * (rank - lower);
}

export function summarize(samples: readonly number[]): LatencyStats {
  if (samples.length === 0) return { count: 0, p50: Number.NaN, p95: Number.NaN, max: Number.NaN, mean: Number.NaN };
  return {
    count: samples.length,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    max: Math.max(...samples),
    mean: samples.reduce((sum, x) => sum + x, 0) / samples.length,
  };
}

/** How many times slower the raw-SQL figure is than the API's (both p50); null when either is missing. */
export function speedRatio(rawMs: number | null | undefined, apiMs: number | null | undefined): number | null {
  if (rawMs == null || apiMs == null || !Number.isFinite(rawMs) || !Number.isFinite(apiMs) || apiMs <= 0) return null;
  return rawMs / apiMs;
}

/** Milliseconds for a table: one decimal under 10 ms, whole numbers above. */
export function formatMs(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return '–';
  return ms < 10 ? ms.toFixed(1) : String(Math.round(ms));
}

/** Kilobytes (1 kB = 1,000 bytes, as bundle budgets are usually written) with one decimal. */
export function formatKb(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`;
}

/** A speed ratio for a table: `35×`, `4.2×`, `0.35×`, `0.0051×`; '–' when unknown. */
export function formatRatio(ratio: number | null | undefined): string {
  if (ratio == null || !Number.isFinite(ratio)) return '–';
  if (ratio >= 10) return `${Math.round(ratio)}×`;
  if (ratio >= 1) return `${ratio.toFixed(1)}×`;
  return `${Number(ratio.toPrecision(2))}×`;
}
