// The capacity planner's arithmetic, with no I/O: from the rates the data shows (a survival curve of new
// cohorts, the monthly survival of the members already active, recruits per agent per month), the
// monthly enrolments and agents a coverage target needs, and the path month by month. Deliberately
// simple (a cohort-survival projection with constant monthly enrolments) so it can be explained on the
// page and checked by hand; it describes what the office's own data shows, not a causal model.

/** How a recruit stands to the agent who brought them (see server/indicators/retention.ts). */
export const PLAN_TIES = ['embedded', 'outside', 'other'] as const;
export type PlanTie = (typeof PLAN_TIES)[number];

export interface CapacityInputs {
  /** Active members at the plan's start month. */
  activeNow: number;
  /** Informal workforce of the region (the coverage rate's denominator). */
  workforce: number;
  /** Of the members active in a month, the share active the next month (reactivations included). */
  stockSurvival: number;
  /** The lowest and highest of the monthly values `stockSurvival` pools: the range shown as uncertainty. */
  stockSurvivalLow: number;
  stockSurvivalHigh: number;
  /** S_g(k): of a cohort enrolled in month e, the share active in month e+k (k = 0, 1, ...), per tie. */
  survival: Record<PlanTie, number[]>;
  /** Observed shares of enrolments by tie (sum 1). */
  mix: Record<PlanTie, number>;
  /** Agent-recruited enrolments per active agent per month. */
  recruitsPerAgentMonth: number;
  /** Observed mean monthly enrolments (the current trend). */
  trendEnrolments: number;
  activeAgents: number;
}

/** S(k) of a curve, continued past its last observed month with the stock's monthly survival. */
export function survivalAt(curve: readonly number[], k: number, stockSurvival: number): number {
  if (curve.length === 0) return Math.pow(stockSurvival, k);
  if (k < curve.length) return curve[k]!;
  const last = curve.length - 1;
  return curve[last]! * Math.pow(stockSurvival, k - last);
}

/**
 * The enrolments' survival curve for a mix of ties: Σ share × S_tie(k), over `length` months. A tie
 * without a curve (no cohort observed) takes the mix's other curves' place, weighted by their shares.
 */
export function mixedCurve(inputs: Pick<CapacityInputs, 'survival' | 'stockSurvival'>, mix: Record<PlanTie, number>, length: number): number[] {
  const usable = PLAN_TIES.filter((t) => inputs.survival[t].length > 0 && mix[t] > 0);
  const weight = usable.reduce((sum, t) => sum + mix[t], 0);
  return Array.from({ length }, (_, k) =>
    weight === 0 ? Math.pow(inputs.stockSurvival, k) : usable.reduce((sum, t) => sum + (mix[t] / weight) * survivalAt(inputs.survival[t], k, inputs.stockSurvival), 0),
  );
}

/**
 * Active members after `t` months (t = 1..horizon) when `enrolments[j-1]` people enrol in month j:
 * A(t) = A0·s^t + Σ_{j ≤ t} n_j · S(t − j).
 */
export function projectActive(activeNow: number, stockSurvival: number, curve: readonly number[], enrolments: readonly number[]): number[] {
  return enrolments.map((_, index) => {
    const t = index + 1;
    let active = activeNow * Math.pow(stockSurvival, t);
    for (let j = 1; j <= t; j++) active += enrolments[j - 1]! * survivalAt(curve, t - j, stockSurvival);
    return active;
  });
}

/** The constant monthly enrolments n that make A(horizon) reach `targetActive` (0 when the stock alone does). */
export function enrolmentsNeeded(activeNow: number, stockSurvival: number, curve: readonly number[], targetActive: number, horizon: number): number {
  const remaining = activeNow * Math.pow(stockSurvival, horizon);
  let weight = 0;
  for (let j = 1; j <= horizon; j++) weight += survivalAt(curve, horizon - j, stockSurvival);
  if (targetActive <= remaining) return 0;
  return weight === 0 ? Infinity : (targetActive - remaining) / weight;
}

export interface CapacityAnswer {
  targetActive: number;
  horizon: number;
  /** Monthly enrolments needed (unrounded), and the range from the stock survival's low and high months. */
  enrolmentsPerMonth: number;
  enrolmentsPerMonthLow: number;
  enrolmentsPerMonthHigh: number;
  /** Of them, recruited by agents (the observed agent share of enrolments). */
  agentRecruitsPerMonth: number;
  /** Active agents needed at the observed recruits per agent per month (rounded up). */
  agentsNeeded: number | null;
  /** Active members month by month on the plan and at the current trend. */
  planPath: number[];
  trendPath: number[];
  /** Coverage reached at the date if enrolments stay at the current trend, in percent. */
  trendRateAtTarget: number | null;
}

/** The mix when a share `embeddedShare` (0..1) of the agents' recruits come through embedded agents. */
export function mixWithEmbeddedShare(mix: Record<PlanTie, number>, embeddedShare: number | null): Record<PlanTie, number> {
  if (embeddedShare === null) return mix;
  const agent = mix.embedded + mix.outside;
  return { embedded: agent * embeddedShare, outside: agent * (1 - embeddedShare), other: mix.other };
}

/** The plan for a coverage target `targetRate` (percent) reached `horizon` months after the start month. */
export function planCapacity(inputs: CapacityInputs, args: { targetRate: number; horizon: number; embeddedShare: number | null }): CapacityAnswer {
  const { targetRate, horizon } = args;
  const targetActive = Math.ceil((targetRate * inputs.workforce) / 100);
  const mix = mixWithEmbeddedShare(inputs.mix, args.embeddedShare);
  const curve = mixedCurve(inputs, mix, horizon + 1);
  const needed = (s: number) => enrolmentsNeeded(inputs.activeNow, s, mixedCurve({ ...inputs, stockSurvival: s }, mix, horizon + 1), targetActive, horizon);
  const enrolmentsPerMonth = needed(inputs.stockSurvival);
  const agentShare = mix.embedded + mix.outside;
  const agentRecruitsPerMonth = enrolmentsPerMonth * agentShare;
  const agentsNeeded =
    inputs.recruitsPerAgentMonth > 0 && Number.isFinite(agentRecruitsPerMonth) ? Math.ceil(agentRecruitsPerMonth / inputs.recruitsPerAgentMonth) : null;
  const planPath = Number.isFinite(enrolmentsPerMonth)
    ? projectActive(inputs.activeNow, inputs.stockSurvival, curve, Array.from({ length: horizon }, () => enrolmentsPerMonth))
    : [];
  const trendCurve = mixedCurve(inputs, inputs.mix, horizon + 1);
  const trendPath = projectActive(inputs.activeNow, inputs.stockSurvival, trendCurve, Array.from({ length: horizon }, () => inputs.trendEnrolments));
  const last = trendPath[trendPath.length - 1];
  return {
    targetActive,
    horizon,
    enrolmentsPerMonth,
    // A lower stock survival needs more enrolments: the low month gives the high end of the range.
    enrolmentsPerMonthLow: needed(inputs.stockSurvivalHigh),
    enrolmentsPerMonthHigh: needed(inputs.stockSurvivalLow),
    agentRecruitsPerMonth,
    agentsNeeded,
    planPath,
    trendPath,
    trendRateAtTarget: inputs.workforce > 0 && last !== undefined ? (100 * last) / inputs.workforce : null,
  };
}

/** Mean absolute percentage error of a projected path against what happened (months where it is > 0). */
export function meanAbsolutePercentageError(projected: readonly number[], actual: readonly number[]): number | null {
  const pairs = actual.map((a, i) => [projected[i], a] as const).filter(([p, a]) => p !== undefined && a > 0);
  if (pairs.length === 0) return null;
  return (100 * pairs.reduce((sum, [p, a]) => sum + Math.abs(p! - a) / a, 0)) / pairs.length;
}

/** 95 % interval of a difference of two proportions (Wald), in percentage points; null when a side is empty. */
export function differenceInterval(
  a: { cohort: number; retained: number },
  b: { cohort: number; retained: number },
): { gap: number; low: number; high: number } | null {
  if (a.cohort === 0 || b.cohort === 0) return null;
  const p1 = a.retained / a.cohort;
  const p2 = b.retained / b.cohort;
  const se = Math.sqrt((p1 * (1 - p1)) / a.cohort + (p2 * (1 - p2)) / b.cohort);
  const gap = p1 - p2;
  return { gap: 100 * gap, low: 100 * (gap - 1.96 * se), high: 100 * (gap + 1.96 * se) };
}
