// Approximate village boundaries, made from the villages' real centroids and approximate areas
// (domain-facts §5.2) until an admin loads official ones. Computed once, at seeding or at the first start
// of a database that has none, and stored in regions.boundary with boundary_source = 'approximate'.
//
// The district outline is the convex hull of one circle per village (radius from its area, scaled so the
// outline's area is the villages' total). Each village's polygon is its cell of a power diagram (a
// Voronoi diagram weighted by area, so that large rural villages get large cells) inside that outline.
// It is a picture of where the villages lie relative to each other, not a survey.
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Database } from '../index';
import { regions } from '../schema';
import { localFrame, ringSignedArea2, type PolygonGeometry, type Position } from '@/domain/geo/geometry';

export interface VillageSite {
  code: string;
  lat: number;
  lng: number;
  /** Approximate area in km²; null when unknown (the median is used). */
  areaKm2: number | null;
}

const CIRCLE_STEPS = 48;

function planarArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[(i + 1) % ring.length]!;
    sum += x1 * y2 - x2 * y1;
  }
  return sum / 2;
}

/** Andrew's monotone chain; counter-clockwise, not closed. */
function convexHull(points: Position[]): Position[] {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const cross = (o: Position, a: Position, b: Position) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: Position[] = [];
  for (const p of sorted) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: Position[] = [];
  for (const p of [...sorted].reverse()) {
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0) upper.pop();
    upper.push(p);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

/** Keeps the part of a convex polygon where a·x + b·y ≤ c (Sutherland–Hodgman against one half-plane). */
function clipHalfPlane(polygon: Position[], a: number, b: number, c: number): Position[] {
  const out: Position[] = [];
  const inside = (p: Position) => a * p[0] + b * p[1] <= c;
  for (let i = 0; i < polygon.length; i++) {
    const current = polygon[i]!;
    const next = polygon[(i + 1) % polygon.length]!;
    const currentIn = inside(current);
    const nextIn = inside(next);
    if (currentIn) out.push(current);
    if (currentIn !== nextIn) {
      const fc = a * current[0] + b * current[1] - c;
      const fn = a * next[0] + b * next[1] - c;
      const t = fc / (fc - fn);
      out.push([current[0] + t * (next[0] - current[0]), current[1] + t * (next[1] - current[1])]);
    }
  }
  return out;
}

function pointInConvex(polygon: Position[], p: Position): boolean {
  if (polygon.length < 3) return false;
  for (let i = 0; i < polygon.length; i++) {
    const a = polygon[i]!;
    const b = polygon[(i + 1) % polygon.length]!;
    if ((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]) < 0) return false;
  }
  return true;
}

function outline(points: Position[], radii: number[], scale: number): Position[] {
  const samples: Position[] = [];
  points.forEach(([x, y], i) => {
    for (let k = 0; k < CIRCLE_STEPS; k++) {
      const angle = (2 * Math.PI * k) / CIRCLE_STEPS;
      samples.push([x + radii[i]! * scale * Math.cos(angle), y + radii[i]! * scale * Math.sin(angle)]);
    }
  });
  return convexHull(samples);
}

/** Power cells of the points inside `bounds`, each weight `alpha · r²`. */
function powerCells(points: Position[], radii: number[], bounds: Position[], alpha: number): Position[][] {
  return points.map((p, i) => {
    let cell = bounds;
    points.forEach((q, j) => {
      if (i === j) return;
      // |x−p|² − wᵢ ≤ |x−q|² − wⱼ  ⇔  2(q−p)·x ≤ |q|² − |p|² − wⱼ + wᵢ
      const wi = alpha * radii[i]! ** 2;
      const wj = alpha * radii[j]! ** 2;
      cell = clipHalfPlane(
        cell,
        2 * (q[0] - p[0]),
        2 * (q[1] - p[1]),
        q[0] ** 2 + q[1] ** 2 - p[0] ** 2 - p[1] ** 2 - wj + wi,
      );
    });
    return cell;
  });
}

/**
 * The approximate polygons of a district's villages (pure and deterministic). Villages are weighted as
 * strongly as possible while each cell still contains its own centroid.
 */
export function approximateBoundaries(sites: readonly VillageSite[]): Map<string, PolygonGeometry> {
  const result = new Map<string, PolygonGeometry>();
  if (sites.length === 0) return result;
  const lat0 = sites.reduce((s, v) => s + v.lat, 0) / sites.length;
  const lng0 = sites.reduce((s, v) => s + v.lng, 0) / sites.length;
  const frame = localFrame(lng0, lat0);
  const points = sites.map((v) => frame.toKm([v.lng, v.lat]));
  const known = sites.map((v) => v.areaKm2).filter((a): a is number => a !== null && a > 0).sort((a, b) => a - b);
  const median = known.length > 0 ? known[Math.floor(known.length / 2)]! : 4;
  const areas = sites.map((v) => (v.areaKm2 && v.areaKm2 > 0 ? v.areaKm2 : median));
  const radii = areas.map((a) => Math.sqrt(a / Math.PI));
  const total = areas.reduce((a, b) => a + b, 0);

  // Scale the circles until the outline encloses the villages' total area.
  let low = 0.1;
  let high = 5;
  for (let k = 0; k < 40; k++) {
    const mid = (low + high) / 2;
    if (planarArea(outline(points, radii, mid)) < total) low = mid;
    else high = mid;
  }
  const bounds = outline(points, radii, (low + high) / 2);

  let best: Position[][] = powerCells(points, radii, bounds, 0);
  let bestError = Infinity;
  for (let alpha = 0; alpha <= 1.5001; alpha += 0.05) {
    const cells = powerCells(points, radii, bounds, alpha);
    if (!cells.every((cell, i) => pointInConvex(cell, points[i]!))) continue;
    const error = cells.reduce((e, cell, i) => e + Math.abs(Math.log(Math.max(planarArea(cell), 1e-6) / areas[i]!)), 0);
    if (error < bestError) {
      bestError = error;
      best = cells;
    }
  }

  sites.forEach((site, i) => {
    const cell = best[i]!;
    const ring = cell.map((p) => frame.toLngLat(p)).map(([lng, lat]): Position => [round6(lng), round6(lat)]);
    ring.push([ring[0]![0], ring[0]![1]]);
    result.set(site.code, { type: 'Polygon', coordinates: [ringSignedArea2(ring) > 0 ? ring : ring.reverse()] });
  });
  return result;
}

const round6 = (value: number) => Math.round(value * 1e6) / 1e6;

/**
 * Stores approximate polygons for villages that have a centroid but no boundary yet, district by
 * district (a start step for databases seeded before boundaries existed; a no-op once they are there).
 * Returns how many villages got one.
 */
export async function fillApproximateBoundaries(db: Database): Promise<number> {
  const missing = await db
    .selectDistinct({ parentCode: regions.parentCode })
    .from(regions)
    .where(and(eq(regions.level, 'village'), isNull(regions.boundary), isNotNull(regions.centroidLat)));
  let filled = 0;
  for (const { parentCode } of missing) {
    if (!parentCode) continue;
    const villages = await db
      .select({
        code: regions.code,
        lat: regions.centroidLat,
        lng: regions.centroidLng,
        areaKm2: regions.areaKm2,
        hasBoundary: sql<boolean>`${regions.boundary} is not null`,
      })
      .from(regions)
      .where(and(eq(regions.level, 'village'), eq(regions.parentCode, parentCode), isNotNull(regions.centroidLat)));
    const sites = villages
      .filter((v) => v.lat !== null && v.lng !== null)
      .map((v) => ({ code: v.code, lat: v.lat!, lng: v.lng!, areaKm2: v.areaKm2 }));
    const polygons = approximateBoundaries(sites);
    for (const village of villages) {
      const polygon = polygons.get(village.code);
      if (village.hasBoundary || !polygon) continue;
      await db
        .update(regions)
        .set({ boundary: polygon, boundarySource: 'approximate' })
        .where(and(eq(regions.code, village.code), isNull(regions.boundary)));
      filled++;
    }
  }
  return filled;
}
