// The explanations of figures (contracts/explain.ts): built from the figure set a service already computed
// (so an explanation's numerator is the card's own number, suppressed alike) and one more query for what
// the figures do not carry: the workforce estimate's sources and the scope's first enrolment.
import 'server-only';
import { sql } from 'drizzle-orm';
import type { Database } from '@/db';
import { cachedRows } from '@/db/figures-cache';
import type { Caller } from '@/server/auth/caller';
import { memberScopeCondition, regionMatch, type IndicatorScope } from '@/server/indicators/scope';
import { childCodeLength } from '@/server/indicators/series';
import { getDataAsOf } from '@/server/settings';
import { can, suppressesSmallCells } from '@/domain/permissions';
import { isHidden, type Figure } from '@/domain/format';
import { addMonths, isProvisional, monthsBetween, periodStart, yearOf, type Period } from '@/domain/month';
import { toSearch } from '@/contracts/params';
import type { Explanation, ExplanationPart, Population } from '@/contracts/explain';
import type { FigureSet } from '@/contracts/figures';
import type { SummaryExplanations } from '@/contracts/summary';
import type { Indicator } from '@/domain/definitions';
import { suppressSmall } from '@/server/privacy';

export interface ExplainContext {
  asOf: string | null;
  /** The sources of the workforce estimates the region's denominator sums, for the period's year. */
  workforceSources: string | null;
  /** The scope's first enrolment: a month before it has no data at all. */
  firstEnrolment: string | null;
}

/** What the explanations of a scope's figures need beyond the figures: one statement (and the as-of date). */
export async function getExplainContext(
  db: Database,
  args: { scope: IndicatorScope; year: number },
): Promise<ExplainContext> {
  const { scope, year } = args;
  // The estimate's sources as workforceOfSql picks the estimate: the villages' under the region, else the region's own.
  const [[row], asOf] = await Promise.all([
    cachedRows<{ sources: string | null; first_enrolment: string | null }>(
      db,
      sql`
        with village_sources as (
          select we.source from workforce_estimates we join regions r on r.code = we.region_code
          where r.level = 'village' and we.year = ${year} and ${regionMatch(sql`r.code`, scope.regionCode)}
        ),
        chosen as (
          select source from village_sources
          union all
          select we.source from workforce_estimates we
          where we.region_code = ${scope.regionCode} and we.year = ${year} and not exists (select 1 from village_sources)
        )
        select (select string_agg(distinct source, '; ' order by source) from chosen where source <> '') as sources,
          (select min(sm.enrolled_on)::text from members sm where ${memberScopeCondition('sm', scope)}) as first_enrolment`,
    ),
    getDataAsOf(db),
  ]);
  return { asOf, workforceSources: row?.sources ?? null, firstEnrolment: row?.first_enrolment ? String(row.first_enrolment).slice(0, 10) : null };
}

/** No data at all for the month: nothing was enrolled in the scope by its end (not "0 members"). */
export function isEmptyMonth(context: ExplainContext, period: Period): boolean {
  return context.firstEnrolment === null || context.firstEnrolment >= periodStart(addMonths(period, 1));
}

/** Whether any month of a range is still provisional (an empty database has no as-of date: nothing is final). */
export function anyProvisional(from: Period, to: Period, asOf: string | null): boolean {
  return asOf === null || monthsBetween(from, to).some((month) => isProvisional(month, asOf));
}

const count = (value: Figure | null): ExplanationPart => ({ value, unit: 'count' });
const money = (value: Figure | null): ExplanationPart => ({ value, unit: 'money' });

/** A link to the member register filtered as a figure, for the roles that may see the rows. */
function membersHref(caller: Caller, filters: Record<string, string | number | boolean | null | undefined>): string | null {
  return can(caller.role, 'view:personal-data') ? `/members?${toSearch(filters)}` : null;
}


/** Builds a view's explanations from what they share (population, period, as-of, provisional). */
export function explanationOf(base: Pick<Explanation, 'population' | 'from' | 'to' | 'asOf' | 'provisional'>) {
  return (
    indicator: Indicator,
    value: Figure | null,
    unit: Explanation['unit'],
    numerator: ExplanationPart | null,
    denominator: ExplanationPart | null,
    rowsHref: string | null,
  ): Explanation => ({ indicator, value, unit, numerator, denominator, rowsHref, ...base });
}
/**
 * The explanations of a summary's cards. `previous` is the month before's figure set as the caller sees it
 * (the lapse rate's denominator is that month's active members, hidden as that month's card hides them).
 */
export function summaryExplanations(args: {
  caller: Caller;
  region: string;
  period: Period;
  population: Population;
  figures: FigureSet;
  previous: FigureSet | null;
  stoppedMembers: number;
  previousActiveMembers: number;
  context: ExplainContext;
}): SummaryExplanations {
  const { caller, region, period, figures: f, context } = args;
  const base = {
    population: args.population,
    from: period,
    to: period,
    asOf: context.asOf,
    provisional: context.asOf === null || isProvisional(period, context.asOf),
  };
  const rows = (filters: Record<string, string | boolean>) => membersHref(caller, { period, region, ...filters });
  const make = explanationOf(base);

  // The lapse rate's parts: hidden wherever the rate is, and the denominator as last month's card hides it;
  // with the denominator hidden, the numerator would give it back through the rate.
  const hide = suppressesSmallCells(caller.role);
  const lapseDenominator: Figure = hide ? (args.previous?.activeMembers ?? suppressSmall(args.previousActiveMembers, args.previousActiveMembers)) : args.previousActiveMembers;
  const lapseNumerator: Figure = !hide
    ? args.stoppedMembers
    : isHidden(f.lapseRate)
      ? f.lapseRate
      : isHidden(lapseDenominator)
        ? lapseDenominator
        : suppressSmall(args.stoppedMembers, args.stoppedMembers);

  return {
    activeMembers: make('activeMembers', f.activeMembers, 'count', count(f.activeMembers), null, rows({ status: 'active' })),
    coverageRate: make(
      'coverageRate',
      f.coverageRate,
      'percent',
      count(f.activeMembers),
      { value: f.informalWorkforce, unit: 'count', year: yearOf(period), source: context.workforceSources },
      rows({ status: 'active' }),
    ),
    newEnrolments: make('newEnrolments', f.newEnrolments, 'count', count(f.newEnrolments), null, rows({ enrolled: true })),
    lapsedMembers: make('lapsedMembers', f.lapsedMembers, 'count', count(f.lapsedMembers), null, rows({ status: 'lapsed' })),
    lapseRate: make(
      'lapseRate',
      f.lapseRate,
      'percent',
      count(lapseNumerator),
      count(lapseDenominator),
      rows({ status: 'stopped' }),
    ),
    reactivatedMembers: make('reactivatedMembers', f.reactivatedMembers, 'count', count(f.reactivatedMembers), null, rows({ status: 'reactivated' })),
    contributionsCollected: make(
      'contributionsCollected',
      f.contributionsCollected,
      'money',
      money(f.contributionsCollected),
      null,
      rows({ paid: true }),
    ),
    claimsPaidAmount: make(
      'claimsPaid',
      f.claimsPaidAmount,
      'money',
      money(f.claimsPaidAmount),
      null,
      can(caller.role, 'view:personal-data') ? `/claims?${toSearch({ from: period, to: period, region, basis: 'paid', status: 'paid' })}` : null,
    ),
  };
}

/**
 * The sources of the workforce estimates behind each row of a breakdown with a denominator, in one
 * statement: by region, the villages' estimates under each child region (else the child's own, as
 * workforceOfRegionsSql picks them); by occupation, the per-occupation estimates of the scope's villages.
 */
export async function getWorkforceSourcesByGroup(
  db: Database,
  args: { regionCode: string; year: number; by: 'region' | 'occupation' },
): Promise<Map<string, string>> {
  const { regionCode, year } = args;
  const length = sql.raw(String(childCodeLength(regionCode)));
  const rows = await cachedRows<{ key: string; sources: string | null }>(
    db,
    args.by === 'occupation'
      ? sql`select wo.occupation_code as key, string_agg(distinct wo.source, '; ' order by wo.source) as sources
          from workforce_estimates_by_occupation wo join regions r on r.code = wo.region_code
          where r.level = 'village' and wo.year = ${year} and ${regionMatch(sql`r.code`, regionCode)} and wo.source <> ''
          group by 1`
      : sql`with village_sources as (
            select left(r.code, ${length}) as key, we.source from workforce_estimates we join regions r on r.code = we.region_code
            where r.level = 'village' and we.year = ${year} and ${regionMatch(sql`r.code`, regionCode)}
          )
          select key, string_agg(distinct source, '; ' order by source) as sources from (
            select key, source from village_sources
            union all
            select we.region_code, we.source from workforce_estimates we
            where we.year = ${year} and length(we.region_code) = ${childCodeLength(regionCode)}
              and ${regionMatch(sql`we.region_code`, regionCode)}
              and we.region_code not in (select key from village_sources)
          ) s where source <> '' group by key`,
  );
  return new Map(rows.filter((row) => row.sources).map((row) => [row.key, row.sources!]));
}
