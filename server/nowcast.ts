// The nowcast of provisional months (domain/nowcast.ts has the rule): the figures of a month "as they were
// known" at an earlier as-of date, counting only the contributions paid by then, measured in ONE statement
// for every (month, as-of) pair the rule needs, per district.
import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database } from '@/db';
import { cachedRows, primeDistrictVersions } from '@/db/figures-cache';
import { monthDate, toNumber } from '@/server/indicators/sql-helpers';
import { memberScopeCondition, type IndicatorScope } from '@/server/indicators/scope';
import { isProvisional, todayInJakarta, type Period } from '@/domain/month';
import { getDataAsOf } from '@/server/settings';
import type { FigureNowcasts } from '@/contracts/figures';
import {
  applyFactor,
  completionFactor,
  NOWCAST_FIGURES,
  NOWCAST_METHOD,
  nowcastLag,
  referenceMonths,
  sumNowcasts,
  type NowcastFigure,
  type NowcastValue,
} from '@/domain/nowcast';

/** The figures of a month as known at an as-of date. */
export type KnownFigures = Record<NowcastFigure, number>;

/** A figure's expected final value with its interval, as the API gives it. */
export interface FigureNowcast extends NowcastValue {
  method: typeof NOWCAST_METHOD;
  /** Months from the end of the month to the as-of date (0 while it runs). */
  lag: number;
  /** The fewest final months any district's ratios came from. */
  referenceMonths: number;
}

export interface MonthNowcast {
  period: Period;
  asOf: string;
  lag: number;
  /** The scope's figures as known at `asOf` (the observed values the nowcast scales). */
  observed: KnownFigures;
  /** Null for a figure where some district has too little history. */
  nowcast: Record<NowcastFigure, FigureNowcast | null>;
}

/** '33.02.14': the level whose months teach a completion curve. */
export const DISTRICT_CODE_LENGTH = 8;

interface Pair {
  month: Period;
  asOf: string;
}

/**
 * The district a scope's completion curve comes from: a village (or anything below a district) learns
 * from its district, whose months are large enough to say how a month completes; larger regions are
 * nowcast district by district.
 */
function curveScope(scope: IndicatorScope): IndicatorScope {
  return scope.regionCode.length > DISTRICT_CODE_LENGTH ? { ...scope, regionCode: scope.regionCode.slice(0, DISTRICT_CODE_LENGTH) } : scope;
}

/**
 * For each pair: active members, members in arrears and contributions collected in the month, counting
 * only contributions paid on or before the pair's as-of date; per village of the curve's scope, so that
 * every village of a district reads the one cached answer of its district. The same rules as the series
 * query (server/indicators/series.ts), read from the contributions because coverage_spans know no
 * payment dates. Instead of re-reading the payments for every pair, each member's months get the day
 * their cover first became known (`known`); a member is active in m as known at d when m's day is on or
 * before d, and in arrears when a month of m-1..m-3 is known by d and m is not: so each month needs
 * only a count per (known day of m, first known day of m-1..m-3), which every pair then sums.
 */
function knownFiguresSql(wide: IndicatorScope, pairs: readonly Pair[]): SQL {
  const months = [...new Set(pairs.map((p) => p.month))].sort();
  const first = monthDate(months[0]!, -3);
  const last = monthDate(months[months.length - 1]!);
  return sql`
    with pairs(i, m, m_next, d) as (
      values ${sql.join(
        pairs.map((p, i) => sql`(${i}::int, ${monthDate(p.month)}, ${monthDate(p.month, 1)}, ${p.asOf}::date)`),
        sql`, `,
      )}
    ),
    scoped as materialized (
      select sm.id, sm.village_code as village from members sm where ${memberScopeCondition('sm', wide)}
    ),
    -- Per member through its indexes (a lateral probe each, kept apart by offset 0): otherwise the
    -- planner merges with a scan of every contribution of the regency.
    known as (
      select c.member_id, gs::date as month, min(c.paid_on) as known_on
      from scoped s
      cross join lateral (
        select c.member_id, c.first_month, c.last_month, c.paid_on from contributions c
        where c.member_id = s.id and c.first_month <= ${last} and c.last_month >= ${first}
        offset 0
      ) c
      cross join lateral generate_series(greatest(c.first_month, ${first}), least(c.last_month, ${last}), interval '1 month') gs
      group by 1, 2
    ),
    -- each known month counts for itself (shift 0) and as one of m-1..m-3 of the three months after it
    per_member as (
      select t.m, k.member_id,
        min(k.known_on) filter (where t.shift = 0) as known_m,
        min(k.known_on) filter (where t.shift > 0) as known_before
      from known k
      cross join lateral (
        select (k.month + make_interval(months => sh.shift))::date as m, sh.shift
        from (values (0), (1), (2), (3)) as sh(shift)
      ) t
      where t.m in (select m from pairs)
      group by 1, 2
    ),
    counts as (
      select pm.m, s.village, pm.known_m, pm.known_before, count(*) as n
      from per_member pm join scoped s on s.id = pm.member_id
      group by 1, 2, 3, 4
    ),
    status as (
      select p.i, c.village,
        sum(c.n) filter (where c.known_m <= p.d) as active,
        sum(c.n) filter (where c.known_before <= p.d and (c.known_m is null or c.known_m > p.d)) as lapsed
      from pairs p join counts c on c.m = p.m
      group by 1, 2
    ),
    paid_daily as (
      select c.paid_on, s.village, sum(c.jkk_amount + c.jkm_amount) as amount
      from scoped s
      cross join lateral (
        select c.paid_on, c.jkk_amount, c.jkm_amount from contributions c
        where c.member_id = s.id and c.paid_on >= ${monthDate(months[0]!)} and c.paid_on < ${monthDate(months[months.length - 1]!, 1)}
        offset 0
      ) c
      group by 1, 2
    ),
    paid as (
      select p.i, d.village, sum(d.amount) as collected
      from pairs p join paid_daily d on d.paid_on >= p.m and d.paid_on < p.m_next and d.paid_on <= p.d
      group by 1, 2
    )
    select coalesce(st.i, pa.i) as i, coalesce(st.village, pa.village) as village, st.active, st.lapsed, pa.collected
    from status st
    full join paid pa on pa.i = st.i and pa.village = st.village`;
}

/**
 * Whether months are provisional at the data's as-of date (today's date while there is no data): what
 * every page, API answer and export marks.
 */
export async function provisionalTest(db: Database): Promise<(period: Period) => boolean> {
  const asOf = (await getDataAsOf(db)) ?? todayInJakarta();
  return (period) => isProvisional(period, asOf);
}

/**
 * A summary's nowcasts as export columns (`activeMembersExpected`, `…Low`, `…High` per figure, and the
 * method), empty for a final month, so every export of the endpoint has the same header.
 */
export function nowcastColumns(nowcast: FigureNowcasts | null): Record<string, number | string | null> {
  const columns: Record<string, number | string | null> = {};
  const round = (value: number | undefined) => (value === undefined ? null : Math.round(value * 100) / 100);
  for (const figure of [...NOWCAST_FIGURES, 'coverageRate'] as const) {
    const estimate = nowcast?.[figure] ?? undefined;
    columns[`${figure}Expected`] = round(estimate?.expected);
    columns[`${figure}Low`] = round(estimate?.low);
    columns[`${figure}High`] = round(estimate?.high);
  }
  columns.nowcastMethod = nowcast ? NOWCAST_METHOD : null;
  return columns;
}

type NowcastRow = { i: unknown; village: string; active: unknown; lapsed: unknown; collected: unknown };

/**
 * The districts a region's villages are in (itself when it is a district or smaller): read off the village
 * codes, which members' rows point at, so a region list without its district rows still counts them all.
 */
async function districtsOf(db: Database, regionCode: string): Promise<string[]> {
  if (regionCode.length >= DISTRICT_CODE_LENGTH) return [regionCode];
  const rows = await queryRows<{ code: string }>(
    db,
    sql`select distinct left(code, ${DISTRICT_CODE_LENGTH}) as code from regions
        where level = 'village' and code like ${`${regionCode}.%`} order by 1`,
  );
  return rows.map((row) => row.code);
}

const ZERO: KnownFigures = { activeMembers: 0, lapsedMembers: 0, contributionsCollected: 0 };

/**
 * The nowcast of each provisional month among `periods` at the data's as-of date `asOf` (final months are
 * left out). A smaller `asOf` than the data's hides the payments made after it: the back-test's view of
 * the past. One statement for all of them.
 */
export async function getNowcasts(
  db: Database,
  args: { scope: IndicatorScope; periods: readonly Period[]; asOf: string },
): Promise<MonthNowcast[]> {
  const { scope, asOf } = args;
  const periods = [...new Set(args.periods)].filter((p) => isProvisional(p, asOf) && `${p}-01` <= asOf).sort();
  if (periods.length === 0) return [];
  const pairs: Pair[] = [];
  const index = new Map<string, number>();
  const pairIndex = (pair: Pair) => {
    const key = `${pair.month}|${pair.asOf}`;
    let i = index.get(key);
    if (i === undefined) {
      i = pairs.length;
      index.set(key, i);
      pairs.push(pair);
    }
    return i;
  };
  const plans = periods.map((period) => ({
    period,
    observed: pairIndex({ month: period, asOf }),
    references: referenceMonths(period, asOf).map((ref) => ({
      atLag: pairIndex(ref),
      final: pairIndex({ month: ref.month, asOf }),
    })),
  }));
  const wide = curveScope(scope);
  // District by district, each cached under its own district's version: a write recomputes only the
  // districts it touched (a regency's or a province's nowcast reads every payment of its members).
  const rows: NowcastRow[] = [];
  const districts = await districtsOf(db, wide.regionCode);
  if (districts.length > 1) await primeDistrictVersions(db, wide.regionCode, districts);
  for (const district of districts) {
    const part = { ...wide, regionCode: district };
    rows.push(
      ...(await cachedRows<NowcastRow>(
        db,
        { key: JSON.stringify(['nowcast', district, wide.agentCodes ?? null, wide.communityId ?? null, pairs]), query: () => knownFiguresSql(part, pairs) },
        { region: district },
      )),
    );
  }
  // figures[pair][district] over the whole curve scope, and inside the scope only
  const whole = new Map<number, Map<string, KnownFigures>>();
  const inside = new Map<number, Map<string, KnownFigures>>();
  const add = (target: Map<number, Map<string, KnownFigures>>, i: number, district: string, row: (typeof rows)[number]) => {
    const byDistrict = target.get(i) ?? new Map<string, KnownFigures>();
    target.set(i, byDistrict);
    const sum = byDistrict.get(district) ?? { ...ZERO };
    sum.activeMembers += toNumber(row.active);
    sum.lapsedMembers += toNumber(row.lapsed);
    sum.contributionsCollected += toNumber(row.collected);
    byDistrict.set(district, sum);
  };
  for (const row of rows) {
    const i = toNumber(row.i);
    const district = row.village.slice(0, DISTRICT_CODE_LENGTH);
    add(whole, i, district, row);
    if (row.village.startsWith(scope.regionCode)) add(inside, i, district, row);
  }

  return plans.map((plan) => {
    const observedByDistrict = inside.get(plan.observed) ?? new Map<string, KnownFigures>();
    const observed = { ...ZERO };
    for (const figures of observedByDistrict.values()) {
      for (const figure of NOWCAST_FIGURES) observed[figure] += figures[figure];
    }
    const lag = nowcastLag(plan.period, asOf);
    const nowcast = {} as Record<NowcastFigure, FigureNowcast | null>;
    for (const figure of NOWCAST_FIGURES) {
      const parts: NowcastValue[] = [];
      let fewest = Infinity;
      let complete = true;
      for (const [district, figures] of observedByDistrict) {
        const factor = completionFactor(
          plan.references.map((ref) => ({
            observed: whole.get(ref.atLag)?.get(district)?.[figure] ?? 0,
            final: whole.get(ref.final)?.get(district)?.[figure] ?? 0,
          })),
        );
        if (!factor) {
          complete = false;
          break;
        }
        fewest = Math.min(fewest, factor.count);
        parts.push(applyFactor(figures[figure], factor));
      }
      nowcast[figure] =
        complete && parts.length > 0 ? { ...sumNowcasts(parts), method: NOWCAST_METHOD, lag, referenceMonths: fewest } : null;
    }
    return { period: plan.period, asOf, lag, observed, nowcast };
  });
}
