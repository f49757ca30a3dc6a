import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '@/db';
import { cachedRows } from '@/db/figures-cache';
import { monthDate, percentage, toNumber } from '@/server/indicators/sql-helpers';
import { memberScopeCondition, type IndicatorScope } from '@/server/indicators/scope';
import { addMonths, type Period } from '@/domain/month';
import { memberKey, type Grouping } from '@/server/indicators/series';

/**
 * Joins to a member `sm` the run of covered months (coverage_spans) that contains `month`, if any: a member
 * is active in a month exactly when one of their runs contains it, and runs never overlap, so
 * `count(s.member_id)` counts the members active in it. One probe of a small table per member, where an
 * `exists` over contributions read every contribution of the member up to that month.
 */
function coveredIn(month: SQL): SQL {
  return sql`left join coverage_spans s on s.member_id = sm.id and s.first_month <= ${month} and s.last_month >= ${month}`;
}

/** Retention at k months of the cohort enrolled in month e: active in e+k / cohort size. */
export async function getCohortRetention(
  db: Database,
  args: { cohortMonth: Period; months: number; scope: IndicatorScope },
): Promise<{ cohortSize: number; retained: number; rate: number | null }> {
  const { cohortMonth, months, scope } = args;
  const target = monthDate(addMonths(cohortMonth, months));
  const [row] = await cachedRows<{ cohort: unknown; retained: unknown }>(
    db,
    sql`
      select count(*) as cohort, count(s.member_id) as retained
      from members sm
      ${coveredIn(target)}
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
  return pooledRetention(db, { ...args, key: memberKey(args.by, args.scope, args.period) });
}

/** The same pooled retention, grouped by any key over a `members` alias `sm`; `where` narrows the members. */
async function pooledRetention(
  db: Database,
  args: { period: Period; months: number; cohorts: number; scope: IndicatorScope; key: SQL; where?: SQL },
): Promise<Map<string, { cohortSize: number; retained: number; rate: number | null }>> {
  const { period, months, cohorts, scope, key } = args;
  const enrolMonth = sql`(sm.enrolled_on - extract(day from sm.enrolled_on)::int + 1)`;
  const rows = await cachedRows<{ k: string; cohort: unknown; retained: unknown }>(
    db,
    sql`
      select ${key} as k, count(*) as cohort, count(s.member_id) as retained
      from members sm
      ${coveredIn(sql`(${enrolMonth} + ${sql.raw(`interval '${months} months'`)})::date`)}
      where ${memberScopeCondition('sm', scope)} and ${args.where ?? sql`true`}
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

/**
 * "Trust, measured": how a member stands to the agent who recruited them. `embedded` = the agent
 * belongs to the member's community (agent_communities), `outside` = the member has a community and
 * the agent does not belong to it, `no_community` = the member has none recorded.
 */
export const AGENT_TIES = ['embedded', 'outside', 'no_community'] as const;
export type AgentTie = (typeof AGENT_TIES)[number];

export const agentTieSql = sql`case
    when sm.community_id is null then 'no_community'
    when exists (select 1 from agent_communities ac where ac.agent_code = sm.agent_code and ac.community_id = sm.community_id)
      then 'embedded'
    else 'outside' end`;

/**
 * Retention at k months of agent-recruited members, pooled like getGroupedRetention, per agent and tie:
 * keys `agentCode|tie`. Sum the counts (never average the rates) for a district figure.
 */
export async function getAgentTieRetention(
  db: Database,
  args: { period: Period; months: number; cohorts: number; scope: IndicatorScope },
): Promise<Map<string, { cohortSize: number; retained: number; rate: number | null }>> {
  return pooledRetention(db, {
    ...args,
    key: sql`sm.agent_code || '|' || ${agentTieSql}`,
    where: sql`sm.agent_code is not null`,
  });
}
