// The hand-made dataset (tests/helpers/handmade-data.ts) loaded into both engines: getSummary must give
// the same answers on PostgreSQL and on PGlite, and both must equal the answers worked out by hand from
// PRODUCT.md (see the reasoning next to DISTRICT_HAND_SUMMARIES).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSummary, type Summary } from '@/server/indicators/summary';
import { createTestDatabase, ENGINES, type Engine, type TestDatabase } from '../helpers/databases';
import { DISTRICT, DISTRICT_HAND_SUMMARIES, V1, V2, expectSummary, loadHandmadeData } from '../helpers/handmade-data';

const PERIODS = ['2025-12', '2026-02', '2026-03', '2026-06'] as const;
const SCOPES = [
  { regionCode: DISTRICT },
  { regionCode: V1 },
  { regionCode: V2 },
  { regionCode: '33.02' },
  { regionCode: DISTRICT, agentCodes: ['A2'] },
];

/** Every engine's answers, kept to compare the engines with each other at the end. */
const answers = new Map<Engine, Map<string, Summary>>();

describe.each(ENGINES)('getSummary on %s', (engine) => {
  let tdb: TestDatabase;

  beforeAll(async () => {
    tdb = await createTestDatabase(engine);
    await loadHandmadeData(tdb.db);
    answers.set(engine, new Map());
  });

  afterAll(async () => {
    await tdb?.destroy();
  });

  it.each(PERIODS)('district %s equals the hand answer', async (period) => {
    const s = await getSummary(tdb.db, { period, scope: { regionCode: DISTRICT } });
    expect(s.period).toBe(period);
    expect(s.region).toBe(DISTRICT);
    expectSummary(s as unknown as Record<string, unknown>, DISTRICT_HAND_SUMMARIES[period]!, `${engine} ${period}`);
  });

  it('village 2002 in 2026-02 equals the hand answer', async () => {
    const s = await getSummary(tdb.db, { period: '2026-02', scope: { regionCode: V2 } });
    expectSummary(s as unknown as Record<string, unknown>, {
      activeMembers: 4, // M4, M5, M7, M12
      informalWorkforce: 30,
      coverageRate: 400 / 30, // 4 / 30
      newEnrolments: 0, // M7 enrolled 2026-01-31
      lapsedMembers: 0,
      lapseRate: 0, // aktif in 01: M5, M12, both still aktif
      contributionsCollected: 84_000, // M4 16 800 + M5 50 400 (arrears paid late) + M7 16 800
      claimsPaidCount: 0, // C4 approved, unpaid
      claimsPaidAmount: 0,
      reactivatedMembers: 1, // M4
      endedMembers: 0,
      pendingMembers: 0,
    });
  });

  it('collects every scope and period for the cross-engine comparison', async () => {
    const mine = answers.get(engine)!;
    for (const period of PERIODS) {
      for (const scope of SCOPES) {
        mine.set(`${period} ${JSON.stringify(scope)}`, await getSummary(tdb.db, { period, scope }));
      }
    }
    expect(mine.size).toBe(PERIODS.length * SCOPES.length);
  });
});

describe('PostgreSQL and PGlite', () => {
  it('give identical summaries for every scope and period', () => {
    const pg = answers.get('postgres');
    const lite = answers.get('pglite');
    expect(pg, 'postgres answers').toBeDefined();
    expect(lite, 'pglite answers').toBeDefined();
    for (const [key, value] of pg!) {
      const other = lite!.get(key)!;
      for (const field of Object.keys(value) as Array<keyof Summary>) {
        const a = value[field];
        const b = other[field];
        if (typeof a === 'number' && !Number.isInteger(a)) expect(b as number, `${key} ${field}`).toBeCloseTo(a, 9);
        else expect(b, `${key} ${field}`).toEqual(a);
      }
    }
  });
});
