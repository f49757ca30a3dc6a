// The reference data shipped with Payung, on both engines: the first load puts Central Java's official
// regions and the rest in, a second load with the same version writes nothing, and a new version adds and
// updates rows without overwriting what an admin changed in the app.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '@/db';
import { loadReferenceData, shippedReferenceData, type ReferenceDataset } from '@/db/reference/load';
import { readRegionList } from '@/db/reference/regions';
import { VILLAGES } from '@/db/reference/shipped';
import { ENGINES, createTestDatabase, type TestDatabase } from '../helpers/databases';

describe.each(ENGINES)('shipped reference data on %s', (engine) => {
  let database: TestDatabase;
  const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(database.db, query);
  const count = async (query: ReturnType<typeof sql>) => Number((await rows<{ n: number | string }>(query))[0]?.n);
  const occupations = () => shippedReferenceData().find((d) => d.name === 'occupations')!;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it('loads every dataset into an empty database', async () => {
    const loads = await loadReferenceData(database.db);
    expect(loads.map((l) => [l.dataset, l.status, l.inserted, l.updated, l.kept])).toEqual([
      ['regions', 'loaded', 9175, 0, 0],
      ['occupations', 'loaded', 10, 0, 0],
      ['reference_rates', 'loaded', 23, 0, 0],
      ['workforce', 'loaded', 75, 0, 0],
      ['workforce_by_occupation', 'loaded', 750, 0, 0],
    ]);
    const levels = await rows<{ level: string; n: number }>(
      sql`select level, count(*)::int as n from regions group by level order by n`,
    );
    expect(levels).toEqual([
      { level: 'province', n: 1 },
      { level: 'regency', n: 35 },
      { level: 'district', n: 576 },
      { level: 'village', n: 8563 },
    ]);
    // Kabupaten Banyumas: 27 kecamatan, 331 desa/kelurahan, with their official names.
    expect(await count(sql`select count(*) as n from regions where parent_code = '33.02'`)).toBe(27);
    expect(await count(sql`select count(*) as n from regions where level = 'village' and code like '33.02.%'`)).toBe(331);
    const [banyumas] = await rows<{ name: string }>(sql`select name from regions where code = '33.02'`);
    expect(banyumas?.name).toBe('Kabupaten Banyumas');
    const ajibarang = await rows<{ code: string; name: string; population: number; lat: number }>(
      sql`select code, name, population, centroid_lat as lat from regions where parent_code = '33.02.14' order by code`,
    );
    expect(ajibarang.map((v) => [v.code, v.name, v.population, v.lat])).toEqual(
      VILLAGES.map((v) => [v.code, v.name, v.population, v.centroidLat]),
    );
    // Only Ajibarang has details: elsewhere a village has no population, centroid or boundary yet.
    expect(await count(sql`select count(*) as n from regions where population is not null`)).toBe(16);
    expect(await count(sql`select count(*) as n from regions where boundary is not null`)).toBe(0);
    // The denominators are marked as estimates with their source.
    expect(await count(sql`select count(*) as n from workforce_estimates where source like 'Estimate:%'`)).toBe(75);
    expect(await count(sql`select count(*) as n from workforce_estimates_by_occupation where source like 'Estimate:%'`)).toBe(750);
    expect(await count(sql`select sum(informal_workers) as n from workforce_estimates where year = 2025`)).toBe(17_500);
  });

  it('writes nothing when started again with the same version', async () => {
    const before = await rows(sql`select name, loaded_at from reference_datasets order by name`);
    const loads = await loadReferenceData(database.db);
    expect(loads.every((l) => l.status === 'unchanged')).toBe(true);
    expect(await rows(sql`select name, loaded_at from reference_datasets order by name`)).toEqual(before);
  });

  it('takes a new version without overwriting what an admin changed', async () => {
    // An admin renamed one occupation and deleted another in the app.
    await database.db.execute(sql`update occupations set name_en = 'Parking attendant (juru parkir)' where code = 'tukang_parkir'`);
    await database.db.execute(sql`delete from workforce_estimates_by_occupation where occupation_code = 'peternak'`);
    await database.db.execute(sql`delete from occupations where code = 'peternak'`);
    // The next version renames three (one of them the admin's) and adds one.
    const shipped = occupations();
    const next: ReferenceDataset = {
      ...shipped,
      rows: [
        ...shipped.rows.map((row) =>
          ['tukang_parkir', 'petani', 'peternak'].includes(String(row.code)) ? { ...row, name_en: `${String(row.name_en)} (v2)` } : row,
        ),
        { code: 'nelayan', name_id: 'Nelayan', name_en: 'Fisher', is_transport: false },
      ],
    };
    const [load] = await loadReferenceData(database.db, [next]);
    expect(load).toMatchObject({ status: 'loaded', inserted: 1, updated: 1, kept: 2 });
    const names = await rows<{ code: string; name_en: string }>(
      sql`select code, name_en from occupations where code in ('tukang_parkir', 'petani', 'peternak', 'nelayan') order by code`,
    );
    expect(names).toEqual([
      { code: 'nelayan', name_en: 'Fisher' },
      { code: 'petani', name_en: 'Farmer (v2)' },
      { code: 'tukang_parkir', name_en: 'Parking attendant (juru parkir)' },
    ]);
    // Once the row is back as the last load left it (an undone import), later versions update it again.
    await database.db.execute(sql`update occupations set name_en = 'Parking attendant' where code = 'tukang_parkir'`);
    const third = { ...next, rows: next.rows.map((row) => (row.code === 'tukang_parkir' ? { ...row, name_en: 'Parking attendant (v3)' } : row)) };
    expect((await loadReferenceData(database.db, [third]))[0]).toMatchObject({ inserted: 0, updated: 1, kept: 1 });
    expect(await rows(sql`select name_en from occupations where code = 'tukang_parkir'`)).toEqual([{ name_en: 'Parking attendant (v3)' }]);
  });

  it('lets the official names win over a database loaded before versioned reference data', async () => {
    // As the demo seed wrote them before: the regency under its short name, nothing recorded of a load.
    await database.db.execute(sql`update regions set name = 'Banyumas' where code = '33.02'`);
    await database.db.execute(sql`delete from reference_rows where dataset = 'regions'`);
    await database.db.execute(sql`delete from reference_datasets where name = 'regions'`);
    const [load] = await loadReferenceData(database.db, shippedReferenceData().slice(0, 1));
    expect(load).toMatchObject({ dataset: 'regions', inserted: 0, updated: 1, kept: 0 });
    expect(await rows(sql`select name from regions where code = '33.02'`)).toEqual([{ name: 'Kabupaten Banyumas' }]);
  });
});

describe('the shipped region list', () => {
  it("names Ajibarang's villages as the demo does", () => {
    const official = new Map(readRegionList().map((r) => [r.code, r.name]));
    for (const village of VILLAGES) expect(official.get(village.code)).toBe(village.name);
  });
});
