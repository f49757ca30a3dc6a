// Validation of an official village-boundary file (a GeoJSON FeatureCollection as published by BIG or
// BPS) before anything in the database changes. Pure: the data layer hands in the village codes it knows
// and turns the first problem found into a localized message.
import {
  areaKm2,
  polygonSelfIntersects,
  rewind,
  ringSignedArea2,
  splitAtCrossings,
  type AreaGeometry,
  type Position,
  type Ring,
} from '@/domain/geo/geometry';

/** 5 MB: Ajibarang's simplified official file is ~40 kB; a detailed kabupaten file stays well under. */
export const MAX_BOUNDARY_FILE_BYTES = 5 * 1024 * 1024;

/** Kabupaten Banyumas, generously: anything outside is another place or swapped [lat, lng]. */
export const BANYUMAS_BBOX = { minLng: 108.8, maxLng: 109.5, minLat: -7.8, maxLat: -7.1 } as const;

/** The properties that may carry the Kemendagri village code, matched case-insensitively. */
export const CODE_PROPERTIES = ['kode', 'code', 'kode_desa'] as const;

export type BoundaryIssueKey =
  | 'boundaryTooLarge'
  | 'boundaryNotJson'
  | 'boundaryNotFeatureCollection'
  | 'boundaryNoFeatures'
  | 'boundaryNotFeature'
  | 'boundaryNoCode'
  | 'boundaryUnknownCode'
  | 'boundaryDuplicateCode'
  | 'boundaryBadGeometryType'
  | 'boundaryEmptyGeometry'
  | 'boundaryBadPosition'
  | 'boundaryRingTooShort'
  | 'boundaryRingNotClosed'
  | 'boundarySelfIntersection'
  | 'boundaryOutsideBanyumas';

export interface BoundaryIssue {
  key: BoundaryIssueKey;
  /** 413 for a file over the limit, 400 otherwise. */
  status: 400 | 413;
  values: Record<string, string | number>;
}

export interface ParsedBoundary {
  code: string;
  geometry: AreaGeometry;
  vertices: number;
  areaKm2: number;
  /** A sliver where the simplified outline crossed itself was cut off. */
  repaired: boolean;
}

/** Loops cut off where an outline crosses itself are slivers of simplification up to this share of it. */
const SLIVER_SHARE = 0.01;

/**
 * A simplified outline (Douglas–Peucker) can fold over itself where it was narrow, leaving a sliver on the
 * wrong side of an edge (two of Banyumas's 331 villages). An outer ring without holes whose crossings
 * only cut off slivers is kept without them; anything else that crosses itself is refused.
 */
function withoutSlivers(rings: Ring[]): Ring | null {
  if (rings.length !== 1) return null;
  const loops = splitAtCrossings(rings[0]!);
  if (!loops) return null;
  const sized = loops.map((loop) => ({ loop, area: Math.abs(ringSignedArea2(loop)) })).sort((a, b) => b.area - a.area);
  const total = sized.reduce((sum, l) => sum + l.area, 0);
  const main = sized[0];
  if (!main || total - main.area > SLIVER_SHARE * total) return null;
  return main.loop;
}

export type BoundaryFileResult = { ok: true; boundaries: ParsedBoundary[] } | { ok: false; issue: BoundaryIssue };

/** `3302142001` or `33.02.14.2001` (or a number) → `33.02.14.2001`; anything else → null. */
export function normaliseVillageCode(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const text = String(value).trim();
  if (/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/.test(text)) return text;
  if (/^\d{10}$/.test(text)) return `${text.slice(0, 2)}.${text.slice(2, 4)}.${text.slice(4, 6)}.${text.slice(6)}`;
  return null;
}

function codeProperty(properties: unknown): unknown {
  if (!properties || typeof properties !== 'object') return undefined;
  const entries = Object.entries(properties as Record<string, unknown>);
  for (const name of CODE_PROPERTIES) {
    const found = entries.find(([key]) => key.toLowerCase() === name);
    if (found && found[1] !== null && found[1] !== undefined && found[1] !== '') return found[1];
  }
  return undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isPosition = (value: unknown): value is Position =>
  Array.isArray(value) &&
  value.length >= 2 &&
  typeof value[0] === 'number' &&
  typeof value[1] === 'number' &&
  Number.isFinite(value[0]) &&
  Number.isFinite(value[1]);

function checkPolygon(
  rings: unknown,
  where: Record<string, string | number>,
): BoundaryIssue | { rings: Ring[]; repaired: boolean } {
  const issue = (key: BoundaryIssueKey, extra: Record<string, string | number> = {}): BoundaryIssue => ({
    key,
    status: 400,
    values: { ...where, ...extra },
  });
  if (!Array.isArray(rings) || rings.length === 0) return issue('boundaryEmptyGeometry');
  const out: Ring[] = [];
  for (const ring of rings) {
    if (!Array.isArray(ring) || ring.length === 0) return issue('boundaryEmptyGeometry');
    const positions: Ring = [];
    for (const position of ring) {
      if (!isPosition(position)) return issue('boundaryBadPosition');
      const [lng, lat] = position;
      if (
        lng < BANYUMAS_BBOX.minLng ||
        lng > BANYUMAS_BBOX.maxLng ||
        lat < BANYUMAS_BBOX.minLat ||
        lat > BANYUMAS_BBOX.maxLat
      ) {
        return issue('boundaryOutsideBanyumas', { lng: Number(lng.toFixed(5)), lat: Number(lat.toFixed(5)) });
      }
      positions.push([lng, lat]);
    }
    if (positions.length < 4) return issue('boundaryRingTooShort', { count: positions.length });
    const first = positions[0]!;
    const last = positions[positions.length - 1]!;
    if (first[0] !== last[0] || first[1] !== last[1]) return issue('boundaryRingNotClosed');
    out.push(positions);
  }
  let repaired = false;
  if (polygonSelfIntersects(out)) {
    const kept = withoutSlivers(out);
    if (!kept) return issue('boundarySelfIntersection');
    out.splice(0, out.length, kept);
    repaired = true;
  }
  // A ring of one repeated point encloses nothing.
  if (areaKm2({ type: 'Polygon', coordinates: [out[0]!] }) <= 0) return issue('boundaryEmptyGeometry');
  return { rings: out, repaired };
}

/**
 * Parses and checks a boundary file. `villages` maps each village code the caller may change to its name.
 * Returns the boundaries, rewound to RFC 7946, or the first problem found.
 */
export function parseBoundaryFile(
  text: string,
  villages: ReadonlyMap<string, string>,
  byteLength = new TextEncoder().encode(text).length,
): BoundaryFileResult {
  const fail = (key: BoundaryIssueKey, values: Record<string, string | number> = {}, status: 400 | 413 = 400) =>
    ({ ok: false, issue: { key, status, values } }) as const;
  if (byteLength > MAX_BOUNDARY_FILE_BYTES) {
    return fail(
      'boundaryTooLarge',
      { size: (byteLength / 1024 / 1024).toFixed(1), limit: MAX_BOUNDARY_FILE_BYTES / 1024 / 1024 },
      413,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return fail('boundaryNotJson');
  }
  if (!isObject(json) || json.type !== 'FeatureCollection') {
    const type = isObject(json) && typeof json.type === 'string' ? json.type : Array.isArray(json) ? 'array' : typeof json;
    return fail('boundaryNotFeatureCollection', { type: type.slice(0, 40) });
  }
  if (!Array.isArray(json.features) || json.features.length === 0) return fail('boundaryNoFeatures');

  const seen = new Map<string, number>();
  const boundaries: ParsedBoundary[] = [];
  for (const [i, feature] of json.features.entries()) {
    const index = i + 1;
    if (!isObject(feature) || feature.type !== 'Feature') return fail('boundaryNotFeature', { index });
    const raw = codeProperty(feature.properties);
    if (raw === undefined) return fail('boundaryNoCode', { index });
    const code = normaliseVillageCode(raw);
    if (!code || !villages.has(code)) return fail('boundaryUnknownCode', { index, code: String(raw).slice(0, 30) });
    const earlier = seen.get(code);
    if (earlier !== undefined) return fail('boundaryDuplicateCode', { index, first: earlier, code });
    seen.set(code, index);
    const where = { index, code, name: villages.get(code) ?? code };

    const geometry = feature.geometry;
    if (!isObject(geometry)) return fail('boundaryEmptyGeometry', where);
    if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') {
      return fail('boundaryBadGeometryType', { ...where, type: String(geometry.type).slice(0, 40) });
    }
    let polygons: unknown[];
    if (geometry.type === 'Polygon') polygons = [geometry.coordinates];
    else if (Array.isArray(geometry.coordinates) && geometry.coordinates.length > 0) polygons = geometry.coordinates;
    else return fail('boundaryEmptyGeometry', where);

    const checked: Ring[][] = [];
    let repaired = false;
    for (const polygon of polygons) {
      const result = checkPolygon(polygon, where);
      if ('key' in result) return { ok: false, issue: result };
      checked.push(result.rings);
      repaired ||= result.repaired;
    }
    const parsed: AreaGeometry =
      geometry.type === 'Polygon'
        ? { type: 'Polygon', coordinates: checked[0]! }
        : { type: 'MultiPolygon', coordinates: checked };
    const rewound = rewind(parsed);
    boundaries.push({
      code,
      geometry: rewound,
      vertices: checked.flat().reduce((n, ring) => n + ring.length - 1, 0),
      areaKm2: areaKm2(rewound),
      repaired,
    });
  }
  return { ok: true, boundaries };
}
