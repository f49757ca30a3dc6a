import 'server-only';
import { arrearsWindowEnd } from '@/domain/month';
import { provisionalTest } from '@/server/nowcast';
import { sql } from 'drizzle-orm';
import { cachedRows } from '@/db/figures-cache';
import type { Database } from '@/db';
import { suppressesSmallCells } from '@/domain/permissions';
import type { Caller } from '@/server/auth/caller';
import type { Figure } from '@/domain/format';
import type { AreaGeometry } from '@/domain/geo/geometry';
import { getSummaryByVillage, type VillageSummary } from '@/server/indicators/summary-by-village';
import { regionMatch } from '@/server/indicators/scope';
import type { MapMetric } from '@/domain/map-metrics';
import { suppressSmall } from '@/server/privacy';
import { regionStates, shown, villageTreeStates, type AdditiveMetric, type CellStates } from '@/server/figures';
import { resolveScope } from '@/server/scope';
import type { MapView } from '@/contracts/map';
import type { BoundarySource, MapFeature } from '@/contracts/map';




/** A metric's value for a village, and the persons it is built from (for small-cell suppression). */
const METRIC_VALUES: Record<MapMetric, (s: VillageSummary) => { value: number | null; persons: number }> = {
  coverageRate: (s) => ({ value: s.coverageRate, persons: s.activeMembers }),
  activeMembers: (s) => ({ value: s.activeMembers, persons: s.activeMembers }),
  // The workforce is public reference data: the uncovered count reveals the active members.
  uncoveredWorkers: (s) =>
    s.informalWorkforce !== null && s.informalWorkforce > 0
      ? {
          value: Math.max(s.informalWorkforce - s.activeMembers, 0),
          persons: Math.min(s.activeMembers, Math.max(s.informalWorkforce - s.activeMembers, 0)),
        }
      : { value: null, persons: 0 },
  // A rate reveals its numerator as much as its denominator (as in the summary).
  lapseRate: (s) => ({ value: s.lapseRate, persons: Math.min(s.stoppedMembers, s.previousActiveMembers) }),
  newEnrolments: (s) => ({ value: s.newEnrolments, persons: s.newEnrolments }),
  claimsPaidCount: (s) => ({ value: s.claimsPaidCount, persons: s.claimsPaidCount }),
  claimsPaidAmount: (s) => ({ value: s.claimsPaidAmount, persons: s.claimsPaidCount }),
};

/** The metrics that a missing denominator or members leave empty, with the reason. */
const NEEDS_DENOMINATOR: ReadonlySet<MapMetric> = new Set(['coverageRate', 'uncoveredWorkers']);

/** The additive figure a metric gives back (the workforce is public): its state is the metric's. */
const BASE_METRIC: Partial<Record<MapMetric, AdditiveMetric>> = {
  coverageRate: 'activeMembers',
  activeMembers: 'activeMembers',
  uncoveredWorkers: 'activeMembers',
  newEnrolments: 'newEnrolments',
  claimsPaidCount: 'claimsPaidCount',
  claimsPaidAmount: 'claimsPaidAmount',
};

/**
 * A village's value of a metric as the caller may see it: "<5" below five persons, and "x" where the
 * village's figure is withheld among its siblings (`states`, complementary suppression).
 */
export function metricFigure(summary: VillageSummary, metric: MapMetric, suppress: boolean, states?: CellStates): Figure | null {
  const { value, persons } = METRIC_VALUES[metric](summary);
  if (!suppress || value === null) return value;
  const base = BASE_METRIC[metric];
  const state = base && states ? states[base] : undefined;
  return state && state !== 'shown' ? shown(value, state) : suppressSmall(value, persons);
}

/** Whether a village of the region (in the caller's scope) has a polygon to draw. */
export async function regionHasShapes(db: Database, args: { caller: Caller; regionCode?: string | null }): Promise<boolean> {
  const { scope } = await resolveScope(db, args.caller, args.regionCode);
  const [row] = await cachedRows<{ found: boolean }>(
    db,
    sql`select exists (select 1 from regions
      where level = 'village' and boundary is not null and ${regionMatch(sql`code`, scope.regionCode)}) as found`,
  );
  return row?.found === true;
}

/**
 * The villages of the caller's region with their polygons and one metric's values, computed by one
 * grouped query (getSummaryByVillage) under the same scope and small-cell rules as the summary.
 */
export async function getMapView(
  db: Database,
  args: { caller: Caller; period: string; metric: MapMetric; regionCode?: string | null },
): Promise<MapView> {
  const { scope, region } = await resolveScope(db, args.caller, args.regionCode);
  const [summaries, shapes, provisional] = await Promise.all([
    getSummaryByVillage(db, { period: args.period, scope }),
    cachedRows<{ code: string; boundary: unknown; boundary_source: BoundarySource | null }>(
      db,
      sql`select code, boundary, boundary_source from regions
        where level = 'village' and ${regionMatch(sql`code`, scope.regionCode)}`,
    ).then((rows) => rows.map((row) => ({ code: row.code, boundary: row.boundary, boundarySource: row.boundary_source }))),
    provisionalTest(db),
  ]);
  const shapeByCode = new Map(shapes.map((shape) => [shape.code, shape]));
  const suppress = suppressesSmallCells(args.caller.role);
  // The villages hide what their own pages and the district's table hide: the region tree protected top-down.
  const rootStates = suppress ? await regionStates(db, { caller: args.caller, regionCode: scope.regionCode, months: [args.period] }) : null;
  const tree = suppress ? villageTreeStates(scope.regionCode, rootStates?.get(args.period) ?? null, summaries) : null;
  const features: MapFeature[] = summaries.map((summary) => {
    const shape = shapeByCode.get(summary.code);
    return {
      type: 'Feature',
      id: summary.code,
      geometry: (shape?.boundary as AreaGeometry | null | undefined) ?? null,
      properties: {
        code: summary.code,
        name: summary.name,
        metric: args.metric,
        value: metricFigure(summary, args.metric, suppress, tree?.get(summary.code)),
        coverageNote: NEEDS_DENOMINATOR.has(args.metric) ? summary.coverageNote : null,
        boundarySource: shape?.boundarySource ?? null,
      },
    };
  });
  const sources = new Set(features.map((f) => f.properties.boundarySource).filter((s) => s !== null));
  return {
    type: 'FeatureCollection',
    period: args.period,
    region: region.code,
    regionName: region.name,
    metric: args.metric,
    boundarySource: sources.has('approximate') ? 'approximate' : sources.has('official') ? 'official' : null,
    provisional: provisional(args.period),
    provisionalUntil: arrearsWindowEnd(args.period),
    features,
  };
}
