// The approximate village polygons the seed stores until official ones are loaded (db/seed/geometry.ts).
import { describe, expect, it } from 'vitest';
import { approximateBoundaries } from '@/db/seed/geometry';
import { VILLAGES } from '@/db/reference/shipped';
import { parseBoundaryFile } from '@/domain/geo/boundary-file';
import { areaKm2, polygonSelfIntersects, type Position } from '@/domain/geo/geometry';

const sites = VILLAGES.map((v) => ({ code: v.code, lat: v.centroidLat, lng: v.centroidLng, areaKm2: v.areaKm2 }));

function contains(ring: Position[], [x, y]: Position): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

describe('approximateBoundaries', () => {
  const polygons = approximateBoundaries(sites);

  it('gives every village one simple polygon around its own centroid', () => {
    expect(polygons.size).toBe(15);
    for (const village of VILLAGES) {
      const polygon = polygons.get(village.code)!;
      const ring = polygon.coordinates[0]!;
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      expect(polygonSelfIntersects(polygon.coordinates)).toBe(false);
      expect(contains(ring, [village.centroidLng, village.centroidLat])).toBe(true);
    }
  });

  it('sizes the villages roughly as their real areas, the district as their sum', () => {
    let total = 0;
    for (const village of VILLAGES) {
      const area = areaKm2(polygons.get(village.code)!);
      total += area;
      expect(area / village.areaKm2).toBeGreaterThan(0.6);
      expect(area / village.areaKm2).toBeLessThan(1.6);
    }
    const expected = VILLAGES.reduce((sum, v) => sum + v.areaKm2, 0);
    expect(Math.abs(total - expected) / expected).toBeLessThan(0.05);
  });

  it('passes the same checks as an official file, and is the same every time', () => {
    const text = JSON.stringify({
      type: 'FeatureCollection',
      features: [...polygons].map(([kode, geometry]) => ({ type: 'Feature', properties: { kode }, geometry })),
    });
    const result = parseBoundaryFile(text, new Map(VILLAGES.map((v) => [v.code, v.name])));
    expect(result.ok).toBe(true);
    expect(approximateBoundaries(sites)).toEqual(polygons);
  });
});
