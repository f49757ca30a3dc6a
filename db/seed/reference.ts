// The demo's reference data: what Payung ships (db/reference/) plus the demo's coverage targets per
// village, which a real office sets for itself.
import type { Database } from '../index';
import { coverageTargets } from '../schema';
import { loadReferenceData } from '../reference/load';
import { VILLAGES, type VillageZone } from '../reference/shipped';
import { fillApproximateBoundaries } from './geometry';

/** Coverage-rate targets (percent) per village for 2025–2027: town villages aim higher. */
export function coverageTargetsFor(): { regionCode: string; year: number; targetRate: number }[] {
  const base: Record<VillageZone, number> = { market: 14, near_market: 13, rural_south_west: 11, rural_other: 10 };
  const rows: { regionCode: string; year: number; targetRate: number }[] = [];
  for (const year of [2025, 2026, 2027]) {
    for (const v of VILLAGES) rows.push({ regionCode: v.code, year, targetRate: base[v.zone] + (year - 2025) * 3 });
  }
  return rows;
}

/**
 * The shipped reference data (loaded if this database lacks its version), approximate polygons for the
 * villages it gives a centroid, and the demo's coverage targets.
 */
export async function insertReferenceData(db: Database): Promise<void> {
  await loadReferenceData(db);
  await fillApproximateBoundaries(db);
  await db.insert(coverageTargets).values(coverageTargetsFor()).onConflictDoNothing();
}
