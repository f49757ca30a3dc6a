import { describe, expect, it } from 'vitest';
import { compareFigures, sameFigure } from '@/scripts/bench/figures';
import { parseOptions } from '@/scripts/bench/options';
import { formatRatio, percentile, speedRatio, summarize } from '@/scripts/bench/stats';

describe('bench percentile', () => {
  it('interpolates between ranks like percentile_cont', () => {
    // percentile_cont(0.5) of 1..4 is 2.5; (0.9) of 1..10 is 9.1; (0.95) of 10 values is 9.55.
    expect(percentile([4, 1, 3, 2], 50)).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBeCloseTo(9.1, 10);
    expect(percentile([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 95)).toBeCloseTo(9.55, 10);
  });

  it('gives the only value, the extremes at 0 and 100, NaN for no values', () => {
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([3, 1, 2], 0)).toBe(1);
    expect(percentile([3, 1, 2], 100)).toBe(3);
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it('summarizes samples without reordering the caller’s list', () => {
    const samples = [30, 10, 20];
    expect(summarize(samples)).toEqual({ count: 3, p50: 20, p95: 29, max: 30, mean: 20 });
    expect(samples).toEqual([30, 10, 20]);
  });

  it('gives the raw/API ratio only when both are known', () => {
    expect(speedRatio(2000, 50)).toBe(40);
    expect(speedRatio(null, 50)).toBeNull();
    expect(speedRatio(100, 0)).toBeNull();
  });

  it('prints ratios below 1 with two significant digits', () => {
    expect([formatRatio(35.4), formatRatio(4.25), formatRatio(0.354), formatRatio(0.00512), formatRatio(null)]).toEqual([
      '35×',
      '4.3×',
      '0.35×',
      '0.0051×',
      '–',
    ]);
  });
});

describe('bench figure comparison', () => {
  it('needs counts equal and rates equal to rounding', () => {
    expect(sameFigure(317129, 317129)).toBe(true);
    expect(sameFigure(317129, 317130)).toBe(false);
    expect(sameFigure(91.2345678, 91.2345679)).toBe(true);
    expect(sameFigure(91.23, 91.25)).toBe(false);
    expect(sameFigure(null, null)).toBe(true);
    expect(sameFigure(null, 0)).toBe(false);
  });

  it('names the figures that differ and those only one side has', () => {
    const api = new Map<string, number | null>([['a', 1], ['b', 2], ['c', 3]]);
    const raw = new Map<string, number | null>([['a', 1], ['b', 5], ['d', 4]]);
    const result = compareFigures(api, raw);
    expect(result.compared).toBe(2);
    expect(result.mismatches).toEqual(['b: API 2, raw SQL 5', 'd: API has none, raw SQL 4', 'c: raw SQL has none, API 3']);
    expect(compareFigures(api, raw, { onlyCommonKeys: true }).mismatches).toEqual(['b: API 2, raw SQL 5']);
  });
});

describe('bench options', () => {
  it('skips and selects sections', () => {
    const options = parseOptions(['--skip-load', '--requests', '7'], {});
    expect(options).not.toBe('help');
    if (options === 'help') return;
    expect(options.requests).toBe(7);
    expect([...options.sections]).toEqual(['demo-seed', 'import-copy', 'rebuild', 'api', 'pages', 'baseline', 'freshness', 'js']);
    const only = parseOptions(['--only=api,js', '--skip-js'], {});
    expect(only !== 'help' && [...only.sections]).toEqual(['api']);
  });

  it('refuses unknown options and bad numbers', () => {
    expect(() => parseOptions(['--fast'], {})).toThrow(/Unknown option/);
    expect(() => parseOptions(['--requests', '0'], {})).toThrow(/at least 1/);
    expect(() => parseOptions(['--only', 'everything'], {})).toThrow(/unknown section/);
  });

  it('reads the database and port from the environment', () => {
    const options = parseOptions([], { BENCH_DATABASE_URL: 'postgres://x@127.0.0.1/db', BENCH_PORT: '3210' });
    expect(options !== 'help' && [options.databaseUrl, options.port]).toEqual(['postgres://x@127.0.0.1/db', 3210]);
  });

  it('runs the kabupaten tier by default and the province tier on its own database with --scale jateng', () => {
    const kabupaten = parseOptions([], {});
    expect(kabupaten !== 'help' && [kabupaten.scale, kabupaten.databaseUrl]).toEqual(['banyumas', 'postgres://postgres@127.0.0.1:5432/payung_bench']);
    const province = parseOptions(['--scale', 'jateng', '--quick'], {});
    expect(province !== 'help' && [province.scale, province.databaseUrl, province.requests]).toEqual([
      'jateng',
      'postgres://postgres@127.0.0.1:5432/payung_bench_jateng',
      5,
    ]);
    const overridden = parseOptions(['--scale=jateng'], { BENCH_DATABASE_URL: 'postgres://x@127.0.0.1/mine' });
    expect(overridden !== 'help' && overridden.databaseUrl).toBe('postgres://x@127.0.0.1/mine');
    expect(() => parseOptions(['--scale', 'jawa'], {})).toThrow(/--scale needs banyumas or jateng/);
  });
});
