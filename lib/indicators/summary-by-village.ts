import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '@/db';
import { monthDate, percentage, toNumber } from './sql-helpers';
import { memberScopeCondition, regionMatch, type IndicatorScope } from './scope';
import { coverageFlagsSql } from './status';
import { yearOf, type Period } from './month';
import type { Summary } from './summary';

/** One village's summary indicators: the same fields as `getSummary`, for the village alone. */
export interface VillageSummary extends Summary {
  /** The village's Kemendagri code (also in `region`). */
  code: string;
  name: string;
}

/**
 * PRODUCT.md's summary indicators for every village of the scope's region, in one grouped SQL statement
 * (the same definitions as `getSummary`, grouped by the member's village). Villages with no members are
 * there with zeros, in code order. A village's figures equal `getSummary` for that village with the same
 * agent restriction.
 */
export async function getSummaryByVillage(
  db: Database,
  args: { period: Period; scope: IndicatorScope },
): Promise<VillageSummary[]> {
  const { period, scope } = args;
  const m = monthDate(period);
  const next = monthDate(period, 1);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
      with flags as (${coverageFlagsSql(period, scope)}),
      villages as (
        select r.code, r.name from regions r
        where r.level = 'village' and ${regionMatch(sql`r.code`, scope.regionCode)}
      ),
      status_counts as (
        select sm.village_code as code,
          count(*) filter (where f.in_m) as active,
          count(*) filter (where f.in_m1) as active_prev,
          count(*) filter (where f.in_m1 and not f.in_m) as stopped,
          count(*) filter (where not f.in_m and f.in_m1_to_m3) as lapsed,
          count(*) filter (where f.in_m4 and not f.in_m and not f.in_m1_to_m3) as ended,
          count(*) filter (where f.in_m and not f.in_m1 and exists (
            select 1 from contributions e
            where e.member_id = f.member_id and e.first_month <= ${monthDate(period, -2)}
          )) as reactivated
        from flags f
        join members sm on sm.id = f.member_id
        group by sm.village_code
      ),
      enrolments as (
        select sm.village_code as code,
          count(*) as new_enrolments,
          count(*) filter (where coalesce(f.in_m or f.in_m1_to_m3, false) = false) as pending
        from members sm
        left join flags f on f.member_id = sm.id
        where ${memberScopeCondition('sm', scope)}
          and sm.enrolled_on >= ${m} and sm.enrolled_on < ${next}
        group by sm.village_code
      ),
      payments as (
        select sm.village_code as code,
          count(distinct c.member_id) as payers,
          coalesce(sum(c.jkk_amount + c.jkm_amount), 0) as collected
        from contributions c
        join members sm on sm.id = c.member_id
        where ${memberScopeCondition('sm', scope)}
          and c.paid_on >= ${m} and c.paid_on < ${next}
        group by sm.village_code
      ),
      claims_paid as (
        select sm.village_code as code,
          count(*) as claims_paid_count,
          coalesce(sum(cl.amount), 0) as claims_paid_amount
        from claims cl
        join members sm on sm.id = cl.member_id
        where ${memberScopeCondition('sm', scope)}
          and cl.paid_on >= ${m} and cl.paid_on < ${next}
        group by sm.village_code
      )
      select v.code, v.name,
        sc.active, sc.active_prev, sc.stopped, sc.lapsed, sc.ended, sc.reactivated,
        we.informal_workers as workforce,
        e.new_enrolments, e.pending,
        p.payers, p.collected,
        cp.claims_paid_count, cp.claims_paid_amount
      from villages v
      left join status_counts sc on sc.code = v.code
      left join enrolments e on e.code = v.code
      left join payments p on p.code = v.code
      left join claims_paid cp on cp.code = v.code
      left join workforce_estimates we on we.region_code = v.code and we.year = ${yearOf(period)}
      order by v.code`,
  );
  return rows.map((row) => {
    const active = toNumber(row.active);
    const activePrev = toNumber(row.active_prev);
    const workforce = toNumber(row.workforce);
    const code = String(row.code);
    return {
      code,
      name: String(row.name),
      period,
      region: code,
      activeMembers: active,
      informalWorkforce: workforce,
      coverageRate: percentage(active, workforce),
      newEnrolments: toNumber(row.new_enrolments),
      lapsedMembers: toNumber(row.lapsed),
      lapseRate: percentage(toNumber(row.stopped), activePrev),
      contributionsCollected: toNumber(row.collected),
      claimsPaidCount: toNumber(row.claims_paid_count),
      claimsPaidAmount: toNumber(row.claims_paid_amount),
      reactivatedMembers: toNumber(row.reactivated),
      endedMembers: toNumber(row.ended),
      pendingMembers: toNumber(row.pending),
      previousActiveMembers: activePrev,
      stoppedMembers: toNumber(row.stopped),
      payingMembers: toNumber(row.payers),
    };
  });
}
