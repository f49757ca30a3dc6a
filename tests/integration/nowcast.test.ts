// The nowcast of a provisional month (server/nowcast.ts + domain/nowcast.ts) on hand-made payments whose
// figures "as known" at an earlier as-of date, and the nowcast, are worked out by hand below; both engines.
//
// District 33.02.14 with villages V1 and V2; five members, each paying one month at a time
// (16 800 a month), for every month from 2025-01 to 2027-01, with a habit:
//   A1 (V1) pays month r on the 1st of r            (on time)
//   A2 (V1) pays month r on the 10th of r+1         (a month late)
//   A3 (V1) pays month r on the 5th of r+2          (two months late)
//   B1 (V2) pays month r on the 1st of r            (on time)
//   B2 (V2) pays month r on the 2nd of r+1          (a month late, but before the 3rd)
// and two exceptions: A2 pays 2026-08 on 2026-08-01 (on time), B2 pays 2026-07 on 2026-08-05.
//
// The provisional month is 2026-11 seen on 2026-12-03 (lag 1). Its reference months are 2025-09 .. 2026-08
// (2026-08's arrears window closed on 2026-11-30), each seen on the 3rd of the month after it.
// Seen so, a usual month r has A1, B1 and B2 (paid by the 2nd) active; A2 (r-1 paid on r's 10th) and
// A3 (r-2 paid on r's 5th) in arrears; finally all 5 are active and none in arrears:
//   active ratio 5/3, arrears ratio 0/2 = 0.
// 2026-08 seen on 2026-09-03: A2 paid on time, so 4 active (ratio 5/4 = 1.25); arrears A3 alone (ratio 0).
// 2026-07 seen on 2026-08-03: B2's payment of the 5th is not known, so A1 and B1 active (ratio 5/2 = 2.5);
//   in arrears A2, A3 and B2 (ratio 0).
// Active ratios sorted: 1.25, ten times 5/3, 2.5 → median 5/3, range 1.25 – 2.5.
// 2026-11 on 2026-12-03: A1, B1, B2 active (3), A2 and A3 in arrears (2); paid in 2026-11 by then:
//   A1's 11, A2's 10, A3's 09, B1's 11 and B2's 10 = 5 × 16 800 = 84 000, and every month's payments
//   are all known two days after it ends, so the money's ratios are all 1.
// Nowcast for the district: active 3 × 5/3 = 5 (3.75 – 7.5); arrears 0 (0 – 0); money 84 000 (84 000 – 84 000).
// The truth, with every payment (up to 2027-03): all 5 active in 2026-11, none in arrears.
// Village V1 learns from its district: observed active A1 = 1 → 5/3 (1.25 – 2.5); arrears 2 → 0.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '@/db/schema';
import { addMonths, monthsBetween } from '@/domain/month';
import { getNowcasts } from '@/server/nowcast';
import { getSummarySeries } from '@/server/indicators/series';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases';

const DISTRICT = '33.02.14';
const V1 = '33.02.14.2001';
const V2 = '33.02.14.2002';
const AS_OF = '2026-12-03';

const HABITS = [
  { key: 'A1', village: V1, late: 0, day: 1 },
  { key: 'A2', village: V1, late: 1, day: 10 },
  { key: 'A3', village: V1, late: 2, day: 5 },
  { key: 'B1', village: V2, late: 0, day: 1 },
  { key: 'B2', village: V2, late: 1, day: 2 },
] as const;
const EXCEPTIONS: Record<string, string> = { 'A2|2026-08': '2026-08-01', 'B2|2026-07': '2026-08-05' };

async function load(tdb: TestDatabase) {
  const db = tdb.db;
  await db.insert(schema.regions).values([
    { code: '33', name: 'Jawa Tengah', level: 'province', parentCode: null },
    { code: '33.02', name: 'Banyumas', level: 'regency', parentCode: '33' },
    { code: DISTRICT, name: 'Ajibarang', level: 'district', parentCode: '33.02' },
    { code: V1, name: 'Darmakradenan', level: 'village', parentCode: DISTRICT },
    { code: V2, name: 'Tipar Kidul', level: 'village', parentCode: DISTRICT },
  ]);
  let n = 0;
  for (const habit of HABITS) {
    n += 1;
    const [member] = await db
      .insert(schema.members)
      .values({
        nik: `330214000000${String(n).padStart(4, '0')}`,
        name: `Anggota ${habit.key}`,
        sex: 'L',
        villageCode: habit.village,
        channel: 'agent',
        enrolledOn: '2025-01-01',
        declaredIncome: 1_000_000,
      })
      .returning({ id: schema.members.id });
    await db.insert(schema.contributions).values(
      monthsBetween('2025-01', '2027-01').map((month) => ({
        memberId: member!.id,
        firstMonth: `${month}-01`,
        monthsCount: 1,
        jkkAmount: 10_000,
        jkmAmount: 6_800,
        paidOn: EXCEPTIONS[`${habit.key}|${month}`] ?? `${addMonths(month, habit.late)}-${String(habit.day).padStart(2, '0')}`,
      })),
    );
  }
}

describe.each(ENGINES)('nowcast on %s', (engine) => {
  let tdb: TestDatabase;

  beforeAll(async () => {
    tdb = await createTestDatabase(engine);
    await load(tdb);
  });

  afterAll(async () => {
    await tdb?.destroy();
  });

  it('counts only the payments known at the as-of date and scales them by the district curve', async () => {
    const [november, ...others] = await getNowcasts(tdb.db, { scope: { regionCode: DISTRICT }, periods: ['2026-11'], asOf: AS_OF });
    expect(others).toEqual([]);
    expect(november).toMatchObject({ period: '2026-11', asOf: AS_OF, lag: 1 });
    expect(november!.observed).toEqual({ activeMembers: 3, lapsedMembers: 2, contributionsCollected: 84_000 });
    const { activeMembers, lapsedMembers, contributionsCollected } = november!.nowcast;
    expect(activeMembers?.expected).toBeCloseTo(5);
    expect(activeMembers?.low).toBeCloseTo(3.75);
    expect(activeMembers?.high).toBeCloseTo(7.5);
    expect(activeMembers).toMatchObject({ method: 'completion-ratio', lag: 1, referenceMonths: 12 });
    expect(lapsedMembers).toMatchObject({ expected: 0, low: 0, high: 0 });
    expect(contributionsCollected).toMatchObject({ expected: 84_000, low: 84_000, high: 84_000 });
  });

  it('hits the truth that the later payments bring', async () => {
    const [truth] = await getSummarySeries(tdb.db, { months: ['2026-11'], scope: { regionCode: DISTRICT }, by: 'total', source: 'live' });
    expect(truth).toMatchObject({ activeMembers: 5, lapsedMembers: 0 });
  });

  it("gives a village its district's curve", async () => {
    const [november] = await getNowcasts(tdb.db, { scope: { regionCode: V1 }, periods: ['2026-11'], asOf: AS_OF });
    expect(november!.observed).toEqual({ activeMembers: 1, lapsedMembers: 2, contributionsCollected: 3 * 16_800 });
    expect(november!.nowcast.activeMembers?.expected).toBeCloseTo(5 / 3);
    expect(november!.nowcast.activeMembers?.low).toBeCloseTo(1.25);
    expect(november!.nowcast.activeMembers?.high).toBeCloseTo(2.5);
    expect(november!.nowcast.lapsedMembers?.expected).toBe(0);
  });

  it('gives a regency and the province the sum of their districts, district by district', async () => {
    const [district] = await getNowcasts(tdb.db, { scope: { regionCode: DISTRICT }, periods: ['2026-11'], asOf: AS_OF });
    for (const regionCode of ['33.02', '33']) {
      const [wide] = await getNowcasts(tdb.db, { scope: { regionCode }, periods: ['2026-11'], asOf: AS_OF });
      expect(wide).toEqual(district);
    }
  });

  it('nowcasts only provisional months', async () => {
    // 2026-08 closed its window on 2026-11-30; 2026-12 is the running month (lag 0)
    const months = await getNowcasts(tdb.db, { scope: { regionCode: DISTRICT }, periods: ['2026-08', '2026-09', '2026-12'], asOf: AS_OF });
    expect(months.map((m) => [m.period, m.lag])).toEqual([
      ['2026-09', 3],
      ['2026-12', 0],
    ]);
  });
});
