// getSummaryByVillage (one grouped query) must give each village exactly what getSummary gives for that
// village alone, on both engines, on the hand-made dataset.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSummary } from '@/server/indicators/summary';
import { getSummaryByVillage } from '@/server/indicators/summary-by-village';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases';
import { DISTRICT, V1, V2, loadHandmadeData } from '../helpers/handmade-data';

const PERIODS = ['2025-10', '2025-12', '2026-02', '2026-03', '2026-06'] as const;
const SCOPES = [
  { regionCode: DISTRICT },
  { regionCode: DISTRICT, agentCodes: ['A2'] },
  { regionCode: DISTRICT, agentCodes: [] },
  { regionCode: '33.02' },
  { regionCode: V2 },
];

describe.each(ENGINES)('getSummaryByVillage on %s', (engine) => {
  let tdb: TestDatabase;

  beforeAll(async () => {
    tdb = await createTestDatabase(engine);
    await loadHandmadeData(tdb.db);
  });

  afterAll(async () => {
    await tdb?.destroy();
  });

  it('lists the villages of the region in code order, members or not', async () => {
    const district = await getSummaryByVillage(tdb.db, { period: '2026-02', scope: { regionCode: DISTRICT } });
    expect(district.map((row) => row.code)).toEqual([V1, V2]);
    const regency = await getSummaryByVillage(tdb.db, { period: '2026-02', scope: { regionCode: '33.02' } });
    expect(regency.map((row) => row.code)).toEqual([V1, V2, '33.02.15.2001']);
  });

  for (const period of PERIODS) {
    for (const scope of SCOPES) {
      it(`equals getSummary per village for ${period}, ${JSON.stringify(scope)}`, async () => {
        const rows = await getSummaryByVillage(tdb.db, { period, scope });
        for (const row of rows) {
          const alone = await getSummary(tdb.db, {
            period,
            scope: { regionCode: row.code, agentCodes: scope.agentCodes },
          });
          const { code, name, ...fields } = row;
          expect(code).toBe(alone.region);
          expect(name.length).toBeGreaterThan(0);
          expect(fields).toEqual(alone);
        }
      });
    }
  }

  it('sums to the district for the counts', async () => {
    for (const period of PERIODS) {
      const rows = await getSummaryByVillage(tdb.db, { period, scope: { regionCode: DISTRICT } });
      const district = await getSummary(tdb.db, { period, scope: { regionCode: DISTRICT } });
      const sum = (key: 'activeMembers' | 'newEnrolments' | 'lapsedMembers' | 'contributionsCollected' | 'informalWorkforce') =>
        rows.reduce((total, row) => total + (row[key] ?? 0), 0);
      expect(sum('activeMembers')).toBe(district.activeMembers);
      expect(sum('newEnrolments')).toBe(district.newEnrolments);
      expect(sum('lapsedMembers')).toBe(district.lapsedMembers);
      expect(sum('contributionsCollected')).toBe(district.contributionsCollected);
      expect(sum('informalWorkforce')).toBe(district.informalWorkforce);
    }
  });
});
