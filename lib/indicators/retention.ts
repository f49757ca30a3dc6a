import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '@/db';
import { monthDate, percentage, toNumber } from './sql-helpers';
import { memberScopeCondition, type IndicatorScope } from './scope';
import { addMonths, type Period } from './month';

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
