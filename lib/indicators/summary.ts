import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '@/db';
import { monthDate, percentage, toNumber } from './sql-helpers';
import { memberScopeCondition, regionMatch, type IndicatorScope } from './scope';
import { coverageFlagsSql } from './status';
import { yearOf, type Period } from './month';

export interface Summary {
  period: string;
  region: string;
  activeMembers: number;
  informalWorkforce: number;
  coverageRate: number | null;
  newEnrolments: number;
  lapsedMembers: number;
  lapseRate: number | null;
  contributionsCollected: number;
  claimsPaidCount: number;
  claimsPaidAmount: number;
  reactivatedMembers: number;
  endedMembers: number;
  pendingMembers: number;
  /** The persons behind the rates and sums, for small-cell suppression. */
  previousActiveMembers: number;
  stoppedMembers: number;
  payingMembers: number;
}

/**
 * The informal workforce of a region for a year: the sum of its villages' estimates (or the region's
 * own estimate when it has no village rows). Higher levels sum denominators, never average rates.
 */
export function workforceSql(regionCode: string, year: number) {
  return sql`coalesce(
    (select sum(we.informal_workers) from workforce_estimates we
       join regions r on r.code = we.region_code
      where r.level = 'village' and we.year = ${year} and ${regionMatch(sql`r.code`, regionCode)}),
    (select sum(we.informal_workers) from workforce_estimates we
      where we.region_code = ${regionCode} and we.year = ${year}),
    0)`;
}

/** PRODUCT.md's summary indicators for one month, computed in one SQL statement. */
export async function getSummary(
  db: Database,
  args: { period: Period; scope: IndicatorScope },
): Promise<Summary> {
  const { period, scope } = args;
  const m = monthDate(period);
  const next = monthDate(period, 1);
  const [row] = await queryRows<Record<string, unknown>>(
    db,
    sql`
      with flags as (${coverageFlagsSql(period, scope)}),
      status_counts as (
        select
          count(*) filter (where in_m) as active,
          count(*) filter (where in_m1) as active_prev,
          count(*) filter (where in_m1 and not in_m) as stopped,
          count(*) filter (where not in_m and in_m1_to_m3) as lapsed,
          count(*) filter (where in_m4 and not in_m and not in_m1_to_m3) as ended,
          count(*) filter (where in_m and not in_m1 and exists (
            select 1 from contributions e
            where e.member_id = flags.member_id and e.first_month <= ${monthDate(period, -2)}
          )) as reactivated
        from flags
      )
      select
        sc.active, sc.active_prev, sc.stopped, sc.lapsed, sc.ended, sc.reactivated,
        ${workforceSql(scope.regionCode, yearOf(period))} as workforce,
        (select count(*) from members sm
          where ${memberScopeCondition('sm', scope)}
            and sm.enrolled_on >= ${m} and sm.enrolled_on < ${next}) as new_enrolments,
        (select count(*) from members sm
          left join flags f on f.member_id = sm.id
          where ${memberScopeCondition('sm', scope)}
            and sm.enrolled_on >= ${m} and sm.enrolled_on < ${next}
            and coalesce(f.in_m or f.in_m1_to_m3, false) = false) as pending,
        (select count(distinct c.member_id) from contributions c
          join members sm on sm.id = c.member_id
          where ${memberScopeCondition('sm', scope)}
            and c.paid_on >= ${m} and c.paid_on < ${next}) as payers,
        (select coalesce(sum(c.jkk_amount + c.jkm_amount), 0) from contributions c
          join members sm on sm.id = c.member_id
          where ${memberScopeCondition('sm', scope)}
            and c.paid_on >= ${m} and c.paid_on < ${next}) as collected,
        (select count(*) from claims cl
          join members sm on sm.id = cl.member_id
          where ${memberScopeCondition('sm', scope)}
            and cl.paid_on >= ${m} and cl.paid_on < ${next}) as claims_paid_count,
        (select coalesce(sum(cl.amount), 0) from claims cl
          join members sm on sm.id = cl.member_id
          where ${memberScopeCondition('sm', scope)}
            and cl.paid_on >= ${m} and cl.paid_on < ${next}) as claims_paid_amount
      from status_counts sc`,
  );
  if (!row) throw new Error('The summary query returned no row.');
  const active = toNumber(row.active);
  const activePrev = toNumber(row.active_prev);
  const workforce = toNumber(row.workforce);
  return {
    period,
    region: scope.regionCode,
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
}
