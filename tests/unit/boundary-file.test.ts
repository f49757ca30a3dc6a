// The checks an official boundary file goes through before anything changes (lib/geo/boundary-file.ts).
import { describe, expect, it } from 'vitest';
import {
  MAX_BOUNDARY_FILE_BYTES,
  normaliseVillageCode,
  parseBoundaryFile,
  type BoundaryIssueKey,
} from '@/domain/geo/boundary-file';
import { areaKm2, polygonSelfIntersects, rewind, ringSignedArea2, type Position } from '@/domain/geo/geometry';

const VILLAGES = new Map([
  ['33.02.14.2006', 'Kalibenda'],
  ['33.02.14.2012', 'Ajibarang Wetan'],
]);

/** A ~1 km square around Kalibenda's centroid, clockwise (as the official file has it). */
const SQUARE: Position[] = [
  [109.097, -7.411],
  [109.106, -7.411],
  [109.106, -7.42],
  [109.097, -7.42],
  [109.097, -7.411],
];

const feature = (properties: Record<string, unknown>, geometry: unknown) => ({ type: 'Feature', properties, geometry });
const collection = (...features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const polygon = (...rings: Position[][]) => ({ type: 'Polygon', coordinates: rings });

function issueOf(text: string, byteLength?: number): BoundaryIssueKey | 'ok' {
  const result = parseBoundaryFile(text, VILLAGES, byteLength);
  return result.ok ? 'ok' : result.issue.key;
}

describe('normaliseVillageCode', () => {
  it('accepts codes with or without dots, as text or number', () => {
    expect(normaliseVillageCode('33.02.14.2006')).toBe('33.02.14.2006');
    expect(normaliseVillageCode('3302142006')).toBe('33.02.14.2006');
    expect(normaliseVillageCode(3302142006)).toBe('33.02.14.2006');
    expect(normaliseVillageCode(' 3302142006 ')).toBe('33.02.14.2006');
  });
  it('refuses anything else', () => {
    for (const bad of ['33.02.14', '33021420', 'Kalibenda', null, undefined, {}]) expect(normaliseVillageCode(bad)).toBeNull();
  });
});

describe('parseBoundaryFile', () => {
  it('accepts a valid polygon under kode, code or kode_desa, and rewinds it to RFC 7946', () => {
    for (const key of ['kode', 'code', 'kode_desa', 'KODE_DESA']) {
      const result = parseBoundaryFile(collection(feature({ [key]: '3302142006' }, polygon(SQUARE))), VILLAGES);
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      const [boundary] = result.boundaries;
      expect(boundary?.code).toBe('33.02.14.2006');
      expect(boundary?.vertices).toBe(4);
      expect(boundary?.areaKm2).toBeCloseTo(0.99 * 0.995, 1);
      const ring = (boundary?.geometry.coordinates[0] ?? []) as Position[];
      expect(ringSignedArea2(ring)).toBeGreaterThan(0);
    }
  });

  it('accepts a MultiPolygon and a polygon with a hole', () => {
    const hole: Position[] = [
      [109.1, -7.414],
      [109.1, -7.416],
      [109.102, -7.416],
      [109.102, -7.414],
      [109.1, -7.414],
    ];
    expect(issueOf(collection(feature({ kode: '33.02.14.2006' }, polygon(SQUARE, hole))))).toBe('ok');
    const multi = { type: 'MultiPolygon', coordinates: [[SQUARE], [SQUARE.map(([x, y]) => [x + 0.02, y] as Position)]] };
    expect(issueOf(collection(feature({ kode: '33.02.14.2012' }, multi)))).toBe('ok');
  });

  const cases: [string, string, BoundaryIssueKey][] = [
    ['not JSON', '{"type": "FeatureCollection", features: [', 'boundaryNotJson'],
    ['a bare Feature', JSON.stringify(feature({ kode: '33.02.14.2006' }, polygon(SQUARE))), 'boundaryNotFeatureCollection'],
    ['an array', '[]', 'boundaryNotFeatureCollection'],
    ['no features', collection(), 'boundaryNoFeatures'],
    ['a feature without a code', collection(feature({ nama: 'Kalibenda' }, polygon(SQUARE))), 'boundaryNoCode'],
    ['an unknown code', collection(feature({ kode: '33.02.14.2099' }, polygon(SQUARE))), 'boundaryUnknownCode'],
    ['a malformed code', collection(feature({ kode: 'Kalibenda' }, polygon(SQUARE))), 'boundaryUnknownCode'],
    [
      'the same village twice',
      collection(feature({ kode: '33.02.14.2006' }, polygon(SQUARE)), feature({ code: '3302142006' }, polygon(SQUARE))),
      'boundaryDuplicateCode',
    ],
    ['a point', collection(feature({ kode: '33.02.14.2006' }, { type: 'Point', coordinates: [109.1, -7.41] })), 'boundaryBadGeometryType'],
    ['no geometry', collection(feature({ kode: '33.02.14.2006' }, null)), 'boundaryEmptyGeometry'],
    ['an empty polygon', collection(feature({ kode: '33.02.14.2006' }, polygon())), 'boundaryEmptyGeometry'],
    ['an empty ring', collection(feature({ kode: '33.02.14.2006' }, polygon([]))), 'boundaryEmptyGeometry'],
    ['an empty MultiPolygon', collection(feature({ kode: '33.02.14.2006' }, { type: 'MultiPolygon', coordinates: [] })), 'boundaryEmptyGeometry'],
    [
      'a ring of one repeated point',
      collection(feature({ kode: '33.02.14.2006' }, polygon([SQUARE[0]!, SQUARE[0]!, SQUARE[0]!, SQUARE[0]!]))),
      'boundaryEmptyGeometry',
    ],
    ['a text coordinate', collection(feature({ kode: '33.02.14.2006' }, polygon([['109.1', '-7.41'], ...SQUARE] as unknown as Position[]))), 'boundaryBadPosition'],
    [
      'a line folded back on itself',
      collection(feature({ kode: '33.02.14.2006' }, polygon([SQUARE[0]!, SQUARE[1]!, SQUARE[0]!, SQUARE[1]!, SQUARE[0]!]))),
      'boundarySelfIntersection',
    ],
    ['three positions', collection(feature({ kode: '33.02.14.2006' }, polygon([SQUARE[0]!, SQUARE[1]!, SQUARE[0]!]))), 'boundaryRingTooShort'],
    ['an open ring', collection(feature({ kode: '33.02.14.2006' }, polygon(SQUARE.slice(0, 4)))), 'boundaryRingNotClosed'],
    [
      'a bow tie',
      collection(
        feature(
          { kode: '33.02.14.2006' },
          polygon([
            [109.097, -7.411],
            [109.106, -7.42],
            [109.106, -7.411],
            [109.097, -7.42],
            [109.097, -7.411],
          ]),
        ),
      ),
      'boundarySelfIntersection',
    ],
    [
      'Jakarta',
      collection(feature({ kode: '33.02.14.2006' }, polygon(SQUARE.map(([x, y]) => [x - 2.3, y + 1.2] as Position)))),
      'boundaryOutsideBanyumas',
    ],
    [
      'swapped latitude and longitude',
      collection(feature({ kode: '33.02.14.2006' }, polygon(SQUARE.map(([x, y]) => [y, x] as Position)))),
      'boundaryOutsideBanyumas',
    ],
  ];
  it.each(cases)('refuses %s', (_name, text, key) => {
    expect(issueOf(text)).toBe(key);
  });

  it('refuses a file over the size limit with 413, before parsing it', () => {
    const result = parseBoundaryFile('not even json', VILLAGES, MAX_BOUNDARY_FILE_BYTES + 1);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issue).toMatchObject({ key: 'boundaryTooLarge', status: 413 });
    }
  });

  it('cuts off a sliver where a simplified outline crossed itself, and says so', () => {
    // A 10 × 10 square whose top edge runs back over a small dip: the dip below the edge is a sliver of
    // 0.03 units² (cut off), the bump above it 0.43 units² of the outline kept.
    const at = ([x, y]: Position): Position => [109.097 + x * 0.0009, -7.42 + y * 0.0009];
    const folded = [[0, 0], [10, 0], [10, 10], [4, 10], [4.2, 9.8], [4.4, 10.2], [0, 10], [0, 0]].map((p) => at(p as Position));
    const result = parseBoundaryFile(collection(feature({ kode: '33.02.14.2006' }, polygon(folded))), VILLAGES);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [kept] = result.boundaries;
    expect(kept?.repaired).toBe(true);
    expect(polygonSelfIntersects(kept!.geometry.coordinates as Position[][])).toBe(false);
    expect(kept!.areaKm2).toBeCloseTo((areaKm2({ type: 'Polygon', coordinates: [SQUARE] }) * 100.43) / 100, 4);
    // A plain square is not "repaired".
    const plain = parseBoundaryFile(collection(feature({ kode: '33.02.14.2006' }, polygon(SQUARE))), VILLAGES);
    expect(plain.ok && plain.boundaries[0]!.repaired).toBe(false);
  });

  it('says which feature and village a problem is in', () => {
    const text = collection(
      feature({ kode: '33.02.14.2006' }, polygon(SQUARE)),
      feature({ kode: '33.02.14.2012' }, polygon(SQUARE.slice(0, 4))),
    );
    const result = parseBoundaryFile(text, VILLAGES);
    expect(result.ok ? null : result.issue.values).toMatchObject({ index: 2, code: '33.02.14.2012', name: 'Ajibarang Wetan' });
  });
});

describe('polygonSelfIntersects', () => {
  const ring = (...points: Position[]) => [...points, points[0]!];
  it('passes simple rings, convex or not', () => {
    expect(polygonSelfIntersects([ring([0, 0], [4, 0], [4, 4], [0, 4])])).toBe(false);
    expect(polygonSelfIntersects([ring([0, 0], [4, 0], [4, 4], [2, 1], [0, 4])])).toBe(false);
  });
  it('finds a crossing, a spike folding back on itself, and a hole crossing the outer ring', () => {
    expect(polygonSelfIntersects([ring([0, 0], [4, 4], [4, 0], [0, 4])])).toBe(true);
    expect(polygonSelfIntersects([ring([0, 0], [4, 0], [2, 0], [2, 3])])).toBe(true);
    expect(polygonSelfIntersects([ring([0, 0], [4, 0], [4, 4], [0, 4]), ring([3, 1], [5, 1], [5, 2], [3, 2])])).toBe(true);
  });
  it('ignores repeated consecutive points', () => {
    expect(polygonSelfIntersects([ring([0, 0], [4, 0], [4, 0], [4, 4], [0, 4])])).toBe(false);
  });
});

describe('rewind and areaKm2', () => {
  it('turns rings for RFC 7946 or for d3-geo without changing the area', () => {
    const geometry = { type: 'Polygon' as const, coordinates: [SQUARE] };
    const rfc = rewind(geometry);
    const d3 = rewind(geometry, { forD3: true });
    expect(ringSignedArea2(rfc.coordinates[0]!)).toBeGreaterThan(0);
    expect(ringSignedArea2(d3.coordinates[0]!)).toBeLessThan(0);
    expect(areaKm2(rfc)).toBeCloseTo(areaKm2(d3), 10);
    // 0.009° × 0.009° at 7.4° S ≈ 0.993 km × 0.995 km
    expect(areaKm2(rfc)).toBeCloseTo(0.988, 2);
  });
});
