import 'server-only';
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Database } from '@/db';
import { cachedRows } from '@/db/figures-cache';
import { planScenarios, regions } from '@/db/schema';
import type { Caller } from '@/server/auth/caller';
import { can } from '@/domain/permissions';
import { AppError, forbidden } from '@/domain/errors';
import { addMonths, monthsBetween, yearOf, type Period } from '@/domain/month';
import { CHANNELS, type Channel } from '@/domain/enums';
import {
  differenceInterval,
  planCapacity,
  PLAN_TIES,
  type CapacityInputs,
  type PlanTie,
} from '@/domain/plan';
import { memberScopeCondition, regionMatch, type IndicatorScope } from '@/server/indicators/scope';
import { monthDate, percentage, toNumber } from '@/server/indicators/sql-helpers';
import { workforceOfSql } from '@/server/indicators/workforce';
import { agentTieSql } from '@/server/indicators/retention';
import { countFor, rateFor } from '@/server/figures';
import { resolveScope } from '@/server/scope';
import { writeAudit } from '@/server/audit';
import type { Locale } from '@/i18n';
import type { AgentGapRow, CapacityView, ChannelRow, ChannelsView, Scenario } from '@/contracts/plan';
import type { PlanScenarioInput } from '@/domain/plan-scenarios';

// The planning views (issue 21): every figure from SQL over members, coverage_spans and agents; the
// capacity arithmetic itself is domain/plan.ts. A month's figures may still change for three months
// (late arrears), so rates are read only from final months: the plan starts after the last of them.

/** Months a member may still pay for: a month is final three months after it ends (PRODUCT.md). */
const ARREARS_WINDOW = 3;
/** Retention pooled like the agents' page: twelve monthly cohorts read six months after enrolment. */
const GAP_MONTHS = 6;
const GAP_COHORTS = 12;
/** A village's own gap is used only when both of its cohorts hold at least this many recruits. */
export const MIN_LOCAL_COHORT = 20;
/** Rates over the last twelve final months; cohort survival read up to 24 months after enrolment. */
const RATE_MONTHS = 12;
const MAX_K = 24;
const COHORT_WINDOW = 36;
/** The longest plan: ten years. */
const MAX_HORIZON = 120;

async function planScope(db: Database, caller: Caller, region: string | undefined | null) {
  if (!can(caller.role, 'plan:coverage')) throw forbidden();
  return resolveScope(db, caller, region ?? null);
}

/** The whole-month start of a member's enrolment, for an alias `sm`. */
const enrolMonth = sql`(sm.enrolled_on - extract(day from sm.enrolled_on)::int + 1)`;

/** Covered in month `month` (a SQL date) for the member `sm`. */
const coveredIn = (month: SQL) =>
  sql`exists (select 1 from coverage_spans cs where cs.member_id = sm.id and cs.first_month <= ${month} and cs.last_month >= ${month})`;
/** Not covered in `month` but covered in one of the three months before (menunggak), given not covered. */
const recentlyCovered = (month: SQL) =>
  sql`exists (select 1 from coverage_spans cs where cs.member_id = sm.id and cs.last_month >= (${month} - interval '3 months')::date and cs.last_month < ${month})`;
const coveredBefore = (month: SQL) => sql`exists (select 1 from coverage_spans cs where cs.member_id = sm.id and cs.first_month < ${month})`;

// ---------------------------------------------------------------- agent gaps

interface GapCounts {
  embeddedCohort: number;
  embeddedRetained: number;
  outsideCohort: number;
  outsideRetained: number;
}
const NO_COUNTS: GapCounts = { embeddedCohort: 0, embeddedRetained: 0, outsideCohort: 0, outsideRetained: 0 };

/** Agents' recruits' 6-month retention by the member's village and tie (embedded / outside), pooled over 12 cohorts. */
async function gapCountsByVillage(db: Database, scope: IndicatorScope, period: Period): Promise<Map<string, GapCounts>> {
  const rows = await cachedRows<{ village: string; tie: string; cohort: unknown; retained: unknown }>(
    db,
    sql`
      select sm.village_code as village, ${agentTieSql} as tie, count(*) as cohort,
        count(*) filter (where ${coveredIn(sql`(${enrolMonth} + interval '${sql.raw(String(GAP_MONTHS))} months')::date`)}) as retained
      from members sm
      where ${memberScopeCondition('sm', scope)} and sm.agent_code is not null and sm.community_id is not null
        and sm.enrolled_on >= ${monthDate(period, -(GAP_MONTHS + GAP_COHORTS - 1))}
        and sm.enrolled_on < ${monthDate(period, -GAP_MONTHS + 1)}
      group by 1, 2`,
  );
  const out = new Map<string, GapCounts>();
  for (const row of rows) {
    const counts = { ...(out.get(row.village) ?? NO_COUNTS) };
    if (row.tie === 'embedded') {
      counts.embeddedCohort += toNumber(row.cohort);
      counts.embeddedRetained += toNumber(row.retained);
    } else if (row.tie === 'outside') {
      counts.outsideCohort += toNumber(row.cohort);
      counts.outsideRetained += toNumber(row.retained);
    }
    out.set(row.village, counts);
  }
  return out;
}

function sumCounts(list: Iterable<GapCounts>): GapCounts {
  const total = { ...NO_COUNTS };
  for (const c of list) {
    total.embeddedCohort += c.embeddedCohort;
    total.embeddedRetained += c.embeddedRetained;
    total.outsideCohort += c.outsideCohort;
    total.outsideRetained += c.outsideRetained;
  }
  return total;
}

function intervalOf(c: GapCounts) {
  return differenceInterval({ cohort: c.embeddedCohort, retained: c.embeddedRetained }, { cohort: c.outsideCohort, retained: c.outsideRetained });
}

/**
 * Communities, and villages × occupations, in the region: whether an active agent belongs to them, how
 * many of their workers are not covered, and how many of those an agent from within would likely keep
 * (not covered × the village's measured retention gap, or the region's when the village's is thin).
 * Places without an agent from within come first, the most to keep first.
 */
export async function getAgentGaps(db: Database, args: { caller: Caller; period: Period; region?: string | null; locale: Locale }) {
  const { caller, period, locale } = args;
  const { scope, region } = await planScope(db, caller, args.region);
  const m = monthDate(period);
  const monthEnd = monthDate(period, 1);
  const occupationName = locale === 'en' ? sql`o.name_en` : sql`o.name_id`;
  const [gaps, places] = await Promise.all([
    gapCountsByVillage(db, scope, period),
    cachedRows<Record<string, unknown>>(
      db,
      sql`
        with flags as (
          select sm.community_id, sm.village_code, sm.occupation_code,
            ${coveredIn(m)} as active, ${recentlyCovered(m)} as recent, ${coveredBefore(m)} as ever
          from members sm
          where ${memberScopeCondition('sm', scope)} and sm.enrolled_on < ${monthEnd}
        ),
        within as (
          select ac.community_id, count(distinct ac.agent_code) as agents
          from agent_communities ac join agents a on a.code = ac.agent_code
          where a.active_from < ${monthEnd} and (a.active_to is null or a.active_to >= ${m})
          group by 1
        ),
        by_community as (
          select community_id, count(*) filter (where active) as active,
            count(*) filter (where not active and recent) as arrears,
            count(*) filter (where not active and not recent and ever) as ended
          from flags where community_id is not null group by 1
        ),
        by_place as (
          select village_code, occupation_code, count(*) filter (where active) as active,
            count(*) filter (where not active and recent) as arrears,
            count(*) filter (where not active and not recent and ever) as ended
          from flags where occupation_code is not null group by 1, 2
        ),
        workforce_year as (
          select coalesce(max(year) filter (where year <= ${yearOf(period)}), max(year)) as year
          from workforce_estimates_by_occupation
        ),
        workforce as (
          select we.region_code as village_code, we.occupation_code, we.informal_workers
          from workforce_estimates_by_occupation we join workforce_year y on y.year = we.year
          where ${regionMatch(sql`we.region_code`, scope.regionCode)}
        ),
        place_agents as (
          select co.village_code, co.occupation_code, count(distinct ac.agent_code) as agents
          from communities co join agent_communities ac on ac.community_id = co.id join agents a on a.code = ac.agent_code
          where co.occupation_code is not null and a.active_from < ${monthEnd} and (a.active_to is null or a.active_to >= ${m})
          group by 1, 2
        ),
        places as (
          select village_code, occupation_code from by_place union select village_code, occupation_code from workforce
        )
        select 'community' as kind, co.id::text as key, co.name, co.village_code, r.name as village, ${occupationName} as occupation,
          coalesce(w.agents, 0) as agents, coalesce(b.active, 0) as active, coalesce(b.arrears, 0) as arrears,
          coalesce(b.ended, 0) as ended, null::int as workforce
        from communities co
        join regions r on r.code = co.village_code
        left join occupations o on o.code = co.occupation_code
        left join within w on w.community_id = co.id
        left join by_community b on b.community_id = co.id
        where ${regionMatch(sql`co.village_code`, scope.regionCode)}
        union all
        select 'village_occupation', p.village_code || '|' || p.occupation_code, ${occupationName} || ' — ' || r.name, p.village_code, r.name, ${occupationName},
          coalesce(pa.agents, 0), coalesce(b.active, 0), coalesce(b.arrears, 0), coalesce(b.ended, 0), wf.informal_workers
        from places p
        join regions r on r.code = p.village_code
        join occupations o on o.code = p.occupation_code
        left join by_place b on b.village_code = p.village_code and b.occupation_code = p.occupation_code
        left join workforce wf on wf.village_code = p.village_code and wf.occupation_code = p.occupation_code
        left join place_agents pa on pa.village_code = p.village_code and pa.occupation_code = p.occupation_code`,
    ),
  ]);
  const regionCounts = sumCounts(gaps.values());
  const regionInterval = intervalOf(regionCounts);
  const role = caller.role;
  const rows = places.map((row) => {
    const villageCode = String(row.village_code);
    const local = gaps.get(villageCode) ?? NO_COUNTS;
    const useLocal = local.embeddedCohort >= MIN_LOCAL_COHORT && local.outsideCohort >= MIN_LOCAL_COHORT;
    const counts = useLocal ? local : regionCounts;
    const interval = useLocal ? intervalOf(local) : regionInterval;
    const active = toNumber(row.active);
    const arrears = toNumber(row.arrears);
    const ended = toNumber(row.ended);
    const workforce = row.workforce === null || row.workforce === undefined ? null : toNumber(row.workforce);
    const notCovered = workforce === null ? arrears + ended : Math.max(workforce - active, 0);
    const kept = (gap: number | undefined) => (gap === undefined ? null : (notCovered * Math.max(gap, 0)) / 100);
    return {
      key: `${String(row.kind)}:${String(row.key)}`,
      kind: row.kind as AgentGapRow['kind'],
      name: String(row.name),
      villageCode,
      village: String(row.village),
      occupation: (row.occupation as string | null) ?? null,
      agentsFromWithin: toNumber(row.agents),
      activeMembers: countFor(role, active),
      membersInArrears: countFor(role, arrears),
      endedMembers: countFor(role, ended),
      workforce,
      notCovered: workforce === null ? countFor(role, notCovered) : notCovered,
      gap: interval?.gap ?? null,
      gapLow: interval?.low ?? null,
      gapHigh: interval?.high ?? null,
      gapSource: useLocal ? 'village' : 'region',
      embeddedCohort: countFor(role, counts.embeddedCohort),
      embeddedRetained: countFor(role, counts.embeddedRetained),
      outsideCohort: countFor(role, counts.outsideCohort),
      outsideRetained: countFor(role, counts.outsideRetained),
      likelyKept: rateFor(role, kept(interval?.gap), workforce === null ? notCovered : 5),
      likelyKeptLow: rateFor(role, kept(interval?.low), workforce === null ? notCovered : 5),
      likelyKeptHigh: rateFor(role, kept(interval?.high), workforce === null ? notCovered : 5),
      sortKept: kept(interval?.gap) ?? -1,
    } satisfies AgentGapRow & { sortKept: number };
  });
  rows.sort((a, b) => Number(a.agentsFromWithin > 0) - Number(b.agentsFromWithin > 0) || b.sortKept - a.sortKept || a.key.localeCompare(b.key));
  return {
    period,
    region: region.code,
    regionName: region.name,
    regionGap: {
      gap: regionInterval?.gap ?? null,
      gapLow: regionInterval?.low ?? null,
      gapHigh: regionInterval?.high ?? null,
      embeddedCohort: countFor(role, regionCounts.embeddedCohort),
      embeddedRetained: countFor(role, regionCounts.embeddedRetained),
      outsideCohort: countFor(role, regionCounts.outsideCohort),
      outsideRetained: countFor(role, regionCounts.outsideRetained),
    },
    cohortsFrom: addMonths(period, -(GAP_MONTHS + GAP_COHORTS - 1)),
    cohortsTo: addMonths(period, -GAP_MONTHS),
    minLocalCohort: MIN_LOCAL_COHORT,
    rows: rows.map(({ sortKept: _sortKept, ...row }) => row),
  };
}

// ---------------------------------------------------------------- capacity

/** The recruit's tie for the plan: not agent-recruited ('other'), or embedded / outside the recruit's community. */
const planTieSql = sql`case when sm.agent_code is null then 'other'
    when sm.community_id is not null and exists (select 1 from agent_communities ac where ac.agent_code = sm.agent_code and ac.community_id = sm.community_id)
      then 'embedded' else 'outside' end`;

export interface MeasuredCapacity {
  inputs: CapacityInputs;
  view: CapacityView['inputs'];
  history: Array<{ period: Period; active: number }>;
}

/**
 * The rates a plan starting after `startMonth` uses, each from SQL over the data up to that month:
 * survival of the cohorts enrolled in the 36 months before it (and since the data's first covered month)
 * by months since enrolment and tie, the
 * monthly survival of the active members (reactivations included) over its last 12 months, the
 * enrolments of those months by tie, agents' recruits per active agent per month (over the district of
 * a village), and the workforce of the target year. Only months ≤ startMonth are read.
 */
export async function measureCapacity(
  db: Database,
  args: { scope: IndicatorScope; startMonth: Period; workforceYear: number; historyTo?: Period },
): Promise<MeasuredCapacity> {
  const { scope, startMonth: f, workforceYear } = args;
  const historyTo = args.historyTo ?? f;
  const agentRegion = scope.regionCode.length > 8 ? scope.regionCode.slice(0, 8) : scope.regionCode;
  const end = monthDate(f);
  const [survivalRows, stockRows, enrolRows, agentRows, workforceRows] = await Promise.all([
    cachedRows<{ tie: string; k: unknown; cohort: unknown; retained: unknown }>(
      db,
      sql`
        select x.tie, g.k, count(*) as cohort,
          count(*) filter (where exists (select 1 from coverage_spans cs where cs.member_id = x.id
            and cs.first_month <= (x.em + make_interval(months => g.k))::date and cs.last_month >= (x.em + make_interval(months => g.k))::date)) as retained
        from (
          select sm.id, ${enrolMonth} as em, ${planTieSql} as tie
          from members sm
          where ${memberScopeCondition('sm', scope)}
            and sm.enrolled_on >= ${monthDate(f, -(COHORT_WINDOW - 1))} and sm.enrolled_on < ${monthDate(f, 1)}
            -- A cohort enrolled before the first month the data covers would count its unrecorded months as lapsed.
            and sm.enrolled_on >= (select min(first_month) from coverage_spans)
        ) x
        cross join generate_series(0, ${MAX_K}) as g(k)
        where (x.em + make_interval(months => g.k))::date <= ${end}
        group by 1, 2`,
    ),
    cachedRows<{ month: string; active: unknown; kept: unknown }>(
      db,
      sql`
        select to_char(g.m, 'YYYY-MM') as month, count(s.member_id) as active,
          count(s.member_id) filter (where s.first_month < g.m::date
            or exists (select 1 from coverage_spans p where p.member_id = s.member_id and p.first_month < g.m::date)) as kept
        from generate_series(${monthDate(f, -RATE_MONTHS)}, ${monthDate(historyTo)}, interval '1 month') as g(m)
        left join (coverage_spans s join members sm on sm.id = s.member_id and ${memberScopeCondition('sm', scope)})
          on s.first_month <= g.m::date and s.last_month >= g.m::date
        group by g.m order by g.m`,
    ),
    cachedRows<{ tie: string; enrolments: unknown }>(
      db,
      sql`
        select ${planTieSql} as tie, count(*) as enrolments
        from members sm
        where ${memberScopeCondition('sm', scope)}
          and sm.enrolled_on >= ${monthDate(f, -(RATE_MONTHS - 1))} and sm.enrolled_on < ${monthDate(f, 1)}
        group by 1`,
    ),
    cachedRows<{ recruits: unknown; agent_months: unknown; active_now: unknown }>(
      db,
      sql`
        select
          (select count(*) from members sm join agents a on a.code = sm.agent_code
            where ${regionMatch(sql`a.village_code`, agentRegion)}
              and sm.enrolled_on >= ${monthDate(f, -(RATE_MONTHS - 1))} and sm.enrolled_on < ${monthDate(f, 1)}) as recruits,
          (select count(*) from agents a cross join generate_series(${monthDate(f, -(RATE_MONTHS - 1))}, ${end}, interval '1 month') as g(m)
            where ${regionMatch(sql`a.village_code`, agentRegion)}
              and a.active_from < (g.m + interval '1 month')::date and (a.active_to is null or a.active_to >= g.m::date)) as agent_months,
          (select count(*) from agents a where ${regionMatch(sql`a.village_code`, scope.regionCode)}
              and a.active_from < ${monthDate(f, 1)} and (a.active_to is null or a.active_to >= ${end})) as active_now`,
    ),
    cachedRows<{ year: unknown; workforce: unknown }>(
      db,
      sql`
        with y as (
          select coalesce(max(we.year) filter (where we.year <= ${workforceYear}), max(we.year)) as year
          from workforce_estimates we where ${regionMatch(sql`we.region_code`, scope.regionCode)}
        )
        select y.year, ${workforceOfSql(sql`${scope.regionCode}::text`, sql`y.year`)} as workforce from y`,
    ),
  ]);

  const survival: Record<PlanTie, number[]> = { embedded: [], outside: [], other: [] };
  const points = new Map<number, { cohort: number; values: Partial<Record<PlanTie, number>> }>();
  for (const tie of PLAN_TIES) {
    const byK = survivalRows.filter((r) => r.tie === tie).map((r) => ({ k: toNumber(r.k), cohort: toNumber(r.cohort), retained: toNumber(r.retained) }));
    byK.sort((a, b) => a.k - b.k);
    // A curve runs as far as its months are contiguous from 0 with someone in them.
    for (const { k, cohort, retained } of byK) {
      if (k !== survival[tie].length || cohort === 0) break;
      survival[tie].push(retained / cohort);
      const point = points.get(k) ?? { cohort: 0, values: {} };
      point.cohort += cohort;
      point.values[tie] = (100 * retained) / cohort;
      points.set(k, point);
    }
  }

  const stock = stockRows.map((r) => ({ period: r.month, active: toNumber(r.active), kept: toNumber(r.kept) }));
  const monthly: number[] = [];
  let kept = 0;
  let before = 0;
  for (let i = 1; i < stock.length; i++) {
    if (stock[i]!.period > f) break;
    const previous = stock[i - 1]!.active;
    if (previous === 0) continue;
    kept += stock[i]!.kept;
    before += previous;
    monthly.push(stock[i]!.kept / previous);
  }
  const stockSurvival = before > 0 ? kept / before : null;

  const enrolBy = Object.fromEntries(PLAN_TIES.map((t) => [t, 0])) as Record<PlanTie, number>;
  for (const row of enrolRows) enrolBy[row.tie as PlanTie] += toNumber(row.enrolments);
  const enrolments = PLAN_TIES.reduce((sum, t) => sum + enrolBy[t], 0);
  const mix = Object.fromEntries(PLAN_TIES.map((t) => [t, enrolments > 0 ? enrolBy[t] / enrolments : t === 'other' ? 1 : 0])) as Record<PlanTie, number>;
  const agentRow = agentRows[0];
  const recruits = toNumber(agentRow?.recruits);
  const agentMonths = toNumber(agentRow?.agent_months);
  const recruitsPerAgentMonth = agentMonths > 0 ? recruits / agentMonths : null;
  const workforceRow = workforceRows[0];
  const workforce = workforceRow?.workforce === null || workforceRow?.workforce === undefined ? null : toNumber(workforceRow.workforce);
  const activeNow = stock.find((s) => s.period === f)?.active ?? 0;
  const agentRecruits = enrolBy.embedded + enrolBy.outside;

  const inputs: CapacityInputs = {
    activeNow,
    workforce: workforce ?? 0,
    stockSurvival: stockSurvival ?? 1,
    stockSurvivalLow: monthly.length ? Math.min(...monthly) : (stockSurvival ?? 1),
    stockSurvivalHigh: monthly.length ? Math.max(...monthly) : (stockSurvival ?? 1),
    survival,
    mix,
    recruitsPerAgentMonth: recruitsPerAgentMonth ?? 0,
    trendEnrolments: enrolments / RATE_MONTHS,
    activeAgents: toNumber(agentRow?.active_now),
  };
  return {
    inputs,
    history: stock.filter((s) => s.period >= addMonths(f, -(RATE_MONTHS - 1))).map((s) => ({ period: s.period, active: s.active })),
    view: {
      activeNow,
      workforce,
      workforceYear: workforceRow?.year === null || workforceRow?.year === undefined ? null : toNumber(workforceRow.year),
      stockSurvival: stockSurvival === null ? null : 100 * stockSurvival,
      stockSurvivalLow: monthly.length ? 100 * inputs.stockSurvivalLow : null,
      stockSurvivalHigh: monthly.length ? 100 * inputs.stockSurvivalHigh : null,
      rateMonthsFrom: addMonths(f, -(RATE_MONTHS - 1)),
      rateMonthsTo: f,
      cohortMonthsFrom: addMonths(f, -(COHORT_WINDOW - 1)),
      survival: [...points.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([k, p]) => ({ k, embedded: p.values.embedded ?? null, outside: p.values.outside ?? null, other: p.values.other ?? null, cohort: p.cohort })),
      mix,
      enrolments,
      trendEnrolments: enrolments / RATE_MONTHS,
      agentRecruits,
      agentMonths,
      recruitsPerAgentMonth,
      agentRateRegion: agentRegion,
      activeAgents: inputs.activeAgents,
      observedEmbeddedShare: agentRecruits > 0 ? (100 * enrolBy.embedded) / agentRecruits : null,
    },
  };
}

/**
 * What coverage `targetRate` in `region` by `targetMonth` takes: the monthly enrolments (and agents) the
 * observed rates call for, the path month by month against the current trend, and the rates used.
 */
export async function getCapacityPlan(
  db: Database,
  args: { caller: Caller; period: Period; region?: string | null; targetRate: number | undefined; targetMonth?: Period; embeddedShare?: number | null },
): Promise<CapacityView> {
  const { caller, period } = args;
  const { scope, region } = await planScope(db, caller, args.region);
  if (args.targetRate === undefined) throw new AppError('missing_target_rate', 400, 'missingTargetRate', {}, 'target');
  const startMonth = addMonths(period, -ARREARS_WINDOW);
  const targetMonth = args.targetMonth ?? addMonths(period, 12);
  const horizon = monthsBetween(startMonth, targetMonth).length - 1;
  if (targetMonth <= startMonth || horizon > MAX_HORIZON) {
    throw new AppError('bad_target_month', 400, 'badTargetMonth', { value: targetMonth, start: startMonth, last: addMonths(startMonth, MAX_HORIZON) }, 'by');
  }
  const measured = await measureCapacity(db, { scope, startMonth, workforceYear: yearOf(targetMonth), historyTo: period });
  const embeddedShare = args.embeddedShare ?? null;
  const role = caller.role;
  const note = measured.view.workforce === null || measured.view.workforce === 0 ? 'no_workforce' : measured.view.stockSurvival === null ? 'no_history' : null;
  const plan = note ? null : planCapacity(measured.inputs, { targetRate: args.targetRate, horizon, embeddedShare: embeddedShare === null ? null : embeddedShare / 100 });
  const observedMix = note || embeddedShare === null ? plan : planCapacity(measured.inputs, { targetRate: args.targetRate, horizon, embeddedShare: null });
  const rate = (value: number | undefined) => (value === undefined || !measured.inputs.workforce ? null : (100 * value) / measured.inputs.workforce);
  const months = monthsBetween(addMonths(startMonth, 1), targetMonth);
  return {
    period,
    region: region.code,
    regionName: region.name,
    startMonth,
    targetRate: args.targetRate,
    targetMonth,
    embeddedShare,
    horizon,
    inputs: {
      ...measured.view,
      activeNow: countFor(role, measured.view.activeNow as number),
      enrolments: countFor(role, measured.view.enrolments as number),
      agentRecruits: countFor(role, measured.view.agentRecruits as number),
    },
    answer: plan
      ? {
          targetActive: plan.targetActive,
          enrolmentsPerMonth: plan.enrolmentsPerMonth,
          enrolmentsPerMonthLow: plan.enrolmentsPerMonthLow,
          enrolmentsPerMonthHigh: plan.enrolmentsPerMonthHigh,
          agentRecruitsPerMonth: plan.agentRecruitsPerMonth,
          agentsNeeded: plan.agentsNeeded,
          trendRateAtTarget: plan.trendRateAtTarget,
          enrolmentsPerMonthObservedMix: observedMix!.enrolmentsPerMonth,
        }
      : null,
    note,
    path: months.map((p, i) => ({
      period: p,
      plan: plan?.planPath[i] ?? null,
      trend: plan?.trendPath[i] ?? null,
      planRate: rate(plan?.planPath[i]),
      trendRate: rate(plan?.trendPath[i]),
    })),
    history: measured.history.map((h) => ({ period: h.period, active: countFor(role, h.active), provisional: h.period > startMonth })),
  };
}

// ---------------------------------------------------------------- channels

/**
 * Per recruitment channel, the members who enrolled in from..to: how many, their 3/6/12-month
 * retention (cohorts old enough by `to` only), how many are active or in arrears in `to`, and their
 * claims since enrolment. One statement; a community narrows it to its members.
 */
export async function getChannelEffectiveness(
  db: Database,
  args: { caller: Caller; from?: Period; to: Period; region?: string | null; communityId?: number },
): Promise<ChannelsView> {
  const { caller, to } = args;
  const from = args.from ?? addMonths(to, -23);
  if (from > to || monthsBetween(from, to).length > MAX_HORIZON) throw new AppError('bad_range', 400, 'badRange', { value: `${from}..${to}` }, 'from');
  const { scope: base, region } = await planScope(db, caller, args.region);
  let community: { id: number; name: string } | null = null;
  if (args.communityId !== undefined) {
    const [row] = await cachedRows<{ id: number; name: string }>(
      db,
      sql`select id, name from communities where id = ${args.communityId} and ${regionMatch(sql`village_code`, base.regionCode)}`,
    );
    if (!row) throw new AppError('bad_community', 400, 'badCommunity', { value: String(args.communityId) }, 'community');
    community = { id: toNumber(row.id), name: row.name };
  }
  const scope: IndicatorScope = { ...base, communityId: community?.id ?? null };
  const last = monthDate(to);
  const retained = (k: number) => {
    const month = sql`(${enrolMonth} + interval '${sql.raw(String(k))} months')::date`;
    return sql`count(*) filter (where ${month} <= ${last}) as c${sql.raw(String(k))},
      count(*) filter (where ${month} <= ${last} and ${coveredIn(month)}) as r${sql.raw(String(k))}`;
  };
  const rows = await cachedRows<Record<string, unknown>>(
    db,
    sql`
      select sm.channel, count(*) as enrolments, ${retained(3)}, ${retained(6)}, ${retained(12)},
        count(*) filter (where ${coveredIn(last)}) as active_now,
        count(*) filter (where not ${coveredIn(last)} and ${recentlyCovered(last)}) as arrears,
        coalesce(sum((select count(*) from claims c where c.member_id = sm.id and c.submitted_on >= sm.enrolled_on)), 0) as claims,
        count(*) filter (where exists (select 1 from claims c where c.member_id = sm.id and c.submitted_on >= sm.enrolled_on)) as with_claim
      from members sm
      where ${memberScopeCondition('sm', scope)} and sm.enrolled_on >= ${monthDate(from)} and sm.enrolled_on < ${monthDate(to, 1)}
      group by sm.channel`,
  );
  const role = caller.role;
  const total = rows.reduce((sum, r) => sum + toNumber(r.enrolments), 0);
  const byChannel = new Map(rows.map((r) => [String(r.channel), r]));
  const cell = (r: Record<string, unknown> | undefined, k: number) => {
    const cohort = toNumber(r?.[`c${k}`]);
    const kept = toNumber(r?.[`r${k}`]);
    return { rate: rateFor(role, percentage(kept, cohort), Math.min(kept, cohort)), cohort: countFor(role, cohort), retained: countFor(role, kept) };
  };
  const out: ChannelRow[] = CHANNELS.map((channel: Channel) => {
    const r = byChannel.get(channel);
    const enrolments = toNumber(r?.enrolments);
    return {
      key: channel,
      enrolments: countFor(role, enrolments),
      share: rateFor(role, percentage(enrolments, total), enrolments),
      retention3m: cell(r, 3),
      retention6m: cell(r, 6),
      retention12m: cell(r, 12),
      activeNow: countFor(role, toNumber(r?.active_now)),
      membersInArrears: countFor(role, toNumber(r?.arrears)),
      claims: countFor(role, toNumber(r?.claims)),
      membersWithClaim: countFor(role, toNumber(r?.with_claim)),
    };
  });
  return { from, to, region: region.code, regionName: region.name, community, rows: out };
}

// ---------------------------------------------------------------- scenarios

/** The caller's saved scenarios inside their region, newest first. */
export async function listScenarios(db: Database, args: { caller: Caller }): Promise<Scenario[]> {
  const { caller } = args;
  if (!can(caller.role, 'plan:coverage')) throw forbidden();
  const rows = await db
    .select({
      id: planScenarios.id,
      name: planScenarios.name,
      region: planScenarios.regionCode,
      regionName: regions.name,
      targetRate: planScenarios.targetRate,
      targetMonth: planScenarios.targetMonth,
      embeddedShare: planScenarios.embeddedShare,
      createdAt: planScenarios.createdAt,
    })
    .from(planScenarios)
    .innerJoin(regions, eq(regions.code, planScenarios.regionCode))
    .where(and(eq(planScenarios.userId, caller.userId), caller.regionCode ? sql`${regionMatch(sql`${planScenarios.regionCode}`, caller.regionCode)}` : undefined))
    .orderBy(desc(planScenarios.createdAt), desc(planScenarios.id));
  return rows.map((r) => ({
    ...r,
    targetRate: Number(r.targetRate),
    targetMonth: r.targetMonth.slice(0, 7),
    embeddedShare: r.embeddedShare === null ? null : Number(r.embeddedShare),
    createdAt: r.createdAt.toISOString(),
  }));
}

/** Saves a named scenario for the caller (a region they may see), with its audit entry. */
export async function saveScenario(db: Database, args: { caller: Caller; input: PlanScenarioInput }): Promise<Scenario> {
  const { caller, input } = args;
  const { region } = await planScope(db, caller, input.region);
  const saved = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(planScenarios)
      .values({
        userId: caller.userId,
        name: input.name,
        regionCode: region.code,
        targetRate: input.targetRate,
        targetMonth: `${input.targetMonth}-01`,
        embeddedShare: input.embeddedShare ?? null,
      })
      .returning({ id: planScenarios.id, createdAt: planScenarios.createdAt });
    await writeAudit(tx as unknown as Database, {
      userId: caller.userId,
      actorEmail: caller.email,
      action: 'create',
      entity: 'plan_scenario',
      entityId: String(row!.id),
      details: { region: region.code, targetRate: input.targetRate, targetMonth: input.targetMonth, embeddedShare: input.embeddedShare ?? null },
    });
    return row!;
  });
  return {
    id: saved.id,
    name: input.name,
    region: region.code,
    regionName: region.name,
    targetRate: input.targetRate,
    targetMonth: input.targetMonth,
    embeddedShare: input.embeddedShare ?? null,
    createdAt: saved.createdAt.toISOString(),
  };
}


/** The regions a caller may plan for: their region (or the district) and the villages under it. */
export async function listPlanRegions(db: Database, args: { caller: Caller; region?: string | null }) {
  const { caller } = args;
  const { region } = await planScope(db, caller, args.region);
  const top = region.level === 'village' ? region.code.slice(0, 8) : region.code;
  const rootCode = caller.regionCode && !top.startsWith(caller.regionCode) ? caller.regionCode : top;
  const rows = await cachedRows<{ code: string; name: string; level: string }>(
    db,
    sql`select code, name, level from regions where code = ${rootCode} or (${regionMatch(sql`code`, rootCode)} and level = 'village') order by length(code), name`,
  );
  return rows;
}

/** The region's coverage target for a year (what an admin set), and its communities for the channel filter. */
export async function getPlanChoices(db: Database, args: { caller: Caller; region: string; year: number }) {
  const { scope } = await planScope(db, args.caller, args.region);
  const [targets, communities] = await Promise.all([
    cachedRows<{ target_rate: unknown }>(db, sql`select target_rate from coverage_targets where region_code = ${scope.regionCode} and year = ${args.year}`),
    cachedRows<{ id: number; name: string }>(db, sql`select id, name from communities where ${regionMatch(sql`village_code`, scope.regionCode)} order by name`),
  ]);
  return {
    targetRate: targets[0] ? Number(targets[0].target_rate) : null,
    communities: communities.map((c) => ({ id: toNumber(c.id), name: c.name })),
  };
}
