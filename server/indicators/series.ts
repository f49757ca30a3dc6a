// The summary indicators of PRODUCT.md for a range of months and a grouping, in ONE SQL statement:
// the single summary (one month, one group), the coverage tables (one month, a row per village,
// community, occupation or channel) and the trends (a row per month) are all this query, so a figure
// means the same on every page, in the API and in every export.
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '@/db';
import { cachedRows } from '@/db/figures-cache';
import { CHANNELS } from '@/domain/enums';
import { type ROLLUP_DIMENSIONS } from '@/db/schema';
import { monthDate, percentage, toNumber } from '@/server/indicators/sql-helpers';
import { memberScopeCondition, regionMatch, type IndicatorScope } from '@/server/indicators/scope';
import { columnMonth, coverageFlagColumns } from '@/server/indicators/status';
import { workforceOfRegionsSql, workforceOfSql } from '@/server/indicators/workforce';
import { monthsBetween, type Period } from '@/domain/month';
import { NONE_KEY, ROLLUP_MEASURES, rollupsFresh } from '@/db/rollups';
import { coverageNoteOf, type CoverageNote } from '@/domain/data-gaps';

/**
 * `total`: the scope as one group; `region`: the regions one level below the scope's region;
 * `village`: every village under it, whatever its level (the map).
 */
export const GROUPINGS = [
  'total',
  'region',
  'village',
  'community',
  'occupation',
  'channel',
  'agent',
  'sex',
  'age_band',
  'village_occupation',
] as const;
export type Grouping = (typeof GROUPINGS)[number];

export { NONE_KEY };

export interface SummaryCell {
  period: string;
  key: string;
  /** The group's name from the reference data (null for channels and `none`: the UI names those). */
  name: string | null;
  nameEn: string | null;
  activeMembers: number;
  /** Null where the grouping has no denominator (communities, channels) or none is loaded for the region. */
  informalWorkforce: number | null;
  /** Null without a denominator, and for a region without one member recorded (not 0 %). */
  coverageRate: number | null;
  /** Why a region's coverage rate is null (groupings by region only). */
  coverageNote: CoverageNote | null;
  newEnrolments: number;
  lapsedMembers: number;
  lapseRate: number | null;
  contributionsCollected: number;
  claimsPaidCount: number;
  claimsPaidAmount: number;
  reactivatedMembers: number;
  endedMembers: number;
  pendingMembers: number;
  previousActiveMembers: number;
  stoppedMembers: number;
  payingMembers: number;
}

/** Code length of the level below a region: 33 → 33.02 → 33.02.14 → 33.02.14.2001 (a village stays). */
export function childCodeLength(regionCode: string): number {
  switch (regionCode.length) {
    case 2:
      return 5;
    case 5:
      return 8;
    default:
      return 13;
  }
}

/** Age bands (years at the end of the last month asked for). */
export const AGE_BANDS = ['under_25', '25_34', '35_44', '45_54', '55_plus'] as const;

function ageBandSql(atMonth: SQL): SQL {
  const age = sql`extract(year from age(${atMonth}, sm.birth_date))`;
  return sql`case when sm.birth_date is null then ${NONE_KEY}
    when ${age} < 25 then 'under_25' when ${age} < 35 then '25_34' when ${age} < 45 then '35_44'
    when ${age} < 55 then '45_54' else '55_plus' end`;
}

const valuesList = (values: readonly string[]) =>
  sql`select v.key, null::text as name, null::text as name_en
        from (values ${sql.join(
          values.map((value) => sql`(${value}::text)`),
          sql`, `,
        )}) as v(key)`;

/** The group a member (alias `sm`) falls in; `to` is the last month asked for (age bands). */
export function memberKey(by: Grouping, scope: IndicatorScope, to: Period): SQL {
  switch (by) {
    case 'total':
      return sql`'all'::text`;
    case 'region':
      return sql`left(sm.village_code, ${sql.raw(String(childCodeLength(scope.regionCode)))})`;
    case 'village':
      return sql`sm.village_code`;
    case 'community':
      return sql`coalesce(sm.community_id::text, ${NONE_KEY})`;
    case 'occupation':
      return sql`coalesce(sm.occupation_code, ${NONE_KEY})`;
    case 'channel':
      return sql`sm.channel::text`;
    case 'agent':
      return sql`coalesce(sm.agent_code, ${NONE_KEY})`;
    case 'sex':
      return sql`sm.sex::text`;
    case 'age_band':
      return ageBandSql(monthDate(to, 1));
    case 'village_occupation':
      return sql`sm.village_code || '|' || coalesce(sm.occupation_code, ${NONE_KEY})`;
  }
}

/**
 * Every group of the grouping, with or without members (a village with no members is a row too).
 * Communities and agents from elsewhere count when members of the scope belong to them: those of the
 * rollup's rows (`rolledKeys`) or, live, of the scope's members.
 */
function groupsSql(by: Grouping, scope: IndicatorScope, rolledKeys: SQL | null): SQL {
  switch (by) {
    case 'total':
      return sql`select 'all'::text as key, null::text as name, null::text as name_en`;
    case 'region': {
      const own = childCodeLength(scope.regionCode) === scope.regionCode.length;
      return own
        ? sql`select code as key, name, null::text as name_en from regions where code = ${scope.regionCode}`
        : sql`select code as key, name, null::text as name_en from regions where parent_code = ${scope.regionCode}`;
    }
    case 'village':
      return sql`select code as key, name, null::text as name_en from regions
        where level = 'village' and ${regionMatch(sql`code`, scope.regionCode)}`;
    case 'community':
      return sql`
        select co.id::text as key, co.name, null::text as name_en from communities co
        where ${regionMatch(sql`co.village_code`, scope.regionCode)}
           or ${
             rolledKeys
               ? sql`co.id::text in (${rolledKeys})`
               : sql`co.id in (select sm.community_id from members sm where ${memberScopeCondition('sm', scope)})`
           }
        union all select ${NONE_KEY}, null, null`;
    case 'occupation':
      return sql`
        select o.code as key, o.name_id as name, o.name_en from occupations o
        union all select ${NONE_KEY}, null, null`;
    case 'channel':
      return valuesList(CHANNELS);
    case 'sex':
      return valuesList(['L', 'P']);
    case 'age_band':
      return sql`${valuesList(AGE_BANDS)} union all select ${NONE_KEY}, null, null`;
    case 'agent':
      return sql`
        select a.code as key, a.name, null::text as name_en from agents a
        where ${regionMatch(sql`a.village_code`, scope.regionCode)}
           or ${
             rolledKeys
               ? sql`a.code in (${rolledKeys})`
               : sql`a.code in (select sm.agent_code from members sm where ${memberScopeCondition('sm', scope)})`
           }
        union all select ${NONE_KEY}, null, null`;
    case 'village_occupation':
      return sql`
        select r.code || '|' || o.code as key, r.name || ' · ' || o.name_id as name,
          r.name || ' · ' || o.name_en as name_en
        from regions r cross join occupations o
        where r.level = 'village' and ${regionMatch(sql`r.code`, scope.regionCode)}`;
  }
}

/**
 * Whether each group of a grouping by region has any member of the scope at any time (a village with
 * none loaded shows so, not 0 %): the scope's villages, one index probe each, cut to the groups' code
 * length. Null for the other groupings.
 */
function hasMembersSql(by: Grouping, scope: IndicatorScope): SQL {
  const length =
    by === 'total' ? scope.regionCode.length : by === 'region' ? childCodeLength(scope.regionCode) : by === 'village' ? 13 : null;
  if (length === null) return sql`null::boolean`;
  const loaded = sql`select left(v.code, ${sql.raw(String(length))}) from regions v
    where v.level = 'village' and ${regionMatch(sql`v.code`, scope.regionCode)}
      and exists (select 1 from members sm where sm.village_code = v.code and ${memberScopeCondition('sm', scope)})`;
  return by === 'total' ? sql`exists (${loaded})` : sql`g.key in (${loaded})`;
}

/** The informal workforce of each (year, group); no rows where the grouping has no denominator. */
function workforceByGroupSql(by: Grouping, scope: IndicatorScope): SQL {
  switch (by) {
    case 'total':
      return sql`select y.year, 'all'::text as key,
          ${workforceOfSql(sql`${scope.regionCode}::text`, sql`y.year`)} as workforce
        from years y`;
    case 'region':
    case 'village':
      return workforceOfRegionsSql({
        years: sql`years`,
        groups: sql`groups`,
        regionCode: scope.regionCode,
        codeLength: by === 'village' ? 13 : childCodeLength(scope.regionCode),
      });
    case 'occupation':
      // Per-occupation denominators are optional reference data: a missing one leaves the rate empty.
      return sql`select wo.year, wo.occupation_code as key, sum(wo.informal_workers) as workforce
        from workforce_estimates_by_occupation wo
        join regions r on r.code = wo.region_code
        where r.level = 'village' and ${regionMatch(sql`r.code`, scope.regionCode)}
          and wo.year in (select year from years)
        group by wo.year, wo.occupation_code`;
    case 'village_occupation':
      return sql`select wo.year, wo.region_code || '|' || wo.occupation_code as key, wo.informal_workers as workforce
        from workforce_estimates_by_occupation wo
        where ${regionMatch(sql`wo.region_code`, scope.regionCode)} and wo.year in (select year from years)`;
    case 'community':
    case 'channel':
    case 'agent':
    case 'sex':
    case 'age_band':
      return sql`select null::int as year, null::text as key, null::bigint as workforce where false`;
  }
}

/**
 * The status, enrolment, payment and claim CTEs from the raw tables (any scope and grouping).
 * The scope's members are read once (`scoped`, with their group key); their covered months come from
 * `coverage_spans`, the trigger-kept runs of consecutive covered months of each member, which cover
 * exactly the months their contributions cover (so the flags are those of coverageFlagColumns over the
 * contributions, from a row or two per member instead of every contribution), and their payments of
 * the months asked for from the (member, payment day) index.
 */
function liveFactsSql(scope: IndicatorScope, from: Period, to: Period, key: SQL): SQL {
  const inScope = memberScopeCondition('sm', scope);
  const start = monthDate(from);
  const end = monthDate(to, 1);
  const m = columnMonth(sql`f.m`);
  return sql`
      scoped as materialized (
        select sm.id, ${key} as k from members sm where ${inScope}
      ),
      cov as (
        select c.member_id, c.first_month, c.last_month
        from scoped p join coverage_spans c on c.member_id = p.id
        where c.last_month >= ${monthDate(from, -4)} and c.first_month <= ${monthDate(to)}
      ),
      flags as (
        select mo.m, c.member_id, ${coverageFlagColumns(columnMonth(sql`mo.m`))}
        from months mo
        join cov c on c.last_month >= ${columnMonth(sql`mo.m`).at(-4)} and c.first_month <= mo.m
        group by mo.m, c.member_id
      ),
      status as (
        select f.m, p.k,
          count(*) filter (where f.in_m) as active,
          count(*) filter (where f.in_m1) as active_prev,
          count(*) filter (where f.in_m1 and not f.in_m) as stopped,
          count(*) filter (where not f.in_m and f.in_m1_to_m3) as lapsed,
          count(*) filter (where f.in_m4 and not f.in_m and not f.in_m1_to_m3) as ended,
          -- covered before m-1 (a run starting by m-2 is a contribution starting by m-2)
          count(*) filter (where f.in_m and not f.in_m1 and exists (
            select 1 from coverage_spans e
            where e.member_id = f.member_id and e.first_month <= ${m.at(-2)}
          )) as reactivated
        from flags f join scoped p on p.id = f.member_id
        group by 1, 2
      ),
      enrol as (
        select ${monthOf(sql`sm.enrolled_on`)} as m, ${key} as k,
          count(*) as new_enrolments,
          count(*) filter (where coalesce(f.in_m or f.in_m1_to_m3, false) = false) as pending
        from members sm
        left join flags f on f.member_id = sm.id and f.m = ${monthOf(sql`sm.enrolled_on`)}
        where ${inScope} and sm.enrolled_on >= ${start} and sm.enrolled_on < ${end}
        group by 1, 2
      ),
      paid as (
        select ${monthOf(sql`c.paid_on`)} as m, p.k,
          count(distinct c.member_id) as payers, sum(c.jkk_amount + c.jkm_amount) as collected
        from scoped p join contributions c on c.member_id = p.id
        where c.paid_on >= ${start} and c.paid_on < ${end}
        group by 1, 2
      ),
      claims_paid as (
        select ${monthOf(sql`cl.paid_on`)} as m, ${key} as k,
          count(*) as paid_count, coalesce(sum(cl.amount), 0) as paid_amount
        from claims cl join members sm on sm.id = cl.member_id
        where ${inScope} and cl.paid_on >= ${start} and cl.paid_on < ${end}
        group by 1, 2
      )`;
}

/** How the rollup answers a grouping for a scope: which dimension, and each row's group key. */
interface RollupReading {
  dimension: (typeof ROLLUP_DIMENSIONS)[number];
  key: SQL;
}

/**
 * The rollup is kept per village and per member attribute, so it answers a region's figures by any
 * kept attribute, and a supervisor's (some agents) by village or agent. Age bands (they move with the
 * month asked for), one community's own figures and a supervisor's other groupings are read live.
 */
function rollupReading(by: Grouping, scope: IndicatorScope): RollupReading | null {
  if (scope.communityId !== undefined && scope.communityId !== null) return null;
  const byVillage = (): SQL | null => {
    switch (by) {
      case 'total':
        return sql`'all'::text`;
      case 'region':
        return sql`left(r.village_code, ${sql.raw(String(childCodeLength(scope.regionCode)))})`;
      case 'village':
        return sql`r.village_code`;
      default:
        return null;
    }
  };
  if (scope.agentCodes) {
    const key = by === 'agent' ? sql`r.key` : byVillage();
    return key ? { dimension: 'agent', key } : null;
  }
  const villageKey = byVillage();
  if (villageKey) return { dimension: 'total', key: villageKey };
  switch (by) {
    case 'community':
    case 'occupation':
    case 'channel':
    case 'agent':
    case 'sex':
      return { dimension: by, key: sql`r.key` };
    case 'village_occupation':
      return { dimension: 'occupation', key: sql`r.village_code || '|' || r.key` };
    default:
      return null;
  }
}

/** The same CTEs as liveFactsSql, read from the rollup rows of the scope's villages. */
function rollupFactsSql(reading: RollupReading, scope: IndicatorScope, start: SQL, last: SQL): SQL {
  const agents = scope.agentCodes
    ? scope.agentCodes.length === 0
      ? sql`and false`
      : sql`and r.key in (${sql.join(
          scope.agentCodes.map((code) => sql`${code}`),
          sql`, `,
        )})`
    : sql``;
  return sql`
      facts as (
        select r.month as m, ${reading.key} as k,
          ${sql.join(
            ROLLUP_MEASURES.map((measure) => sql`sum(r.${sql.identifier(measure)}) as ${sql.identifier(measure)}`),
            sql`, `,
          )}
        from rollup_monthly r
        where r.dimension = ${reading.dimension} and r.month between ${start} and ${last}
          and r.month in (select m from months) and ${regionMatch(sql`r.village_code`, scope.regionCode)} ${agents}
        group by 1, 2
      ),
      status as (select m, k, active, active_prev, stopped, lapsed, ended, reactivated from facts),
      enrol as (select m, k, new_enrolments, pending from facts),
      paid as (select m, k, payers, collected from facts),
      claims_paid as (select m, k, claims_paid_count as paid_count, claims_paid_amount as paid_amount from facts)`;
}

/** First day of the month of a date column, without a detour through time zones. */
const monthOf = (column: SQL) => sql`(${column} - extract(day from ${column})::int + 1)`;

/**
 * The summary indicators for every month from..to and every group of `by`, one row each (months in
 * order, then groups by key). One SQL statement whatever the number of months and groups.
 */
export async function getSummarySeries(
  db: Database,
  args: ({ from: Period; to: Period } | { months: readonly Period[] }) & {
    scope: IndicatorScope;
    by: Grouping;
    /** `auto` reads the rollup when it is fresh and covers the scope and grouping; tests compare both. */
    source?: 'auto' | 'live' | 'rollup';
  },
): Promise<SummaryCell[]> {
  const { scope, by } = args;
  const rollup = rollupReading(by, scope);
  const source = args.source ?? 'auto';
  if (source === 'rollup' && !rollup) throw new Error(`The rollup cannot answer ${by} for this scope.`);
  const useRollup =
    rollup !== null && (source === 'rollup' || (source === 'auto' && (await rollupsFresh(db))));
  // Either a range (trends) or a few chosen months (a month beside its previous month and last year's).
  const list = 'months' in args ? [...new Set(args.months)].sort() : monthsBetween(args.from, args.to);
  const from = list[0];
  const to = list[list.length - 1];
  if (!from || !to) return [];
  const start = monthDate(from);
  const years = [...new Set(list.map((p) => Number(p.slice(0, 4))))];
  // The statement is a function of these (it is large: rendering it only to look it up would cost more).
  const key = JSON.stringify([
    'summarySeries',
    scope.regionCode,
    scope.agentCodes ?? null,
    scope.communityId ?? null,
    by,
    'months' in args ? 'months' : 'range',
    list,
    useRollup,
  ]);
  // Every regional row it reads lies in the scope's region: writes elsewhere leave it cached.
  const rows = await cachedRows<Record<string, unknown>>(db, {
    key,
    query: () => sql`
      with months as (
        ${
          'months' in args
            ? sql`select unnest(array[${sql.join(list.map((p) => monthDate(p)), sql`, `)}]) as m`
            : sql`select gs::date as m from generate_series(${start}, ${monthDate(to)}, interval '1 month') gs`
        }
      ),
      years as (select unnest(array[${sql.join(years.map((y) => sql`${y}::int`), sql`, `)}]) as year),
      ${
        useRollup && rollup
          ? rollupFactsSql(rollup, scope, start, monthDate(to))
          : liveFactsSql(scope, from, to, memberKey(by, scope, to))
      },
      groups as (
        select g.key, g.name, g.name_en, ${hasMembersSql(by, scope)} as has_members
        from (${groupsSql(by, scope, useRollup ? sql`select k from facts` : null)}) g
      ),
      wf as (${workforceByGroupSql(by, scope)})
      select to_char(mo.m, 'YYYY-MM') as period, g.key, g.name, g.name_en, g.has_members, wf.workforce,
        st.active, st.active_prev, st.stopped, st.lapsed, st.ended, st.reactivated,
        en.new_enrolments, en.pending, pa.payers, pa.collected, cp.paid_count, cp.paid_amount
      from months mo
      cross join groups g
      left join status st on st.m = mo.m and st.k = g.key
      left join enrol en on en.m = mo.m and en.k = g.key
      left join paid pa on pa.m = mo.m and pa.k = g.key
      left join claims_paid cp on cp.m = mo.m and cp.k = g.key
      left join wf on wf.year = extract(year from mo.m)::int and wf.key = g.key
      order by mo.m, g.key`,
  }, { region: scope.regionCode });
  const cells = rows.map((row): SummaryCell => {
    const active = toNumber(row.active);
    const activePrev = toNumber(row.active_prev);
    const workforce = row.workforce === null || row.workforce === undefined ? null : toNumber(row.workforce);
    const hasMembers = row.has_members === null || row.has_members === undefined ? null : row.has_members === true;
    const note = coverageNoteOf(workforce, hasMembers);
    return {
      period: String(row.period),
      key: String(row.key),
      name: (row.name as string | null) ?? null,
      nameEn: (row.name_en as string | null) ?? null,
      activeMembers: active,
      informalWorkforce: workforce,
      coverageRate: workforce === null || hasMembers === false ? null : percentage(active, workforce),
      coverageNote: hasMembers === null ? null : note,
      newEnrolments: toNumber(row.new_enrolments),
      lapsedMembers: toNumber(row.lapsed),
      lapseRate: percentage(toNumber(row.stopped), activePrev),
      contributionsCollected: toNumber(row.collected),
      claimsPaidCount: toNumber(row.paid_count),
      claimsPaidAmount: toNumber(row.paid_amount),
      reactivatedMembers: toNumber(row.reactivated),
      endedMembers: toNumber(row.ended),
      pendingMembers: toNumber(row.pending),
      previousActiveMembers: activePrev,
      stoppedMembers: toNumber(row.stopped),
      payingMembers: toNumber(row.payers),
    };
  });
  // The `none` group is shown only when some member falls in it.
  return cells.filter((cell) => cell.key !== NONE_KEY || hasAnyone(cell));
}

function hasAnyone(cell: SummaryCell): boolean {
  return (
    cell.activeMembers + cell.previousActiveMembers + cell.lapsedMembers + cell.endedMembers + cell.newEnrolments +
      cell.payingMembers + cell.claimsPaidCount >
    0
  );
}
