import 'server-only';
import type { Database } from '@/db';
import { suppressesSmallCells } from '@/domain/permissions';
import type { Role } from '@/domain/enums';
import { SUPPRESSED, WITHHELD, type Figure } from '@/domain/format';
import { MIN_CELL_PERSONS, protectTable, type Additivity, type CellState, type ProtectedCell } from '@/domain/suppression';
import type { Caller } from '@/server/auth/caller';
import { getSummarySeries, type SummaryCell } from '@/server/indicators/series';
import type { IndicatorScope } from '@/server/indicators/scope';
import { suppressSmall } from '@/server/privacy';
import type { FigureSet } from '@/contracts/figures';
import type { Period } from '@/domain/month';

/** The summary figures that add up (a region's = the sum of its villages', of its sexes' ...). */
export const ADDITIVE_METRICS = [
  'activeMembers',
  'newEnrolments',
  'lapsedMembers',
  'contributionsCollected',
  'claimsPaidCount',
  'claimsPaidAmount',
  'reactivatedMembers',
  'endedMembers',
  'pendingMembers',
] as const;
export type AdditiveMetric = (typeof ADDITIVE_METRICS)[number];
/** How each additive figure of one cell is shown to the caller. */
export type CellStates = Record<AdditiveMetric, CellState>;

/** The persons a figure is built from: the payers for money collected, the claims for their amount. */
export function personsOf(cell: Pick<SummaryCell, AdditiveMetric | 'payingMembers'>, metric: AdditiveMetric): number {
  if (metric === 'contributionsCollected') return cell.payingMembers;
  if (metric === 'claimsPaidAmount') return cell.claimsPaidCount;
  return cell[metric];
}

/** A value as a state shows it. */
export function shown<T extends number | null>(value: T, state: CellState): T | typeof SUPPRESSED | typeof WITHHELD {
  return state === 'shown' ? value : state === 'small' ? SUPPRESSED : WITHHELD;
}

export function primaryStates(cell: Pick<SummaryCell, AdditiveMetric | 'payingMembers'>): CellStates {
  const states = {} as CellStates;
  for (const metric of ADDITIVE_METRICS) states[metric] = personsOf(cell, metric) < MIN_CELL_PERSONS ? 'small' : 'shown';
  return states;
}

type Counted = Pick<SummaryCell, AdditiveMetric | 'payingMembers'>;

/**
 * Complementary suppression of one or more breakdowns of the same total (every figure that adds up),
 * with the total's own states when another table decided them. Claims counted and their amount go
 * together (one fixed benefit times a count gives the count back).
 */
export function protectBreakdowns(
  total: { cell: Counted; fixed?: CellStates | null } | null,
  breakdowns: ReadonlyArray<ReadonlyArray<{ cell: Counted; fixed?: CellStates | null }>>,
): { total: CellStates | null; breakdowns: CellStates[][] } {
  const flat = breakdowns.flat();
  const offset = total ? 1 : 0;
  const sums: Additivity[] = [];
  let next = offset;
  for (const parts of breakdowns) {
    sums.push({ total: total ? 0 : null, parts: parts.map((_, i) => next + i) });
    next += parts.length;
  }
  const all = total ? [total, ...flat] : flat;
  const byMetric = new Map<AdditiveMetric, CellState[]>();
  for (const metric of ADDITIVE_METRICS) {
    const counts = byMetric.get('claimsPaidCount');
    const cells: ProtectedCell[] = all.map(({ cell, fixed }, i) => {
      // An amount is hidden wherever its count is (a fixed benefit times the count gives the count back).
      const countState = metric === 'claimsPaidAmount' ? counts?.[i] : undefined;
      return { persons: personsOf(cell, metric), fixed: countState && countState !== 'shown' ? countState : fixed?.[metric] };
    });
    byMetric.set(metric, protectTable(cells, sums));
  }
  const statesAt = (i: number): CellStates => {
    const states = {} as CellStates;
    for (const metric of ADDITIVE_METRICS) states[metric] = byMetric.get(metric)![i]!;
    return states;
  };
  const result: CellStates[][] = [];
  let at = offset;
  for (const parts of breakdowns) {
    result.push(parts.map((_, i) => statesAt(at + i)));
    at += parts.length;
  }
  return { total: total ? statesAt(0) : null, breakdowns: result };
}

/** The code of a region's parent (33.02.14.2001 -> 33.02.14), null for a province. */
export function parentCodeOf(code: string): string | null {
  const at = code.lastIndexOf('.');
  return at === -1 ? null : code.slice(0, at);
}

/** Whether the caller may look at a region (and so subtract its figures from its parent's). */
function visibleTo(caller: Caller, code: string): boolean {
  const mine = caller.regionCode;
  return !mine || code === mine || code.startsWith(`${mine}.`);
}

/**
 * How a region's own totals are shown, month by month, to a caller who may also see its siblings: the
 * states complementary suppression gives it among the parent's regions, the parent's own states fixed
 * the same way one level up (so a village's cards, its row in the district's table and its map colour
 * hide the same figures). Null for callers who see every number, or when the parent is outside the
 * caller's region (no sibling to subtract).
 */
export async function regionStates(
  db: Database,
  args: { caller: Caller; regionCode: string; months: Period[] },
): Promise<Map<string, CellStates> | null> {
  if (!suppressesSmallCells(args.caller.role) || args.months.length === 0) return null;
  const parent = parentCodeOf(args.regionCode);
  if (!parent || !visibleTo(args.caller, parent)) return null;
  const [above, siblings] = await Promise.all([
    regionStates(db, { ...args, regionCode: parent }),
    getSummarySeries(db, { months: args.months, scope: { regionCode: parent }, by: 'region' }),
  ]);
  const states = new Map<string, CellStates>();
  for (const [period, cells] of groupByPeriod(siblings)) {
    const index = cells.findIndex((c) => c.key === args.regionCode);
    if (index === -1) continue;
    const result = protectBreakdowns({ cell: sumCells(cells), fixed: above?.get(period) ?? null }, [cells.map((cell) => ({ cell }))]);
    states.set(period, result.breakdowns[0]![index]!);
  }
  return states;
}

function groupByPeriod<T extends { period: string }>(cells: readonly T[]): Map<string, T[]> {
  const byPeriod = new Map<string, T[]>();
  for (const cell of cells) byPeriod.set(cell.period, [...(byPeriod.get(cell.period) ?? []), cell]);
  return byPeriod;
}

/**
 * The states of every village under a region for one month, worked down the region tree from the
 * region's own (fixed) states: each level's regions are protected among their siblings, as
 * regionStates does upwards, so the map hides what the villages' pages hide. Keys are village codes.
 */
export function villageTreeStates<T extends Counted & { code: string }>(
  rootCode: string,
  rootStates: CellStates | null,
  villages: readonly T[],
): Map<string, CellStates> {
  const states = new Map<string, CellStates>();
  const walk = (code: string, fixed: CellStates | null, members: readonly T[]) => {
    const childLength = code.length === 2 ? 5 : code.length === 5 ? 8 : 13;
    const children = new Map<string, T[]>();
    for (const v of members) {
      if (v.code.length <= code.length) continue;
      const child = v.code.slice(0, childLength);
      children.set(child, [...(children.get(child) ?? []), v]);
    }
    const list = [...children.entries()];
    if (list.length === 0) return;
    const result = protectBreakdowns({ cell: sumCells(members), fixed }, [list.map(([, vs]) => ({ cell: sumCells(vs) }))]);
    list.forEach(([child, vs], i) => {
      const own = result.breakdowns[0]![i]!;
      if (child.length === 13) states.set(child, own);
      else walk(child, own, vs);
    });
  };
  walk(rootCode, rootStates, villages);
  return states;
}

export function sumCells(cells: ReadonlyArray<Counted>): Counted {
  const sum = { payingMembers: 0 } as Counted;
  for (const metric of ADDITIVE_METRICS) sum[metric] = 0;
  for (const cell of cells) {
    for (const metric of ADDITIVE_METRICS) sum[metric] += cell[metric];
    sum.payingMembers += cell.payingMembers;
  }
  return sum;
}

/**
 * The states of each part of a breakdown of a scope, per month, for a caller who suppresses; the
 * scope's own totals are fixed from `totalStates` (its parent's table). Null for callers who see all.
 */
export function breakdownStates(
  role: Role,
  parts: SummaryCell[],
  totalStates: Map<string, CellStates> | null,
): Map<SummaryCell, CellStates> | null {
  if (!suppressesSmallCells(role)) return null;
  const states = new Map<SummaryCell, CellStates>();
  for (const [period, cells] of groupByPeriod(parts)) {
    const result = protectBreakdowns({ cell: sumCells(cells), fixed: totalStates?.get(period) ?? null }, [cells.map((cell) => ({ cell }))]);
    cells.forEach((cell, i) => states.set(cell, result.breakdowns[0]![i]!));
  }
  return states;
}

/**
 * How one group of a breakdown (a community, an agent) is shown month by month when it is a page's
 * own total: the states it has in the breakdown of the caller's region by that grouping, so that its
 * own page hides what its row in the table hides. Null for callers who see all.
 */
export async function groupStates(
  db: Database,
  args: { caller: Caller; scope: IndicatorScope; by: 'community' | 'agent'; key: string; months: Period[] },
): Promise<Map<string, CellStates> | null> {
  if (!suppressesSmallCells(args.caller.role) || args.months.length === 0) return null;
  const scope = { regionCode: args.scope.regionCode };
  const [totals, parts] = await Promise.all([
    regionStates(db, { caller: args.caller, regionCode: scope.regionCode, months: args.months }),
    getSummarySeries(db, { months: args.months, scope, by: args.by }),
  ]);
  const states = breakdownStates(args.caller.role, parts, totals);
  const mine = new Map<string, CellStates>();
  for (const cell of parts) if (cell.key === args.key && states?.get(cell)) mine.set(cell.period, states.get(cell)!);
  return mine;
}

/**
 * A cell's figures for a role: a district official gets "<5" wherever fewer than five persons make a
 * figure and "x" where a table's complementary suppression withholds it (`states`, from
 * protectBreakdowns); everyone else the numbers. The one place a cell's figures are shaped for a role.
 */
export function figuresFor(role: Role, c: SummaryCell, states?: CellStates | null): FigureSet {
  const plain: FigureSet = {
    activeMembers: c.activeMembers,
    informalWorkforce: c.informalWorkforce,
    coverageRate: c.coverageRate,
    coverageNote: c.coverageNote,
    newEnrolments: c.newEnrolments,
    lapsedMembers: c.lapsedMembers,
    lapseRate: c.lapseRate,
    contributionsCollected: c.contributionsCollected,
    claimsPaidCount: c.claimsPaidCount,
    claimsPaidAmount: c.claimsPaidAmount,
    reactivatedMembers: c.reactivatedMembers,
    endedMembers: c.endedMembers,
    pendingMembers: c.pendingMembers,
  };
  if (!suppressesSmallCells(role)) return plain;
  const s = states ?? primaryStates(c);
  return {
    ...plain,
    activeMembers: shown(c.activeMembers, s.activeMembers),
    // The workforce is public: the rate gives the active members back.
    coverageRate: shown(c.coverageRate, s.activeMembers),
    newEnrolments: shown(c.newEnrolments, s.newEnrolments),
    lapsedMembers: shown(c.lapsedMembers, s.lapsedMembers),
    // A rate reveals its numerator as much as its denominator.
    lapseRate: suppressSmall(c.lapseRate, Math.min(c.stoppedMembers, c.previousActiveMembers)),
    contributionsCollected: shown(c.contributionsCollected, s.contributionsCollected),
    claimsPaidCount: shown(c.claimsPaidCount, s.claimsPaidCount),
    claimsPaidAmount: shown(c.claimsPaidAmount, s.claimsPaidAmount),
    reactivatedMembers: shown(c.reactivatedMembers, s.reactivatedMembers),
    endedMembers: shown(c.endedMembers, s.endedMembers),
    pendingMembers: shown(c.pendingMembers, s.pendingMembers),
  };
}

/** A count any caller may see only when at least five persons make it (or the caller sees all). */
export function countFor(role: Role, value: number): Figure {
  return suppressesSmallCells(role) ? suppressSmall(value, value) : value;
}

/** A count shown in a given state (from a protected table), or plainly to callers who see all. */
export function countIn(role: Role, value: number, state: CellState | undefined): Figure {
  if (!suppressesSmallCells(role)) return value;
  return state ? shown(value, state) : suppressSmall(value, value);
}

/** A rate whose numerator and denominator are persons. */
export function rateFor(role: Role, value: number | null, persons: number): Figure | null {
  return suppressesSmallCells(role) ? suppressSmall(value, persons) : value;
}

/** A rate that gives back a count shown in `state` (a coverage rate, uncovered workers): hidden with it. */
export function rateIn(role: Role, value: number | null, persons: number, state: CellState | undefined): Figure | null {
  if (!suppressesSmallCells(role)) return value;
  if (value === null) return null;
  if (state && state !== 'shown') return shown(value, state);
  return suppressSmall(value, persons);
}

export type { CellState, IndicatorScope };
