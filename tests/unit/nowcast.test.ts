// The nowcast rule on hand-made numbers (domain/nowcast.ts); every expected value is worked out below.
import { describe, expect, it } from 'vitest';
import {
  applyFactor,
  completionFactor,
  intervalCoverage,
  medianAbsolutePercentageError,
  nowcastLag,
  quantile,
  referenceMonths,
  shiftDate,
  sumNowcasts,
} from '@/domain/nowcast';

describe('quantile', () => {
  it('interpolates between ranks as percentile_cont does', () => {
    // 5 values: position (5-1)*0.1 = 0.4 → 1 + 0.4*(2-1) = 1.4; median = the 3rd = 3; 0.9 → 3.6 → 4 + 0.6*(5-4)
    expect(quantile([1, 2, 3, 4, 5], 0.1)).toBeCloseTo(1.4);
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantile([1, 2, 3, 4, 5], 0.9)).toBeCloseTo(4.6);
    // 4 values: median at 1.5 → (2 + 4) / 2
    expect(quantile([1, 2, 4, 8], 0.5)).toBe(3);
  });
});

describe('completionFactor', () => {
  it('takes the median and the range of final / observed', () => {
    // ratios: 110/100 = 1.10, 105/100 = 1.05, 60/50 = 1.20, 100/100 = 1.00, 230/200 = 1.15
    // sorted 1.00 1.05 1.10 1.15 1.20 → median 1.10, interval 1.00–1.20
    const factor = completionFactor([
      { observed: 100, final: 110 },
      { observed: 100, final: 105 },
      { observed: 50, final: 60 },
      { observed: 100, final: 100 },
      { observed: 200, final: 230 },
    ]);
    expect(factor?.median).toBeCloseTo(1.1);
    expect(factor?.low).toBeCloseTo(1.0);
    expect(factor?.high).toBeCloseTo(1.2);
    expect(factor?.count).toBe(5);
  });

  it('leaves out months observed as 0 and gives nothing with fewer than 3 ratios', () => {
    expect(completionFactor([{ observed: 0, final: 5 }, { observed: 10, final: 12 }, { observed: 10, final: 11 }])).toBeNull();
    // arrears shrink as late payments come: ratios 0.5, 0.8, 0.6 → median 0.6
    const shrinking = completionFactor([{ observed: 0, final: 3 }, { observed: 10, final: 5 }, { observed: 10, final: 8 }, { observed: 5, final: 3 }]);
    expect(shrinking?.median).toBeCloseTo(0.6);
    expect(shrinking?.count).toBe(3);
  });

  it('scales the observed value and sums parts', () => {
    const factor = { median: 1.1, low: 1.02, high: 1.18, count: 5 };
    const a = applyFactor(2000, factor); // 2200 (2040–2360)
    expect(a.expected).toBeCloseTo(2200);
    expect(a.low).toBeCloseTo(2040);
    expect(a.high).toBeCloseTo(2360);
    const total = sumNowcasts([a, applyFactor(100, { median: 2, low: 1, high: 3, count: 3 })]);
    expect(total.expected).toBeCloseTo(2400);
    expect(total.low).toBeCloseTo(2140);
    expect(total.high).toBeCloseTo(2660);
  });
});

describe('lags and reference months', () => {
  it('counts months from the end of the month to the as-of date', () => {
    expect(nowcastLag('2026-11', '2026-11-30')).toBe(0);
    expect(nowcastLag('2026-11', '2026-12-03')).toBe(1);
    expect(nowcastLag('2026-09', '2026-12-31')).toBe(3);
  });

  it('moves a date by months, keeping the day where the month has it', () => {
    expect(shiftDate('2026-12-03', -1)).toBe('2026-11-03');
    expect(shiftDate('2026-03-31', -1)).toBe('2026-02-28');
    expect(shiftDate('2024-03-31', -1)).toBe('2024-02-29');
    expect(shiftDate('2026-01-15', -13)).toBe('2024-12-15');
  });

  it('takes the 12 latest final months, each at the same lag', () => {
    // as of 2026-12-03: 2026-08 ends its window on 2026-11-30, so it is the last final month;
    // 2026-09 .. 2026-12 are provisional. For 2026-11 (lag 1) the month 2026-08 is seen as of 2026-09-03.
    const refs = referenceMonths('2026-11', '2026-12-03');
    expect(refs).toHaveLength(12);
    expect(refs[0]).toEqual({ month: '2025-09', asOf: '2025-10-03' });
    expect(refs[11]).toEqual({ month: '2026-08', asOf: '2026-09-03' });
    // for 2026-09 (lag 3), 2026-08 is seen as of 2026-11-03
    expect(referenceMonths('2026-09', '2026-12-03')[11]).toEqual({ month: '2026-08', asOf: '2026-11-03' });
  });
});

describe('back-test measures', () => {
  it('takes the median absolute percentage error and the interval coverage', () => {
    // errors: |90-100|/100 = 10 %, |210-200|/200 = 5 %, |50-40|/40 = 25 %; truth 0 left out → median 10 %
    expect(
      medianAbsolutePercentageError([
        { estimate: 90, truth: 100 },
        { estimate: 210, truth: 200 },
        { estimate: 50, truth: 40 },
        { estimate: 3, truth: 0 },
      ]),
    ).toBeCloseTo(10);
    expect(medianAbsolutePercentageError([])).toBeNull();
    // 100 in 95–105 yes, 200 in 201–220 no, 40 in 40–41 yes (bounds count) → 2 of 3
    expect(
      intervalCoverage([
        { expected: 100, low: 95, high: 105, truth: 100 },
        { expected: 210, low: 201, high: 220, truth: 200 },
        { expected: 40.5, low: 40, high: 41, truth: 40 },
      ]),
    ).toBeCloseTo(66.667, 2);
  });
});
