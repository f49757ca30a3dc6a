import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '@/db';
import { monthDate, percentage, toNumber } from './sql-helpers';
import { memberScopeCondition, type IndicatorScope } from './scope';
import { addMonths, type Period } from './month';
import { memberKey, type Grouping } from './series';

/** Retention at k months of the cohort enrolled in month e: active in e+k / cohort size. */
export async function getCohortRetention(
  db: Database,
  args: { cohortMonth: Period; months: number; scope: IndicatorScope },
): Promise<{ cohortSize: number; retained: number; rate: number | null }> {
  const { cohortMonth, months, scope } = args;
  const target = monthDate(addMonths(cohortMonth, months));
  const [row] = await queryRows<{ cohort: unknown; retained: unknown }>(
    db,
    sql`
      select count(*) as cohort,
        count(*) filter (where exists (
          select 1 from contributions c
          where c.member_id = sm.id and ${target} between c.first_month and c.last_month
        )) as retained
      from members sm
      where ${memberScopeCondition('sm', scope)}
        and sm.enrolled_on >= ${monthDate(cohortMonth)} and sm.enrolled_on < ${monthDate(cohortMonth, 1)}`,
  );
  const cohortSize = toNumber(row?.cohort);
  const retained = toNumber(row?.retained);
  return { cohortSize, retained, rate: percentage(retained, cohortSize) };
}

/**
 * Retention at k months pooled over the `cohorts` monthly cohorts whose month e+k is at the latest
 * `period` (e = period-k-cohorts+1 .. period-k), per group: members of those cohorts active in their
 * own e+k / their number. One cohort of one community is a handful of people; a year of them is not.
 */
export async function getGroupedRetention(
  db: Database,
  args: { period: Period; months: number; cohorts: number; scope: IndicatorScope; by: Grouping },
): Promise<Map<string, { cohortSize: number; retained: number; rate: number | null }>> {
  const { period, months, cohorts, scope, by } = args;
  const enrolMonth = sql`(sm.enrolled_on - extract(day from sm.enrolled_on)::int + 1)`;
  const rows = await queryRows<{ k: string; cohort: unknown; retained: unknown }>(
    db,
    sql`
      select ${memberKey(by, scope, period)} as k, count(*) as cohort,
        count(*) filter (where exists (
          select 1 from contributions c
          where c.member_id = sm.id
            and (${enrolMonth} + ${sql.raw(`interval '${months} months'`)})::date between c.first_month and c.last_month
        )) as retained
      from members sm
      where ${memberScopeCondition('sm', scope)}
        and sm.enrolled_on >= ${monthDate(period, -(months + cohorts - 1))}
        and sm.enrolled_on < ${monthDate(period, -months + 1)}
      group by 1`,
  );
  return new Map(
    rows.map((row) => {
      const cohortSize = toNumber(row.cohort);
      const retained = toNumber(row.retained);
      return [String(row.k), { cohortSize, retained, rate: percentage(retained, cohortSize) }];
    }),
  );
}
