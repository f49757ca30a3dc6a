import 'server-only';
import type { Database } from '@/db';
import type { Caller } from '@/server/auth/caller';
import { addMonths } from '@/domain/month';
import { getSummarySeries } from '@/server/indicators/series';
import { figuresFor, regionStates } from '@/server/figures';
import { resolveScope } from '@/server/scope';
import type { SummaryView } from '@/contracts/summary';
import { getExplainContext, isEmptyMonth, summaryExplanations } from '@/server/explain';
import { suppressesSmallCells } from '@/domain/permissions';
import { yearOf } from '@/domain/month';


export async function getSummaryView(
  db: Database,
  args: { caller: Caller; period: string; regionCode?: string | null; compare?: boolean; explain?: boolean },
): Promise<SummaryView> {
  const { scope, region } = await resolveScope(db, args.caller, args.regionCode);
  const previous = addMonths(args.period, -1);
  const lastYear = addMonths(args.period, -12);
  // The explanations need the month before (the lapse rate's denominator, as that month's card shows it).
  const months = args.compare ? [lastYear, previous, args.period] : args.explain ? [previous, args.period] : [args.period];
  // One query for the month and, when asked, the two months it is compared with.
  // The region's figures hide what its row among its parent's regions hides (complementary suppression).
  const [cells, states, context] = await Promise.all([
    getSummarySeries(db, { months, scope, by: 'total' }),
    regionStates(db, { caller: args.caller, regionCode: scope.regionCode, months }),
    getExplainContext(db, { scope, year: yearOf(args.period) }),
  ]);
  const figures = (period: string) => figuresFor(args.caller.role, at(period), states?.get(period));
  const at = (period: string) => {
    const cell = cells.find((c) => c.period === period);
    if (!cell) throw new Error(`The summary query returned no row for ${period}.`);
    return cell;
  };
  const current = at(args.period);
  const population = scope.agentCodes ? 'agents' : 'region';
  const view: SummaryView = {
    period: args.period,
    region: scope.regionCode,
    regionName: region.name,
    ...figures(args.period),
    informalWorkforce: current.informalWorkforce,
    population,
    // An empty month is said so, except where the region's figures are protected among its siblings: there
    // a known zero would help work out a sibling's hidden count.
    noData: isEmptyMonth(context, args.period) && (!suppressesSmallCells(args.caller.role) || !states),
  };
  if (args.explain) {
    view.explanations = summaryExplanations({
      caller: args.caller,
      region: scope.regionCode,
      period: args.period,
      population,
      figures: figures(args.period),
      previous: figures(previous),
      stoppedMembers: current.stoppedMembers,
      previousActiveMembers: current.previousActiveMembers,
      context,
    });
  }
  if (args.compare) {
    view.previousMonth = { period: previous, ...figures(previous) };
    view.sameMonthLastYear = { period: lastYear, ...figures(lastYear) };
  }
  return view;
}
