import 'server-only';
import { eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Database } from '@/db';
import { cachedRows } from '@/db/figures-cache';
import { communities, coverageTargets, regions } from '@/db/schema';
import type { Caller } from '@/server/auth/caller';
import { getMessages, type Locale } from '@/i18n';
import { yearOf } from '@/domain/month';
import { getGroupedRetention } from '@/server/indicators/retention';
import { getSummarySeries, NONE_KEY, type Grouping, type SummaryCell } from '@/server/indicators/series';
import type { SummaryMetric } from '@/domain/summary-metrics';
import { toNumber } from '@/server/indicators/sql-helpers';
import { memberScopeCondition } from '@/server/indicators/scope';
import { breakdownStates, countFor, figuresFor, groupStates, rateFor, rateIn, regionStates, type CellStates } from '@/server/figures';
import { monthsBetween } from '@/domain/month';
import { type FigureSet } from '@/contracts/figures';
import { resolveScope } from '@/server/scope';
import { anyProvisional, getWorkforceSourcesByGroup } from '@/server/explain';
import { getDataAsOf } from '@/server/settings';
import { can } from '@/domain/permissions';
import { toSearch } from '@/contracts/params';
import type { Explanation } from '@/contracts/explain';
import { provisionalTest } from '@/server/nowcast';
import { type CommunityListRow, type CommunityRow, type CoverageBy, type CoverageRow, type TrendView } from '@/contracts/coverage';

/** The v1 `by` values; `village` means the regions one level below the one asked for. */
const GROUPING: Record<CoverageBy, Grouping> = {
  village: 'region',
  community: 'community',
  occupation: 'occupation',
  channel: 'channel',
  agent: 'agent',
  sex: 'sex',
  ageBand: 'age_band',
};

/** Groupings with a denominator: only their rows carry informalWorkforce and coverageRate. */
const HAS_WORKFORCE: ReadonlySet<CoverageBy> = new Set(['village', 'occupation']);

export interface CoverageView {
  period: string;
  region: string;
  regionName: string;
  regionLevel: string;
  by: CoverageBy;
  /** The month's arrears window is still open (PRODUCT.md "Provisional month"). */
  provisional: boolean;
  rows: CoverageRow[];
  explanations?: Record<string, Explanation>;
}

/** The name of a group whose name is a word of the interface (channels, sex, "none" ...). */
export function groupName(by: CoverageBy | Grouping, cell: Pick<SummaryCell, 'key' | 'name' | 'nameEn'>, locale: Locale) {
  const m = getMessages(locale);
  if (cell.key === NONE_KEY) return by === 'community' ? m.coverage.noCommunity : m.coverage.notRecorded;
  if (by === 'channel') return m.channels[cell.key as keyof typeof m.channels] ?? cell.key;
  if (by === 'sex') return m.sex[cell.key as keyof typeof m.sex] ?? cell.key;
  if (by === 'ageBand' || by === 'age_band') return m.ageBands[cell.key as keyof typeof m.ageBands] ?? cell.key;
  return (locale === 'en' ? cell.nameEn : null) ?? cell.name ?? cell.key;
}

function rowOf(by: CoverageBy, role: Caller['role'], cell: SummaryCell, locale: Locale, states: CellStates | undefined): CoverageRow {
  const { informalWorkforce, coverageRate, coverageNote, ...rest } = figuresFor(role, cell, states);
  const row: CoverageRow = { key: cell.key, name: groupName(by, cell, locale), ...rest };
  if (!HAS_WORKFORCE.has(by)) return row;
  const uncovered = cell.informalWorkforce === null ? null : Math.max(cell.informalWorkforce - cell.activeMembers, 0);
  const { activeMembers, ...others } = rest;
  return {
    key: row.key,
    name: row.name,
    activeMembers,
    informalWorkforce,
    coverageRate,
    coverageNote,
    // The workforce is public, so the uncovered count reveals the active count: suppress them together.
    uncoveredWorkers: uncovered === null ? null : rateIn(role, uncovered, cell.activeMembers, states?.activeMembers),
    ...others,
  };
}

/** Coverage of a region split by one grouping, for one month: one SQL statement for all the rows. */
export async function getCoverageView(
  db: Database,
  args: { caller: Caller; period: string; regionCode?: string | null; by: CoverageBy; locale: Locale; communityId?: number; explain?: boolean },
): Promise<CoverageView> {
  const { scope, region } = await resolveScope(db, args.caller, args.regionCode);
  const months = [args.period];
  const denominated = HAS_WORKFORCE.has(args.by);
  const [cells, totals, sources, asOf, provisional] = await Promise.all([
    getSummarySeries(db, {
      from: args.period,
      to: args.period,
      scope: { ...scope, communityId: args.communityId },
      by: GROUPING[args.by],
    }),
    // The breakdown's total is the region's (or the community's) own, hidden as its own table hides it.
    args.communityId === undefined
      ? regionStates(db, { caller: args.caller, regionCode: scope.regionCode, months })
      : groupStates(db, { caller: args.caller, scope, by: 'community', key: String(args.communityId), months }),
    args.explain && denominated
      ? getWorkforceSourcesByGroup(db, { regionCode: scope.regionCode, year: yearOf(args.period), by: args.by === 'occupation' ? 'occupation' : 'region' })
      : null,
    args.explain ? getDataAsOf(db) : null,
    provisionalTest(db),
  ]);
  const states = breakdownStates(args.caller.role, cells, totals);
  const rows = cells.map((cell) => rowOf(args.by, args.caller.role, cell, args.locale, states?.get(cell)));
  if (args.by === 'village' && rows.length > 0) {
    const targets = await cachedRows<{ code: string; rate: unknown }>(
      db,
      sql`select ${coverageTargets.regionCode} as code, ${coverageTargets.targetRate} as rate from ${coverageTargets}
        where ${coverageTargets.year} = ${yearOf(args.period)} and ${inArray(
          coverageTargets.regionCode,
          rows.map((row) => row.key),
        )}`,
    );
    const byCode = new Map(targets.map((t) => [t.code, toNumber(t.rate)]));
    cells.forEach((cell, i) => {
      const row = rows[i]!;
      const target = byCode.get(cell.key) ?? null;
      row.targetRate = target;
      const attainment = target && cell.coverageRate !== null ? (cell.coverageRate / target) * 100 : null;
      row.targetAttainment = rateIn(args.caller.role, attainment, cell.activeMembers, states?.get(cell)?.activeMembers);
    });
  }
  const view: CoverageView = { period: args.period, region: scope.regionCode, regionName: region.name, regionLevel: region.level, by: args.by, provisional: provisional(args.period), rows };
  if (args.explain) {
    // Each row's headline figure from the row itself (suppressed alike); its rows where the register filters so.
    const personal = can(args.caller.role, 'view:personal-data');
    const rowsFilter = (key: string): Record<string, string> | null =>
      key === NONE_KEY ? null : args.by === 'village' ? { region: key } : args.by === 'community' ? { community: key } : args.by === 'agent' ? { agent: key } : null;
    view.explanations = Object.fromEntries(
      rows.map((row) => {
        const filter = rowsFilter(row.key);
        const rowsHref =
          personal && filter && args.communityId === undefined
            ? `/members?${toSearch({ period: args.period, region: args.by === 'village' ? null : scope.regionCode, ...filter, status: 'active' })}`
            : null;
        const explanation: Explanation = {
          indicator: denominated ? 'coverageRate' : 'activeMembers',
          value: denominated ? (row.coverageRate ?? null) : row.activeMembers,
          unit: denominated ? 'percent' : 'count',
          numerator: { value: row.activeMembers, unit: 'count' },
          denominator: denominated
            ? { value: row.informalWorkforce ?? null, unit: 'count', year: yearOf(args.period), source: sources?.get(row.key) ?? null }
            : null,
          population: scope.agentCodes ? 'agents' : 'region',
          from: args.period,
          to: args.period,
          asOf,
          provisional: anyProvisional(args.period, args.period, asOf),
          rowsHref,
        };
        return [row.key, explanation];
      }),
    );
  }
  return view;
}

export interface SeriesPoint extends FigureSet {
  period: string;
  provisional: boolean;
}

export interface SeriesView {
  region: string;
  regionName: string;
  from: string;
  to: string;
  points: SeriesPoint[];
}

/** Every summary figure for every month of a range: one SQL statement (generate_series of months). */
export async function getSeriesView(
  db: Database,
  args: { caller: Caller; from: string; to: string; regionCode?: string | null; communityId?: number },
): Promise<SeriesView> {
  const { scope, region } = await resolveScope(db, args.caller, args.regionCode);
  const months = monthsBetween(args.from, args.to);
  const [cells, states, provisional] = await Promise.all([
    getSummarySeries(db, {
      from: args.from,
      to: args.to,
      scope: { ...scope, communityId: args.communityId },
      by: 'total',
    }),
    // Each month's point hides what that month's tables hide (the region among its siblings, the community among the region's).
    args.communityId === undefined
      ? regionStates(db, { caller: args.caller, regionCode: scope.regionCode, months })
      : groupStates(db, { caller: args.caller, scope, by: 'community', key: String(args.communityId), months }),
    provisionalTest(db),
  ]);
  return {
    region: scope.regionCode,
    regionName: region.name,
    from: args.from,
    to: args.to,
    points: cells.map((cell) => ({
      period: cell.period,
      ...figuresFor(args.caller.role, cell, states?.get(cell.period)),
      provisional: provisional(cell.period),
    })),
  };
}


export function trendOf(series: SeriesView, metric: SummaryMetric): TrendView {
  return {
    metric,
    region: series.region,
    from: series.from,
    to: series.to,
    points: series.points.map((point) => ({ period: point.period, value: point[metric], provisional: point.provisional })),
  };
}

export async function getTrendView(
  db: Database,
  args: { caller: Caller; metric: SummaryMetric; from: string; to: string; regionCode?: string | null },
): Promise<TrendView> {
  return trendOf(await getSeriesView(db, args), args.metric);
}

export interface RegionInfo {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
  parentName: string | null;
  childCount: number;
}

/** A region the caller may see, with its parent (for the way back up) and how many regions it holds. */
export async function getRegionInfo(db: Database, args: { caller: Caller; regionCode: string }): Promise<RegionInfo> {
  const { region } = await resolveScope(db, args.caller, args.regionCode);
  const [row] = await queryRows<{ parent_code: string | null; parent_name: string | null; children: unknown }>(
    db,
    sql`select r.parent_code, p.name as parent_name,
          (select count(*) from regions c where c.parent_code = r.code) as children
        from regions r left join regions p on p.code = r.parent_code where r.code = ${region.code}`,
  );
  const parentVisible = !args.caller.regionCode || (row?.parent_code ?? '').startsWith(args.caller.regionCode);
  return {
    code: region.code,
    name: region.name,
    level: region.level,
    parentCode: parentVisible ? (row?.parent_code ?? null) : null,
    parentName: parentVisible ? (row?.parent_name ?? null) : null,
    childCount: toNumber(row?.children),
  };
}


/**
 * The communities of a region for a month: members (enrolled by the month's end), active, retention
 * at 6 months over the year of cohorts that reached it, claims paid and the agents tied to each.
 * Three statements whatever the number of communities: figures, retention, facts.
 */
export async function listCommunityRows(
  db: Database,
  args: { caller: Caller; period: string; regionCode?: string | null; communityId?: number },
): Promise<CommunityRow[]> {
  const { scope } = await resolveScope(db, args.caller, args.regionCode);
  const role = args.caller.role;
  const [cells, totals, retention, facts] = await Promise.all([
    getSummarySeries(db, { from: args.period, to: args.period, scope, by: 'community' }),
    regionStates(db, { caller: args.caller, regionCode: scope.regionCode, months: [args.period] }),
    // One community's page needs its cohorts only.
    getGroupedRetention(db, { period: args.period, months: 6, cohorts: 12, scope: { ...scope, communityId: args.communityId }, by: 'community' }),
    cachedRows<{ id: number; name: string; type: string; village_code: string; village_name: string; agents: string[] | null; members: unknown }>(
      db,
      // The members are counted in one pass over the scope's members (not one count per community, which
      // read every member of every community); a community's own page reads only its row.
      sql`with counts as (
            select sm.community_id, count(*) as members from members sm
            where sm.community_id is not null
              and sm.enrolled_on < ${`${args.period}-01`}::date + interval '1 month'
              and ${memberScopeCondition('sm', scope)}
              ${args.communityId === undefined ? sql`` : sql`and sm.community_id = ${args.communityId}`}
            group by sm.community_id
          )
          ,tied as (
            select ac.community_id, array_agg(a.name order by a.name) as agents
            from agent_communities ac join agents a on a.code = ac.agent_code
            ${args.communityId === undefined ? sql`` : sql`where ac.community_id = ${args.communityId}`}
            group by ac.community_id
          )
          select co.id, co.name, co.type, co.village_code, r.name as village_name, t.agents,
            coalesce(cn.members, 0) as members
          from communities co join regions r on r.code = co.village_code
          left join counts cn on cn.community_id = co.id
          left join tied t on t.community_id = co.id
          ${args.communityId === undefined ? sql`` : sql`where co.id = ${args.communityId}`}`,
    ),
  ]);
  const byId = new Map(facts.map((f) => [String(f.id), f]));
  // The same breakdown as coverage by community (the "no community" row included), hidden the same way.
  const states = breakdownStates(role, cells, totals);
  const rows: CommunityRow[] = [];
  for (const cell of cells) {
    const fact = byId.get(cell.key);
    if (!fact) continue; // members without a community
    if (args.communityId !== undefined && fact.id !== args.communityId) continue;
    const figures = figuresFor(role, cell, states?.get(cell));
    const kept = retention.get(cell.key);
    rows.push({
      id: Number(fact.id),
      name: fact.name,
      type: fact.type,
      villageCode: fact.village_code,
      villageName: fact.village_name,
      agents: fact.agents ?? [],
      members: countFor(role, toNumber(fact.members)),
      activeMembers: figures.activeMembers,
      retention6m: kept ? rateFor(role, kept.rate, Math.min(kept.retained, kept.cohortSize)) : null,
      claimsPaidCount: figures.claimsPaidCount,
      claimsPaidAmount: figures.claimsPaidAmount,
      newEnrolments: figures.newEnrolments,
      lapsedMembers: figures.lapsedMembers,
    });
  }
  return rows;
}


export async function listCommunities(
  db: Database,
  args: { caller: Caller; period: string; regionCode?: string | null; locale: Locale; communityId?: number },
): Promise<CommunityListRow[]> {
  const types = getMessages(args.locale).communityTypes;
  const rows = await listCommunityRows(db, args);
  return rows.map((row) => ({
    key: String(row.id),
    ...row,
    typeName: types[row.type as keyof typeof types] ?? row.type,
  }));
}

/** `community` from a query string: a positive integer id, or 400. */
/** One community's facts, or null when it does not exist or lies outside the caller's region. */
export async function getCommunity(db: Database, args: { caller: Caller; id: number }) {
  const [row] = await db
    .select({ id: communities.id, name: communities.name, type: communities.type, villageCode: communities.villageCode, villageName: regions.name })
    .from(communities)
    .innerJoin(regions, eq(regions.code, communities.villageCode))
    .where(eq(communities.id, args.id))
    .limit(1);
  if (!row) return null;
  if (args.caller.regionCode && !row.villageCode.startsWith(args.caller.regionCode)) return null;
  return row;
}
