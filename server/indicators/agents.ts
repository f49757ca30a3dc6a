// Agent performance (PRODUCT.md "Agent performance") and the Perisai incentive (domain-facts §3.2), in
// one SQL statement for any months × agents. The member-based figures of an agent (active members it
// serves, members in arrears, recruits) come from getSummarySeries grouped by `agent`; this module adds
// what only an agent has: money collected *through* it (contributions.agent_code), claims it assisted
// (claims.agent_code), its monthly target, its last acquisition and the incentive under the rates in
// force (reference_rates, by effective date, never constants in code).
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '@/db';
import { cachedRows } from '@/db/figures-cache';
import { monthDate, toNumber } from '@/server/indicators/sql-helpers';
import { memberScopeCondition, type IndicatorScope } from '@/server/indicators/scope';
import { monthsBetween, type Period } from '@/domain/month';

/** The incentive rate keys of reference_rates (category 'incentive'). */
export const INCENTIVE_KEYS = {
  acquisition: 'acquisition_jkk_jkm',
  minNewNiks: 'acquisition_min_new_niks',
  feeEarly: 'collection_fee_months_1_24',
  feeLate: 'collection_fee_months_25_60',
} as const;

/** A member's contribution months 1–24 earn the early fee, 25–60 the late one, later none (the member passes to the branch). */
export const FEE_EARLY_LAST_MONTH = 24;
export const FEE_LATE_LAST_MONTH = 60;

export interface AgentMonthFigures {
  period: string;
  agentCode: string;
  /** Members recruited by the agent and enrolled in the month (= newEnrolments grouped by agent). */
  recruits: number;
  /** Sum of the contributions paid in the month through the agent (contributions.agent_code). */
  collected: number;
  /** The members behind `collected` (for small-cell suppression). */
  collectingPayers: number;
  /** Claims submitted in the month with the agent's help (claims.agent_code). */
  claimsAssisted: number;
  /** The month's recruit target, null when none was set. */
  target: number | null;
  /** Last month (YYYY-MM) at or before this one in which the agent recruited anybody. */
  lastAcquisition: string | null;
  /** Whole months from the last acquisition (or, never having recruited, from the agent's start) to this month. */
  monthsSinceLastAcquisition: number;
  /** Acquisition bonus: recruits × rate, only when recruits reach the minimum of new NIKs in force. */
  acquisitionBonus: number;
  /** Collection fee on the money collected through the agent, by each covered month's place in the member's history. */
  collectionFee: number;
  /** False when no incentive rate was in force in the month (the two amounts are then 0). */
  ratesInForce: boolean;
}

/** The value of an incentive key in force on the first day of month `m` (latest effective_from wins; effective_to inclusive). */
function rateInForce(key: string, month: SQL): SQL {
  return sql`(select r.value from reference_rates r
    where r.key = ${key} and r.effective_from <= ${month} and (r.effective_to is null or r.effective_to >= ${month})
    order by r.effective_from desc limit 1)`;
}

const monthOf = (column: SQL) => sql`(${column} - extract(day from ${column})::int + 1)`;

/**
 * Every figure of AgentMonthFigures for each month from..to and each agent of `agentCodes`, in one
 * statement. Only members inside the scope's region count; the agent list is the caller's check.
 */
export async function getAgentFigures(
  db: Database,
  args: { from: Period; to: Period; agentCodes: readonly string[]; scope: IndicatorScope },
): Promise<AgentMonthFigures[]> {
  const { from, to, agentCodes } = args;
  if (agentCodes.length === 0) return [];
  // An agent's collections and claims count for the agent whoever recruited the member: the region
  // bounds the rows, the agent list is the filter.
  const inRegion = memberScopeCondition('sm', { regionCode: args.scope.regionCode });
  const start = monthDate(from);
  const end = monthDate(to, 1);
  const codes = sql`array[${sql.join(
    agentCodes.map((code) => sql`${code}`),
    sql`, `,
  )}]::text[]`;
  const rows = await cachedRows<Record<string, unknown>>(
    db,
    sql`
      with months as (
        -- The months as a list (not generate_series, which PostgreSQL guesses at 1,000 rows and plans for).
        select unnest(array[${sql.join(
          monthsBetween(from, to).map((p) => monthDate(p)),
          sql`, `,
        )}]) as m
      ),
      ag as (select a.code, a.active_from from agents a where a.code = any(${codes})),
      rates as (
        select mo.m,
          ${rateInForce(INCENTIVE_KEYS.acquisition, sql`mo.m`)} as acquisition,
          ${rateInForce(INCENTIVE_KEYS.minNewNiks, sql`mo.m`)} as min_new,
          ${rateInForce(INCENTIVE_KEYS.feeEarly, sql`mo.m`)} as fee_early,
          ${rateInForce(INCENTIVE_KEYS.feeLate, sql`mo.m`)} as fee_late
        from months mo
      ),
      recruits as (
        select ${monthOf(sql`sm.enrolled_on`)} as m, sm.agent_code as k, count(*) as n
        from members sm
        where ${inRegion} and sm.agent_code = any(${codes})
          and sm.enrolled_on >= ${start} and sm.enrolled_on < ${end}
        group by 1, 2
      ),
      paid as (
        select c.member_id, c.agent_code, c.paid_on, c.first_month, c.months_count, c.jkk_amount + c.jkm_amount as amount
        from contributions c join members sm on sm.id = c.member_id
        where ${inRegion} and c.agent_code = any(${codes}) and c.paid_on >= ${start} and c.paid_on < ${end}
      ),
      -- A member's contribution month 1 is the first month any of their contributions covers: the start
      -- of their first run of covered months (coverage_spans), one probe of a small index per payer.
      first_cover as materialized (
        select p.member_id, (select min(s.first_month) from coverage_spans s where s.member_id = p.member_id) as f
        from (select distinct member_id from paid) p
      ),
      placed as (
        select p.*, ${monthOf(sql`p.paid_on`)} as m,
          ((extract(year from p.first_month) - extract(year from fc.f)) * 12
            + extract(month from p.first_month) - extract(month from fc.f))::int + 1 as n0
        from paid p join first_cover fc on fc.member_id = p.member_id
      ),
      collected as (
        select pl.m, pl.agent_code as k, sum(pl.amount) as amount, count(distinct pl.member_id) as payers,
          round(sum(
            (pl.amount::numeric / pl.months_count) * (
              greatest(0, least(pl.n0 + pl.months_count - 1, ${FEE_EARLY_LAST_MONTH}) - greatest(pl.n0, 1) + 1) * coalesce(r.fee_early, 0)
              + greatest(0, least(pl.n0 + pl.months_count - 1, ${FEE_LATE_LAST_MONTH}) - greatest(pl.n0, ${FEE_EARLY_LAST_MONTH + 1}) + 1) * coalesce(r.fee_late, 0)
            ) / 100
          )) as fee
        from placed pl join rates r on r.m = pl.m
        group by 1, 2
      ),
      assisted as (
        select ${monthOf(sql`cl.submitted_on`)} as m, cl.agent_code as k, count(*) as n
        from claims cl join members sm on sm.id = cl.member_id
        where ${inRegion} and cl.agent_code = any(${codes})
          and cl.submitted_on >= ${start} and cl.submitted_on < ${end}
        group by 1, 2
      )
      select to_char(mo.m, 'YYYY-MM') as period, ag.code,
        coalesce(rc.n, 0) as recruits, coalesce(co.amount, 0) as collected, coalesce(co.payers, 0) as payers,
        coalesce(co.fee, 0) as fee, coalesce(asd.n, 0) as assisted, t.recruits_target as target,
        case when coalesce(rc.n, 0) > 0 and coalesce(rc.n, 0) >= r.min_new then rc.n * r.acquisition else 0 end as bonus,
        (r.acquisition is not null or r.fee_early is not null) as rates_in_force,
        to_char(la.last, 'YYYY-MM') as last_acquisition,
        ((extract(year from mo.m) - extract(year from coalesce(la.last, ag.active_from))) * 12
          + extract(month from mo.m) - extract(month from coalesce(la.last, ag.active_from)))::int as months_since
      from months mo
      cross join ag
      join rates r on r.m = mo.m
      left join recruits rc on rc.m = mo.m and rc.k = ag.code
      left join collected co on co.m = mo.m and co.k = ag.code
      left join assisted asd on asd.m = mo.m and asd.k = ag.code
      left join agent_targets t on t.month = mo.m and t.agent_code = ag.code
      left join lateral (
        select max(sm.enrolled_on) as last from members sm
        where sm.agent_code = ag.code and sm.enrolled_on < (mo.m + interval '1 month') and ${inRegion}
      ) la on true
      order by mo.m, ag.code`,
  );
  return rows.map((row) => ({
    period: String(row.period),
    agentCode: String(row.code),
    recruits: toNumber(row.recruits),
    collected: toNumber(row.collected),
    collectingPayers: toNumber(row.payers),
    claimsAssisted: toNumber(row.assisted),
    target: row.target === null || row.target === undefined ? null : toNumber(row.target),
    lastAcquisition: (row.last_acquisition as string | null) ?? null,
    monthsSinceLastAcquisition: Math.max(0, toNumber(row.months_since)),
    acquisitionBonus: toNumber(row.bonus),
    collectionFee: toNumber(row.fee),
    ratesInForce: row.rates_in_force === true,
  }));
}

/** An agent is cut after three months without acquisition (BPJS, domain-facts §3.2); two is the warning. */
export const INACTIVITY_MONTHS = 3;
