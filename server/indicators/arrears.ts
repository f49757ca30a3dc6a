import { sql, type SQL } from 'drizzle-orm';
import { monthDate } from '@/server/indicators/sql-helpers';
import { memberScopeCondition, type IndicatorScope } from '@/server/indicators/scope';
import type { Period } from '@/domain/month';

/**
 * The members of the scope in arrears (`menunggak`) in `period`, one row each with the last month
 * covered (`last_month`), from the runs of covered months in coverage_spans. A member is in arrears in m
 * when no run contains m and one overlaps m-3 .. m-1: a run that overlaps those months without reaching
 * m ends in them. The last month covered is then the latest of those ends (the same as the latest
 * last_month of the member's contributions starting by m). Only the runs that end in those three
 * months are read (coverage_spans_last_idx), not every member's contributions.
 */
export function membersInArrearsSql(period: Period, scope: IndicatorScope): SQL {
  const m = monthDate(period);
  return sql`
    select s.member_id, max(s.last_month) as last_month
    from coverage_spans s
    join members sm on sm.id = s.member_id
    where s.last_month >= ${monthDate(period, -3)} and s.last_month < ${m}
      and ${memberScopeCondition('sm', scope)}
      and not exists (
        select 1 from coverage_spans n where n.member_id = s.member_id and n.first_month <= ${m} and n.last_month >= ${m}
      )
    group by s.member_id`;
}
