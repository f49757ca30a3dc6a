// The map on the demo seed, on both engines: the approximate boundaries are there from the seed, the map's
// values equal the summary's for each village under every role's rules, and official boundaries load
// only from a good file, by an admin, all at once, with an audit entry.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '@/db';
import { applyBoundaryUpload, previewBoundaryUpload } from '@/server/boundaries';
import { getMapView } from '@/server/map';
import { getSummaryView } from '@/server/summary';
import { type SummaryView } from '@/contracts/summary';
import { seedDemo } from '@/db/seed';
import { fillApproximateBoundaries } from '@/db/seed/geometry';
import type { Caller } from '@/server/auth/caller';
import { AppError } from '@/domain/errors';
import { MAX_BOUNDARY_FILE_BYTES, parseBoundaryFile } from '@/domain/geo/boundary-file';
import { rewind, type AreaGeometry } from '@/domain/geo/geometry';
import { MAP_METRICS, type MapMetric } from '@/domain/map-metrics';
import { parseParams } from '@/contracts/params';
import { mapContract } from '@/contracts/map';
import { ENGINES, createTestDatabase, type TestDatabase } from '../helpers/databases';

const AS_OF = '2026-11-25';
const OFFICIAL_FILE = path.resolve(process.cwd(), '..', 'shared', 'data', 'ajibarang-villages.geojson');
const hasOfficialFile = fs.existsSync(OFFICIAL_FILE);

/** What the summary of one village says a map metric is. */
function expectedValue(summary: SummaryView, metric: MapMetric) {
  if (metric === 'uncoveredWorkers') {
    if (summary.activeMembers === '<5' || summary.activeMembers === 'x') return summary.activeMembers;
    return summary.informalWorkforce !== null && summary.informalWorkforce > 0
      ? Math.max(summary.informalWorkforce - summary.activeMembers, 0)
      : null;
  }
  return summary[metric];
}

describe.each(ENGINES)('map on %s', (engine) => {
  let database: TestDatabase;
  const callers: Record<string, Caller> = {};
  const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(database.db, query);

  /** Every village's boundary and source, and the audit log's size: "nothing changed" means these are equal. */
  const snapshot = async () => ({
    regions: await rows<{ code: string; boundary: string | null; source: string | null }>(
      sql`select code, boundary::text as boundary, boundary_source as source from regions order by code`,
    ),
    audit: await rows<{ n: number }>(sql`select count(*)::int as n from audit_log`),
  });

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await seedDemo(database, { asOf: AS_OF });
    const users = await rows<{ id: number; email: string; name: string; role: Caller['role']; region_code: string | null }>(
      sql`select id, email, name, role, region_code from users`,
    );
    for (const user of users) {
      callers[user.email.split('@')[0]!] = {
        userId: user.id,
        email: user.email,
        name: user.name,
        role: user.role,
        regionCode: user.region_code,
      };
    }
  });

  afterAll(async () => {
    await database?.destroy();
  });

  it('has an approximate polygon for every village from the seed, and fills none twice', async () => {
    const villages = await rows<{ code: string; name: string; boundary: AreaGeometry; source: string }>(
      sql`select code, name, boundary, boundary_source as source from regions where parent_code = '33.02.14' order by code`,
    );
    expect(villages).toHaveLength(15);
    expect(villages.every((v) => v.source === 'approximate' && v.boundary?.type === 'Polygon')).toBe(true);
    const text = JSON.stringify({
      type: 'FeatureCollection',
      features: villages.map((v) => ({ type: 'Feature', properties: { kode: v.code }, geometry: v.boundary })),
    });
    expect(parseBoundaryFile(text, new Map(villages.map((v) => [v.code, v.name]))).ok).toBe(true);
    expect(await fillApproximateBoundaries(database.db)).toBe(0);
  });

  it('fills approximate polygons into a database seeded before they existed', async () => {
    await database.db.execute(
      sql`update regions set boundary = null, boundary_source = null where code in ('33.02.14.2001', '33.02.14.2002')`,
    );
    expect(await fillApproximateBoundaries(database.db)).toBe(2);
    const [row] = await rows<{ n: number }>(
      sql`select count(*)::int as n from regions where level = 'village' and boundary_source = 'approximate'`,
    );
    expect(row?.n).toBe(15);
  });

  for (const who of ['officer', 'district', 'supervisor', 'admin'] as const) {
    it(`gives ${who} the summary's value for every village and metric`, async () => {
      const caller = callers[who]!;
      for (const period of ['2026-10', '2026-03']) {
        const summaries = new Map<string, SummaryView>();
        for (const metric of MAP_METRICS) {
          const view = await getMapView(database.db, { caller, period, metric });
          expect(view).toMatchObject({ type: 'FeatureCollection', period, metric, region: '33.02.14' });
          expect(view.boundarySource).toBe('approximate');
          expect(view.features).toHaveLength(15);
          for (const feature of view.features) {
            const { code } = feature.properties;
            expect(feature).toMatchObject({ type: 'Feature', id: code, properties: { metric } });
            expect(feature.geometry?.type).toBe('Polygon');
            if (!summaries.has(code)) {
              summaries.set(code, await getSummaryView(database.db, { caller, period, regionCode: code }));
            }
            const summary = summaries.get(code)!;
            expect(feature.properties.name).toBe(summary.regionName);
            expect([code, metric, feature.properties.value]).toEqual([code, metric, expectedValue(summary, metric)]);
          }
        }
      }
    });
  }

  it('suppresses small cells for the district official only, and never leaks personal data', async () => {
    const view = await getMapView(database.db, { caller: callers.district!, period: '2026-10', metric: 'claimsPaidCount' });
    const officer = await getMapView(database.db, { caller: callers.officer!, period: '2026-10', metric: 'claimsPaidCount' });
    officer.features.forEach((feature, i) => {
      const value = feature.properties.value as number;
      expect(view.features[i]!.properties.value).toBe(value < 5 ? '<5' : value);
    });
    expect(JSON.stringify(view)).not.toMatch(/nik|phone|address/i);
  });

  it('keeps to a village official’s region and refuses one outside it', async () => {
    const village = await getMapView(database.db, {
      caller: callers.officer!,
      period: '2026-10',
      metric: 'activeMembers',
      regionCode: '33.02.14.2011',
    });
    expect(village.features.map((f) => f.properties.code)).toEqual(['33.02.14.2011']);
    const limited = { ...callers.district!, regionCode: '33.02.14.2011' };
    await expect(
      getMapView(database.db, { caller: limited, period: '2026-10', metric: 'activeMembers', regionCode: '33.02.14' }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it('refuses an unknown metric with 400', () => {
    const metric = (value?: string) => parseParams(mapContract.params, { metric: value }).metric;
    expect(() => metric('members')).toThrow(AppError);
    try {
      metric('members');
    } catch (error) {
      expect(error).toMatchObject({ status: 400, code: 'bad_metric', param: 'metric' });
      expect((error as AppError).localizedMessage('id')).toContain('coverageRate');
    }
    expect(metric(undefined)).toBe('coverageRate');
  });

  describe('official boundaries', () => {
    const square = [
      [109.097, -7.411],
      [109.106, -7.411],
      [109.106, -7.42],
      [109.097, -7.42],
      [109.097, -7.411],
    ];
    const file = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
    const kalibenda = (geometry: unknown, properties: Record<string, unknown> = { kode: '33.02.14.2006' }) => ({
      type: 'Feature',
      properties,
      geometry,
    });
    const upload = (text: string, byteLength = Buffer.byteLength(text)) => ({ text, byteLength, fileName: 'test.geojson' });

    const badFiles: [string, string, string, number, RegExp][] = [
      ['not JSON', '<html>oops</html>', 'boundary_not_json', 400, /bukan JSON yang valid/],
      ['of the wrong type', JSON.stringify({ type: 'GeometryCollection', geometries: [] }), 'boundary_not_feature_collection', 400, /FeatureCollection/],
      ['with an unknown code', file([kalibenda({ type: 'Polygon', coordinates: [square] }, { kode: '33.02.14.2099' })]), 'boundary_unknown_code', 400, /33\.02\.14\.2099/],
      [
        'with a self-intersecting polygon',
        file([kalibenda({ type: 'Polygon', coordinates: [[square[0], square[2], square[1], square[3], square[0]]] })]),
        'boundary_self_intersection',
        400,
        /Kalibenda.*berpotongan/,
      ],
      ['with an empty polygon', file([kalibenda({ type: 'Polygon', coordinates: [] })]), 'boundary_empty_geometry', 400, /kosong/],
      [
        'with coordinates in Jakarta',
        file([kalibenda({ type: 'Polygon', coordinates: [square.map(([x, y]) => [x! - 2.27, y! + 1.2])] })]),
        'boundary_outside_banyumas',
        400,
        /di luar Kabupaten Banyumas/,
      ],
      [
        'too large',
        file([kalibenda({ type: 'Polygon', coordinates: [square] }, { kode: '33.02.14.2006', padding: 'x'.repeat(MAX_BOUNDARY_FILE_BYTES) })]),
        'boundary_too_large',
        413,
        /terlalu besar/,
      ],
    ];

    it.each(badFiles)('refuses a file %s with its message, and changes nothing', async (_name, text, code, status, message) => {
      const before = await snapshot();
      for (const run of [previewBoundaryUpload, applyBoundaryUpload]) {
        const error = await run(database.db, { caller: callers.admin!, upload: upload(text) }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(AppError);
        expect(error).toMatchObject({ code, status });
        expect((error as AppError).localizedMessage('id')).toMatch(message);
        expect((error as AppError).localizedMessage('en').length).toBeGreaterThan(10);
      }
      expect(await snapshot()).toEqual(before);
    });

    it('lets only an admin load boundaries', async () => {
      const before = await snapshot();
      const text = file([kalibenda({ type: 'Polygon', coordinates: [square] })]);
      for (const who of ['officer', 'district', 'supervisor'] as const) {
        await expect(applyBoundaryUpload(database.db, { caller: callers[who]!, upload: upload(text) })).rejects.toMatchObject({
          status: 403,
        });
        await expect(previewBoundaryUpload(database.db, { caller: callers[who]!, upload: upload(text) })).rejects.toMatchObject({
          status: 403,
        });
      }
      expect(await snapshot()).toEqual(before);
    });

    it.skipIf(!hasOfficialFile)('previews, then replaces one village’s polygon from the official file', async () => {
      const official = JSON.parse(fs.readFileSync(OFFICIAL_FILE, 'utf8')) as {
        features: { properties: { kode: string }; geometry: AreaGeometry }[];
      };
      const one = official.features.find((f) => f.properties.kode === '33.02.14.2011')!;
      // Without dots, under `kode_desa`, as some publishers write it.
      const text = file([{ ...one, properties: { kode_desa: '3302142011' } }]);
      const before = await snapshot();

      const preview = await previewBoundaryUpload(database.db, { caller: callers.admin!, upload: upload(text) });
      expect(preview.changes).toEqual([
        expect.objectContaining({ code: '33.02.14.2011', name: 'Ajibarang Kulon', boundarySource: 'approximate' }),
      ]);
      expect(preview.changes[0]!.areaKm2).toBeCloseTo(2.45, 1);
      expect(preview.unchanged).toHaveLength(14);
      expect(await snapshot()).toEqual(before);

      await applyBoundaryUpload(database.db, { caller: callers.admin!, upload: upload(text), ip: '127.0.0.1' });
      const after = await snapshot();
      const changed = after.regions.filter((row, i) => JSON.stringify(row) !== JSON.stringify(before.regions[i]));
      expect(changed.map((row) => [row.code, row.source])).toEqual([['33.02.14.2011', 'official']]);
      expect(JSON.parse(changed[0]!.boundary!)).toEqual(rewind(one.geometry));

      const [audit] = await rows<{ action: string; user_id: number; details: { codes: string[]; count: number } }>(
        sql`select action, user_id, details from audit_log order by id desc limit 1`,
      );
      expect(audit).toMatchObject({ action: 'boundaries_replaced', user_id: callers.admin!.userId });
      expect(audit?.details).toMatchObject({ count: 1, codes: ['33.02.14.2011'] });

      const view = await getMapView(database.db, { caller: callers.officer!, period: '2026-10', metric: 'coverageRate' });
      const feature = view.features.find((f) => f.properties.code === '33.02.14.2011')!;
      expect(feature.properties.boundarySource).toBe('official');
      expect(view.boundarySource).toBe('approximate');
    });

    it.skipIf(!hasOfficialFile)('loads the whole official file at once', async () => {
      const upload2 = upload(fs.readFileSync(OFFICIAL_FILE, 'utf8'));
      const result = await applyBoundaryUpload(database.db, { caller: callers.admin!, upload: upload2 });
      expect(result.changes).toHaveLength(15);
      const view = await getMapView(database.db, { caller: callers.officer!, period: '2026-10', metric: 'coverageRate' });
      expect(view.boundarySource).toBe('official');
    });
  });
});
