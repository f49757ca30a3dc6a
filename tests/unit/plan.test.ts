// The capacity planner's arithmetic (domain/plan.ts) on cases worked out by hand in the comments.
import { describe, expect, it } from 'vitest';
import {
  differenceInterval,
  enrolmentsNeeded,
  meanAbsolutePercentageError,
  mixedCurve,
  planCapacity,
  projectActive,
  survivalAt,
  type CapacityInputs,
} from '@/domain/plan';

// A region of 1 000 informal workers with 100 active members; 90 % of the active stay active each month.
// A new cohort: all active in its enrolment month, half of it the month after: S = [1, 0.5], then × 0.9 a month.
const base: CapacityInputs = {
  activeNow: 100,
  workforce: 1000,
  stockSurvival: 0.9,
  stockSurvivalLow: 0.8,
  stockSurvivalHigh: 1,
  survival: { embedded: [1, 0.5], outside: [], other: [1, 0.5] },
  mix: { embedded: 0.6, outside: 0, other: 0.4 },
  recruitsPerAgentMonth: 5,
  trendEnrolments: 50,
  activeAgents: 4,
};

describe('capacity arithmetic', () => {
  it('continues a survival curve past its last month with the stock survival', () => {
    // S(3) = S(1) × 0.9² = 0.5 × 0.81
    expect(survivalAt([1, 0.5], 3, 0.9)).toBeCloseTo(0.405, 10);
    expect(survivalAt([1, 0.5], 1, 0.9)).toBe(0.5);
    expect(survivalAt([], 2, 0.9)).toBeCloseTo(0.81, 10);
  });

  it('finds the monthly enrolments a target needs and follows the path to it', () => {
    // Target 20 % of 1 000 = 200 active in 2 months. The stock alone keeps 100 × 0.9² = 81.
    // n enrolments a month give n·S(1) + n·S(0) = 1.5 n at month 2: n = (200 − 81) / 1.5 = 79.33…
    const n = enrolmentsNeeded(100, 0.9, [1, 0.5], 200, 2);
    expect(n).toBeCloseTo(119 / 1.5, 10);
    // Month 1: 90 + n; month 2: 81 + 0.5 n + n = 200.
    const path = projectActive(100, 0.9, [1, 0.5], [n, n]);
    expect(path[0]).toBeCloseTo(90 + 119 / 1.5, 10);
    expect(path[1]).toBeCloseTo(200, 10);
    expect(enrolmentsNeeded(100, 0.9, [1, 0.5], 50, 2)).toBe(0);
  });

  it('turns enrolments into agents and compares with the current trend', () => {
    const plan = planCapacity(base, { targetRate: 20, horizon: 2, embeddedShare: null });
    expect(plan.targetActive).toBe(200);
    expect(plan.enrolmentsPerMonth).toBeCloseTo(79.3333, 3);
    // 60 % of the enrolments come through agents: 47.6 a month, at 5 per agent → 9.52 → 10 agents.
    expect(plan.agentRecruitsPerMonth).toBeCloseTo(47.6, 3);
    expect(plan.agentsNeeded).toBe(10);
    // The trend of 50 a month: month 1 = 90 + 50 = 140; month 2 = 81 + 25 + 50 = 156 → 15.6 %.
    expect(plan.trendPath[0]).toBeCloseTo(140, 10);
    expect(plan.trendPath[1]).toBeCloseTo(156, 10);
    expect(plan.trendRateAtTarget).toBeCloseTo(15.6, 10);
    // Range: stock survival 1 keeps all 100 → (200 − 100) / (1 + 0.5) = 66.67 (S(1) stays 0.5, observed);
    // stock survival 0.8 keeps 64 → (200 − 64) / 1.5 = 90.67.
    expect(plan.enrolmentsPerMonthLow).toBeCloseTo(100 / 1.5, 10);
    expect(plan.enrolmentsPerMonthHigh).toBeCloseTo(136 / 1.5, 10);
  });

  it('needs fewer enrolments when more recruits come through embedded agents', () => {
    const inputs: CapacityInputs = {
      ...base,
      survival: { embedded: [1, 0.8], outside: [1, 0.4], other: [1, 0.5] },
      mix: { embedded: 0.3, outside: 0.3, other: 0.4 },
    };
    // Observed mix: S(1) = 0.3·0.8 + 0.3·0.4 + 0.4·0.5 = 0.56.
    expect(mixedCurve(inputs, inputs.mix, 2)[1]).toBeCloseTo(0.56, 10);
    // All agents' recruits embedded: S(1) = 0.6·0.8 + 0.4·0.5 = 0.68 → n = 119 / 1.68.
    const embedded = planCapacity(inputs, { targetRate: 20, horizon: 2, embeddedShare: 1 });
    expect(embedded.enrolmentsPerMonth).toBeCloseTo(119 / 1.68, 10);
    const observed = planCapacity(inputs, { targetRate: 20, horizon: 2, embeddedShare: null });
    expect(observed.enrolmentsPerMonth).toBeCloseTo(119 / 1.56, 10);
  });

  it('gives the interval of a retention gap and the back-test error', () => {
    // 80/100 vs 60/100: gap 20 points, se = √(0.16/100 + 0.24/100) = 0.0632 → ± 12.40 points.
    const interval = differenceInterval({ cohort: 100, retained: 80 }, { cohort: 100, retained: 60 });
    expect(interval!.gap).toBeCloseTo(20, 10);
    expect(interval!.low).toBeCloseTo(20 - 196 * Math.sqrt(0.004), 8);
    expect(interval!.high).toBeCloseTo(20 + 196 * Math.sqrt(0.004), 8);
    expect(differenceInterval({ cohort: 0, retained: 0 }, { cohort: 5, retained: 1 })).toBeNull();
    // |110 − 100| / 100 and |90 − 100| / 100: 10 % each.
    expect(meanAbsolutePercentageError([110, 90], [100, 100])).toBeCloseTo(10, 10);
  });
});
