// GeoJSON geometry helpers for village boundaries: [longitude, latitude] in WGS 84 (RFC 7946). Villages
// are a few kilometres across, so planar maths on a local equirectangular frame is accurate enough for
// areas, winding and intersection tests.

import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';

/** A GeoJSON position narrowed to the two coordinates boundaries carry (no altitude). */
export type Position = [number, number];
export type Ring = Position[];
export interface PolygonGeometry extends Polygon {
  coordinates: Ring[];
}
export interface MultiPolygonGeometry extends MultiPolygon {
  coordinates: Ring[][];
}
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;
export type AreaCollection = FeatureCollection<AreaGeometry, { code: string }>;

const KM_PER_DEGREE_LAT = 110.574;
const KM_PER_DEGREE_LNG_AT_EQUATOR = 111.32;

/** The polygons of a Polygon or MultiPolygon, each as its rings. */
export function polygonsOf(geometry: AreaGeometry): Ring[][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** Twice the signed area in degree units; positive when the ring runs counter-clockwise (x = lng, y = lat). */
export function ringSignedArea2(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[i + 1]!;
    sum += x1 * y2 - x2 * y1;
  }
  return sum;
}

function orient(ring: Ring, counterClockwise: boolean): Ring {
  const ccw = ringSignedArea2(ring) > 0;
  return ccw === counterClockwise ? ring : [...ring].reverse();
}

/**
 * RFC 7946's winding: exterior rings counter-clockwise, holes clockwise. d3-geo reads rings on the sphere
 * the other way round (a small counter-clockwise ring is "everything but" that ring), so the renderer
 * asks for `forD3`.
 */
export function rewind<G extends AreaGeometry>(geometry: G, options: { forD3?: boolean } = {}): G {
  const exteriorCcw = !options.forD3;
  const fix = (rings: Ring[]) => rings.map((ring, i) => orient(ring, i === 0 ? exteriorCcw : !exteriorCcw));
  if (geometry.type === 'Polygon') return { ...geometry, coordinates: fix(geometry.coordinates) };
  return { ...geometry, coordinates: (geometry as MultiPolygonGeometry).coordinates.map(fix) } as G;
}

/** Area in km² (exterior rings less holes), on a local equirectangular frame. */
export function areaKm2(geometry: AreaGeometry): number {
  let total = 0;
  for (const rings of polygonsOf(geometry)) {
    rings.forEach((ring, i) => {
      const lat0 = ring[0]?.[1] ?? 0;
      const kx = KM_PER_DEGREE_LNG_AT_EQUATOR * Math.cos((lat0 * Math.PI) / 180);
      const a = Math.abs(ringSignedArea2(ring)) / 2 * kx * KM_PER_DEGREE_LAT;
      total += i === 0 ? a : -a;
    });
  }
  return total;
}

/** A local planar frame in km around a reference point, and back. */
export function localFrame(lng0: number, lat0: number) {
  const kx = KM_PER_DEGREE_LNG_AT_EQUATOR * Math.cos((lat0 * Math.PI) / 180);
  return {
    toKm: ([lng, lat]: Position): Position => [(lng - lng0) * kx, (lat - lat0) * KM_PER_DEGREE_LAT],
    toLngLat: ([x, y]: Position): Position => [lng0 + x / kx, lat0 + y / KM_PER_DEGREE_LAT],
  };
}

type Segment = [Position, Position];

function cross(o: Position, a: Position, b: Position): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

function onSegment(p: Position, q: Position, r: Position): boolean {
  return (
    Math.min(p[0], r[0]) <= q[0] && q[0] <= Math.max(p[0], r[0]) &&
    Math.min(p[1], r[1]) <= q[1] && q[1] <= Math.max(p[1], r[1])
  );
}

function samePoint(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/**
 * Whether two segments cross or overlap. Touching at a shared end point is allowed (neighbouring edges
 * of a ring, or two rings that meet at one vertex, as simplified official data sometimes has).
 */
export function segmentsConflict([a, b]: Segment, [c, d]: Segment): boolean {
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  const shared = samePoint(a, c) || samePoint(a, d) || samePoint(b, c) || samePoint(b, d);
  // Collinear overlap: more than a shared end point in common.
  if (d1 === 0 && d2 === 0 && d3 === 0 && d4 === 0) {
    const overlaps =
      (onSegment(c, a, d) && !samePoint(a, c) && !samePoint(a, d)) ||
      (onSegment(c, b, d) && !samePoint(b, c) && !samePoint(b, d)) ||
      (onSegment(a, c, b) && !samePoint(c, a) && !samePoint(c, b)) ||
      (onSegment(a, d, b) && !samePoint(d, a) && !samePoint(d, b));
    return overlaps || (samePoint(a, c) && samePoint(b, d)) || (samePoint(a, d) && samePoint(b, c));
  }
  if (shared) return false;
  // An end point lying on the other segment's interior.
  return (
    (d1 === 0 && onSegment(c, a, d)) ||
    (d2 === 0 && onSegment(c, b, d)) ||
    (d3 === 0 && onSegment(a, c, b)) ||
    (d4 === 0 && onSegment(a, d, b))
  );
}

/**
 * True when the rings of one polygon cross themselves or each other. A sweep over the segments sorted by
 * their left end keeps this near n log n for real boundaries (a 5 MB file has ~10⁵ vertices).
 */
export function polygonSelfIntersects(rings: readonly Ring[]): boolean {
  interface Item {
    seg: Segment;
    ring: number;
    index: number;
    size: number;
    minX: number;
    maxX: number;
  }
  const items: Item[] = [];
  rings.forEach((ring, r) => {
    const size = ring.length - 1;
    for (let i = 0; i < size; i++) {
      const a = ring[i]!;
      const b = ring[i + 1]!;
      if (samePoint(a, b)) continue;
      items.push({ seg: [a, b], ring: r, index: i, size, minX: Math.min(a[0], b[0]), maxX: Math.max(a[0], b[0]) });
    }
  });
  items.sort((p, q) => p.minX - q.minX);
  const active: Item[] = [];
  for (const item of items) {
    for (let k = active.length - 1; k >= 0; k--) {
      if (active[k]!.maxX < item.minX) active.splice(k, 1);
    }
    for (const other of active) {
      const adjacent =
        other.ring === item.ring &&
        (Math.abs(other.index - item.index) === 1 || Math.abs(other.index - item.index) === item.size - 1);
      if (adjacent) {
        // Neighbours share one end point; they conflict only when they fold back onto each other.
        const [a, b] = item.seg;
        const [c, d] = other.seg;
        if (cross(a, b, c) === 0 && cross(a, b, d) === 0) {
          const far = samePoint(b, c) ? d : samePoint(a, d) ? c : samePoint(a, c) ? d : c;
          const near = samePoint(b, c) || samePoint(b, d) ? b : a;
          const from = near === b ? a : b;
          // Folding back: the far end lies on the same side of the shared point as this segment.
          if ((far[0] - near[0]) * (from[0] - near[0]) + (far[1] - near[1]) * (from[1] - near[1]) > 0) return true;
        }
        continue;
      }
      if (segmentsConflict(item.seg, other.seg)) return true;
    }
    active.push(item);
  }
  return false;
}

/** Where segments AB and CD cross at a point inside both (not at an end of either), or null. */
function properCrossing(a: Position, b: Position, c: Position, d: Position): Position | null {
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  if (!(((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))) return null;
  const t = d1 / (d1 - d2);
  return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
}

/**
 * A closed ring that crosses itself, cut at each crossing into simple closed loops. Null when it also
 * touches or overlaps itself in a way cutting cannot untangle.
 */
export function splitAtCrossings(ring: Ring, depth = 0): Ring[] | null {
  if (depth > 32) return null;
  const n = ring.length - 1;
  for (let i = 0; i < n; i++) {
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue;
      const p = properCrossing(ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!);
      if (!p) continue;
      const loop = splitAtCrossings([p, ...ring.slice(i + 1, j + 1), p], depth + 1);
      const rest = splitAtCrossings([...ring.slice(0, i + 1), p, ...ring.slice(j + 1)], depth + 1);
      return loop && rest ? [...rest, ...loop] : null;
    }
  }
  return ring.length >= 4 && !polygonSelfIntersects([ring]) ? [ring] : null;
}
