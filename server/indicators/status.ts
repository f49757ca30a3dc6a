import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database } from '@/db';
import { cachedRows } from '@/db/figures-cache';
import { monthDate, toNumber } from '@/server/indicators/sql-helpers';
import { memberScopeCondition, type IndicatorScope } from '@/server/indicators/scope';
import type { Period } from '@/domain/month';
import type { MemberStatus } from '@/domain/enums';


/** A month in SQL, and the months around it: `at(n)` is the first day of the month n months later. */
export interface MonthRef {
  at: (shift: number) => SQL;
}

/** A fixed month (one period). */
export function literalMonth(period: Period): MonthRef {
  return { at: (n) => monthDate(period, n) };
}

/** A month held in a column, such as the `m` of a generate_series of months (trends). */
export function columnMonth(column: SQL): MonthRef {
  return {
    at: (n) => (n === 0 ? column : sql`(${column} + ${sql.raw(`interval '${n} months'`)})::date`),
  };
}

/**
 * The flags of one member for month m, aggregated over its contributions `c` (so the caller groups by
 * member, and by month for a trend). A contribution covers months first_month .. last_month whatever
 * day it was paid (PRODUCT.md). Every indicator that needs a member's status builds on these four.
 */
export function coverageFlagColumns(month: MonthRef): SQL {
  return sql`
      bool_or(${month.at(0)} between c.first_month and c.last_month) as in_m,
      bool_or(${month.at(-1)} between c.first_month and c.last_month) as in_m1,
      bool_or(c.first_month <= ${month.at(-1)} and c.last_month >= ${month.at(-3)}) as in_m1_to_m3,
      bool_or(${month.at(-4)} between c.first_month and c.last_month) as in_m4`;
}

/**
 * The months m-4 .. m each scoped member has paid for, as one row per member with a flag per month.
 */
export function coverageFlagsSql(period: Period, scope: IndicatorScope): SQL {
  const m = monthDate(period);
  const m4 = monthDate(period, -4);
  return sql`
    select c.member_id, ${coverageFlagColumns(literalMonth(period))}
    from contributions c
    join members sm on sm.id = c.member_id
    where ${memberScopeCondition('sm', scope)}
      and c.last_month >= ${m4}
      and c.first_month <= ${m}
    group by c.member_id`;
}

/** A member's status in `period` from the flags `f` of a member `m` (rules: see listMemberStatuses). */
export function memberStatusCase(period: Period): SQL {
  return sql`case
    when f.in_m then 'aktif'
    when f.in_m1_to_m3 then 'menunggak'
    when m.enrolled_on >= ${monthDate(period)} then 'baru'
    else 'nonaktif'
  end`;
}

/**
 * Each member's status in a month. Rules in order: covered in m → aktif; covered in one of m-1..m-3 →
 * menunggak (can still pay the arrears); enrolled in m → baru; otherwise nonaktif (BPJS ends a BPU
 * membership after more than 3 unpaid months). Members enrolled after m, with no payment for m-3..m,
 * have no status yet.
 */
export async function listMemberStatuses(
  db: Database,
  args: { period: Period; scope: IndicatorScope },
): Promise<Array<{ memberId: number; status: MemberStatus }>> {
  const { period, scope } = args;
  const rows = await queryRows<{ member_id: unknown; status: MemberStatus }>(
    db,
    sql`
      with flags as (${coverageFlagsSql(period, scope)})
      select m.id as member_id,
        ${memberStatusCase(period)} as status
      from members m
      left join flags f on f.member_id = m.id
      where ${memberScopeCondition('m', scope)}
        -- a payment covering the month counts even if the recorded enrolment date is later
        and (m.enrolled_on < ${monthDate(period, 1)} or f.member_id is not null)
      order by m.id`,
  );
  return rows.map((row) => ({ memberId: toNumber(row.member_id), status: row.status }));
}

/**
 * How many members of the scope have each status in a month (the same rules as listMemberStatuses),
 * counted in SQL: one row per status present.
 */
export async function getMemberStatusMix(
  db: Database,
  args: { period: Period; scope: IndicatorScope },
): Promise<Record<MemberStatus, number>> {
  const { period, scope } = args;
  const rows = await cachedRows<{ status: MemberStatus; n: unknown }>(
    db,
    sql`
      with flags as (${coverageFlagsSql(period, scope)})
      select ${memberStatusCase(period)} as status, count(*) as n
      from members m
      left join flags f on f.member_id = m.id
      where ${memberScopeCondition('m', scope)}
        and (m.enrolled_on < ${monthDate(period, 1)} or f.member_id is not null)
      group by 1`,
  );
  const mix: Record<MemberStatus, number> = { aktif: 0, menunggak: 0, nonaktif: 0, baru: 0 };
  for (const row of rows) mix[row.status] = toNumber(row.n);
  return mix;
}
