import 'server-only';
import type { Database } from '@/db';
import type { Caller } from '@/server/auth/caller';
import { addMonths, arrearsWindowEnd, isProvisional, todayInJakarta } from '@/domain/month';
import { getSummarySeries } from '@/server/indicators/series';
import { figuresFor, regionStates } from '@/server/figures';
import { DISTRICT_CODE_LENGTH, getNowcasts, type FigureNowcast } from '@/server/nowcast';
import { getDataAsOf } from '@/server/settings';
import { resolveScope } from '@/server/scope';
import type { FigureNowcasts, FigureSet } from '@/contracts/figures';
import type { SummaryView } from '@/contracts/summary';
import { getExplainContext, isEmptyMonth, summaryExplanations } from '@/server/explain';
import { suppressesSmallCells } from '@/domain/permissions';
import { yearOf } from '@/domain/month';

export async function getSummaryView(
  db: Database,
  args: {
    caller: Caller;
    period: string;
    regionCode?: string | null;
    compare?: boolean;
    explain?: boolean;
    /** The expected final values of a provisional month: a heavier statement, asked for apart (the cards fetch it after the page). */
    nowcast?: boolean;
  },
): Promise<SummaryView> {
  const { scope, region } = await resolveScope(db, args.caller, args.regionCode);
  const previous = addMonths(args.period, -1);
  const lastYear = addMonths(args.period, -12);
  // The explanations need the month before (the lapse rate's denominator, as that month's card shows it).
  const months = args.compare ? [lastYear, previous, args.period] : args.explain ? [previous, args.period] : [args.period];
  // One query for the month and, when asked, the two months it is compared with.
  // The region's figures hide what its row among its parent's regions hides (complementary suppression).
  const [cells, states, context, dataAsOf] = await Promise.all([
    getSummarySeries(db, { months, scope, by: 'total' }),
    regionStates(db, { caller: args.caller, regionCode: scope.regionCode, months }),
    getExplainContext(db, { scope, year: yearOf(args.period) }),
    getDataAsOf(db),
  ]);
  // With no data yet, the month is judged against today.
  const asOf = dataAsOf ?? todayInJakarta();
  // A district's curve comes from its own members' payments read one by one: live for a district and the
  // villages in it, too slow for a regency's hundreds of thousands of members (README, Performance).
  const [monthNowcast] =
    args.nowcast && isProvisional(args.period, asOf) && scope.regionCode.length >= DISTRICT_CODE_LENGTH ? await getNowcasts(db, { scope, periods: [args.period], asOf }) : [];
  const figures = (period: string) => figuresFor(args.caller.role, at(period), states?.get(period));
  const at = (period: string) => {
    const cell = cells.find((c) => c.period === period);
    if (!cell) throw new Error(`The summary query returned no row for ${period}.`);
    return cell;
  };
  const current = at(args.period);
  const population = scope.agentCodes ? 'agents' : 'region';
  const shown = figures(args.period);
  const provisional = isProvisional(args.period, asOf);
  const view: SummaryView = {
    period: args.period,
    region: scope.regionCode,
    regionName: region.name,
    ...shown,
    informalWorkforce: current.informalWorkforce,
    population,
    // An empty month is said so, except where the region's figures are protected among its siblings: there
    // a known zero would help work out a sibling's hidden count.
    noData: isEmptyMonth(context, args.period) && (!suppressesSmallCells(args.caller.role) || !states),
    provisional,
    provisionalUntil: arrearsWindowEnd(args.period),
    dataAsOf,
    nowcast: provisional && monthNowcast ? nowcastsShown(shown, monthNowcast.nowcast, current.informalWorkforce) : null,
  };
  if (args.explain) {
    view.explanations = summaryExplanations({
      caller: args.caller,
      region: scope.regionCode,
      period: args.period,
      population,
      figures: shown,
      previous: figures(previous),
      stoppedMembers: current.stoppedMembers,
      previousActiveMembers: current.previousActiveMembers,
      context,
    });
  }
  if (args.compare) {
    view.previousMonth = { period: previous, ...figures(previous), provisional: isProvisional(previous, asOf) };
    view.sameMonthLastYear = { period: lastYear, ...figures(lastYear), provisional: isProvisional(lastYear, asOf) };
  }
  return view;
}

/**
 * The nowcasts a caller may see: only beside a figure shown as a number (an estimate beside "<5" would
 * tell how few it is); the coverage rate's is the active members' over the same workforce.
 */
function nowcastsShown(
  shown: FigureSet,
  nowcast: Record<'activeMembers' | 'lapsedMembers' | 'contributionsCollected', FigureNowcast | null>,
  workforce: number | null,
): FigureNowcasts {
  const ifShown = (value: unknown, estimate: FigureNowcast | null) => (typeof value === 'number' ? estimate : null);
  const active = ifShown(shown.activeMembers, nowcast.activeMembers);
  const rate = (n: number) => (n * 100) / workforce!;
  return {
    activeMembers: active,
    lapsedMembers: ifShown(shown.lapsedMembers, nowcast.lapsedMembers),
    contributionsCollected: ifShown(shown.contributionsCollected, nowcast.contributionsCollected),
    coverageRate:
      active && typeof shown.coverageRate === 'number' && workforce
        ? { ...active, expected: rate(active.expected), low: rate(active.low), high: rate(active.high) }
        : null,
  };
}
