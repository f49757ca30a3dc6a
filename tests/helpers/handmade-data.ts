// A small hand-made dataset whose indicator values are worked out BY HAND from PRODUCT.md's
// "Indicators" section (not by running the code). Used by tests/unit/indicators.test.ts and
// tests/integration/indicators-engines.test.ts.
//
// Geography: 33 > 33.02 > 33.02.14 (Ajibarang) > villages 33.02.14.2001 (V1) and 33.02.14.2002 (V2);
// plus 33.02.15 > 33.02.15.2001 (an outside village that must never leak into 33.02.14).
// Workforce: V1 2025 = 40, 2026 = 50; V2 2025 = 60, 2026 = 30  => district 2025 = 100, 2026 = 80.
//            outside village: 2025 = 1000, 2026 = 0 (so its coverage rate in 2026 is null).
//
// Every contribution costs 16 800 a month (jkk 10 000 + jkm 6 800), so a payment of n months = n * 16 800.
//
// Member  village agent channel               enrolled    contributions (first month x months, paid on)             months covered
// M1      V1      A1    agent                 2025-10-05  2025-10 x3 @2025-10-05; 2026-01 x3 @2025-12-31;            2025-10 .. 2026-04
//                                                         2026-04 x1 @2026-04-01
// M2      V1      A1    community             2025-07-20  2025-07 x12 @2025-07-20                                   2025-07 .. 2026-06
// M3      V1      A1    agent                 2025-09-10  2025-09 x3 @2025-09-10                                    2025-09 .. 2025-11
// M4      V2      A2    cooperative           2025-08-15  2025-08 x3 @2025-08-15; 2026-02 x1 @2026-02-03            2025-08..10, 2026-02
// M5      V2      A2    agent                 2025-11-03  2025-11 x1 @2025-11-03; 2025-12 x3 @2026-02-10 (late)     2025-11 .. 2026-02
// M6      V1      -     walk_in               2026-02-14  none                                                       -
// M7      V2      A2    citizens_forum        2026-01-31  2026-02 x1 @2026-02-02                                    2026-02
// M8      V1      A1    agent                 2026-05-02  2026-05 x1 @2026-05-02                                    2026-05
// M9      V2      A2    agent                 2026-03-01  2026-03 x3 @2026-03-01; 2026-04 x1 @2026-04-15 (overlap)  2026-03 .. 2026-05
// M10     V1      A2    formal_socialisation  2025-11-20  2025-11 x6 @2025-11-20                                    2025-11 .. 2026-04
// M11     OUT     -     walk_in               2025-10-01  2025-10 x12 @2025-10-01                                   2025-10 .. 2026-09
// M12     V2      A2    community             2025-12-15  2025-12 x12 @2025-12-15                                   2025-12 .. 2026-11
// M13     V1      A1    agent                 2025-11-30  2025-12 x1 @2025-12-01; 2026-05 x3 @2026-05-05            2025-12, 2026-05 .. 07
//
// Status per month (a = aktif, m = menunggak, n = nonaktif, b = baru, . = not yet enrolled / not listed):
//        2025-07 08 09 10 11 12 | 2026-01 02 03 04 05 06
// M1          .  .  .  a  a  a  |      a  a  a  a  m  m
// M2          a  a  a  a  a  a  |      a  a  a  a  a  a
// M3          .  .  a  a  a  m  |      m  m  n* n  n  n      (* ended in 2026-03: last covered 2025-11)
// M4          .  a  a  a  m  m  |      m  a+ m  m  m  n*     (+ reactivated 2026-02)
// M5          .  .  .  .  a  a  |      a  a  m  m  m  n*     (2025-12..2026-02 paid late, still covered)
// M6          .  .  .  .  .  .  |      .  b  n  n  n  n      (baru -> nonaktif is NOT an "ended" membership)
// M7          .  .  .  .  .  .  |      b  a  m  m  m  n*
// M8          .  .  .  .  .  .  |      .  .  .  .  a  m
// M9          .  .  .  .  .  .  |      .  .  a  a  a  m
// M10         .  .  .  .  a  a  |      a  a  a  a  m  m
// M12         .  .  .  .  .  a  |      a  a  a  a  a  a
// M13         .  .  .  .  b  a  |      m  m  m  n* a+ a
// (M11 is outside 33.02.14: aktif 2025-10 .. 2026-09.)
//
// Claims (by member):
// C1 M12 JKK paid      submitted 2026-01-10 paid 2026-01-31   5 000 000  -> payout in 2026-01 (last day)
// C2 M2  JKM paid      submitted 2026-02-01 paid 2026-02-01  42 000 000  -> payout in 2026-02 (first day)
// C3 M1  JKK submitted submitted 2026-02-10 (no amount)                  -> never a payout
// C4 M4  JKK approved  submitted 2026-02-05, amount 1 000 000, unpaid    -> never a payout
// C5 M11 JKK paid      submitted 2026-02-11 paid 2026-02-15     777 000  -> outside 33.02.14
// C6 M10 JKK paid      submitted 2026-02-20 paid 2026-03-01   2 500 000  -> payout in 2026-03, not 2026-02
import type * as enums from '@/domain/enums';
import { expect } from 'vitest';
import * as schema from '@/db/schema';
import type { Database } from '@/db';

export const DISTRICT = '33.02.14';
export const V1 = '33.02.14.2001';
export const V2 = '33.02.14.2002';
export const OUT_DISTRICT = '33.02.15';
export const OUT_VILLAGE = '33.02.15.2001';

export const PER_MONTH = 16_800; // 10 000 JKK + 6 800 JKM

type MemberKey = 'M1' | 'M2' | 'M3' | 'M4' | 'M5' | 'M6' | 'M7' | 'M8' | 'M9' | 'M10' | 'M11' | 'M12' | 'M13';
export type MemberIds = Record<MemberKey, number>;

interface MemberSpec {
  key: MemberKey;
  village: string;
  agent: 'A1' | 'A2' | null;
  channel: enums.Channel;
  enrolledOn: string;
  contributions: Array<[firstMonth: string, monthsCount: number, paidOn: string]>;
}

const MEMBERS: MemberSpec[] = [
  { key: 'M1', village: V1, agent: 'A1', channel: 'agent', enrolledOn: '2025-10-05', contributions: [['2025-10-01', 3, '2025-10-05'], ['2026-01-01', 3, '2025-12-31'], ['2026-04-01', 1, '2026-04-01']] },
  { key: 'M2', village: V1, agent: 'A1', channel: 'community', enrolledOn: '2025-07-20', contributions: [['2025-07-01', 12, '2025-07-20']] },
  { key: 'M3', village: V1, agent: 'A1', channel: 'agent', enrolledOn: '2025-09-10', contributions: [['2025-09-01', 3, '2025-09-10']] },
  { key: 'M4', village: V2, agent: 'A2', channel: 'cooperative', enrolledOn: '2025-08-15', contributions: [['2025-08-01', 3, '2025-08-15'], ['2026-02-01', 1, '2026-02-03']] },
  { key: 'M5', village: V2, agent: 'A2', channel: 'agent', enrolledOn: '2025-11-03', contributions: [['2025-11-01', 1, '2025-11-03'], ['2025-12-01', 3, '2026-02-10']] },
  { key: 'M6', village: V1, agent: null, channel: 'walk_in', enrolledOn: '2026-02-14', contributions: [] },
  { key: 'M7', village: V2, agent: 'A2', channel: 'citizens_forum', enrolledOn: '2026-01-31', contributions: [['2026-02-01', 1, '2026-02-02']] },
  { key: 'M8', village: V1, agent: 'A1', channel: 'agent', enrolledOn: '2026-05-02', contributions: [['2026-05-01', 1, '2026-05-02']] },
  { key: 'M9', village: V2, agent: 'A2', channel: 'agent', enrolledOn: '2026-03-01', contributions: [['2026-03-01', 3, '2026-03-01'], ['2026-04-01', 1, '2026-04-15']] },
  { key: 'M10', village: V1, agent: 'A2', channel: 'formal_socialisation', enrolledOn: '2025-11-20', contributions: [['2025-11-01', 6, '2025-11-20']] },
  { key: 'M11', village: OUT_VILLAGE, agent: null, channel: 'walk_in', enrolledOn: '2025-10-01', contributions: [['2025-10-01', 12, '2025-10-01']] },
  { key: 'M12', village: V2, agent: 'A2', channel: 'community', enrolledOn: '2025-12-15', contributions: [['2025-12-01', 12, '2025-12-15']] },
  { key: 'M13', village: V1, agent: 'A1', channel: 'agent', enrolledOn: '2025-11-30', contributions: [['2025-12-01', 1, '2025-12-01'], ['2026-05-01', 3, '2026-05-05']] },
];

export async function loadHandmadeData(db: Database): Promise<MemberIds> {
  await db.insert(schema.regions).values([
    { code: '33', name: 'Jawa Tengah', level: 'province', parentCode: null },
    { code: '33.02', name: 'Banyumas', level: 'regency', parentCode: '33' },
    { code: DISTRICT, name: 'Ajibarang', level: 'district', parentCode: '33.02' },
    { code: V1, name: 'Darmakradenan', level: 'village', parentCode: DISTRICT },
    { code: V2, name: 'Tipar Kidul', level: 'village', parentCode: DISTRICT },
    { code: OUT_DISTRICT, name: 'Gumelar', level: 'district', parentCode: '33.02' },
    { code: OUT_VILLAGE, name: 'Outside village', level: 'village', parentCode: OUT_DISTRICT },
  ]);
  await db.insert(schema.workforceEstimates).values([
    { regionCode: V1, year: 2025, informalWorkers: 40 },
    { regionCode: V1, year: 2026, informalWorkers: 50 },
    { regionCode: V2, year: 2025, informalWorkers: 60 },
    { regionCode: V2, year: 2026, informalWorkers: 30 },
    { regionCode: OUT_VILLAGE, year: 2025, informalWorkers: 1000 },
    { regionCode: OUT_VILLAGE, year: 2026, informalWorkers: 0 },
  ]);
  await db.insert(schema.occupations).values([
    { code: 'parkir', nameId: 'Tukang parkir', nameEn: 'Parking attendant', isTransport: false },
  ]);
  const [community] = await db
    .insert(schema.communities)
    .values({ name: 'Paguyuban Parkir Ajibarang', type: 'occupation_association', villageCode: V1, occupationCode: 'parkir' })
    .returning({ id: schema.communities.id });
  await db.insert(schema.agents).values([
    { code: 'A1', name: 'Agen Satu', villageCode: V1, supervisorId: null, activeFrom: '2025-01-01' },
    { code: 'A2', name: 'Agen Dua', villageCode: V2, supervisorId: null, activeFrom: '2025-01-01' },
  ]);

  const ids = {} as MemberIds;
  let n = 0;
  for (const m of MEMBERS) {
    n += 1;
    const [row] = await db
      .insert(schema.members)
      .values({
        nik: `330214000000${String(n).padStart(4, '0')}`,
        name: `Anggota ${m.key}`,
        sex: n % 2 ? 'L' : 'P',
        villageCode: m.village,
        occupationCode: 'parkir',
        communityId: community!.id,
        agentCode: m.agent,
        channel: m.channel,
        enrolledOn: m.enrolledOn,
        declaredIncome: 1_000_000,
      })
      .returning({ id: schema.members.id });
    ids[m.key] = row!.id;
    for (const [firstMonth, monthsCount, paidOn] of m.contributions) {
      await db.insert(schema.contributions).values({
        memberId: row!.id,
        firstMonth,
        monthsCount,
        jkkAmount: 10_000 * monthsCount,
        jkmAmount: 6_800 * monthsCount,
        paidOn,
        agentCode: m.agent,
      });
    }
  }

  await db.insert(schema.claims).values([
    { number: 'C1', memberId: ids.M12, program: 'JKK', benefitType: 'medical', incidentDate: '2026-01-05', submittedOn: '2026-01-10', status: 'paid', amount: 5_000_000, paidOn: '2026-01-31', agentCode: 'A2' },
    { number: 'C2', memberId: ids.M2, program: 'JKM', benefitType: 'death', incidentDate: '2026-01-25', submittedOn: '2026-02-01', status: 'paid', amount: 42_000_000, paidOn: '2026-02-01', agentCode: 'A1' },
    { number: 'C3', memberId: ids.M1, program: 'JKK', benefitType: 'medical', incidentDate: '2026-02-08', submittedOn: '2026-02-10', status: 'submitted', amount: null, paidOn: null, agentCode: 'A1' },
    { number: 'C4', memberId: ids.M4, program: 'JKK', benefitType: 'medical', incidentDate: '2026-02-03', submittedOn: '2026-02-05', status: 'approved', amount: 1_000_000, paidOn: null, agentCode: 'A2' },
    { number: 'C5', memberId: ids.M11, program: 'JKK', benefitType: 'medical', incidentDate: '2026-02-09', submittedOn: '2026-02-11', status: 'paid', amount: 777_000, paidOn: '2026-02-15', agentCode: null },
    { number: 'C6', memberId: ids.M10, program: 'JKK', benefitType: 'temporary_disability', incidentDate: '2026-02-18', submittedOn: '2026-02-20', status: 'paid', amount: 2_500_000, paidOn: '2026-03-01', agentCode: 'A2' },
  ]);
  return ids;
}

/** The Summary fields the hand answers cover (period and region are checked separately). */
export interface HandSummary {
  activeMembers: number;
  informalWorkforce: number;
  coverageRate: number | null;
  newEnrolments: number;
  lapsedMembers: number;
  lapseRate: number | null;
  contributionsCollected: number;
  claimsPaidCount: number;
  claimsPaidAmount: number;
  reactivatedMembers: number;
  endedMembers: number;
  pendingMembers: number;
}

/** Hand answers for the district 33.02.14 (no agent filter), read off the tables above. */
export const DISTRICT_HAND_SUMMARIES: Record<string, HandSummary> = {
  '2025-12': {
    // aktif: M1, M2, M5 (its 2025-12 was paid late, in 2026-02, but it covers 2025-12), M10, M12, M13 = 6
    activeMembers: 6,
    informalWorkforce: 100, // 2025 estimates: 40 + 60
    coverageRate: 6, // 6 / 100
    newEnrolments: 1, // M12 (2025-12-15); M13 enrolled 2025-11-30 is November's
    lapsedMembers: 2, // menunggak: M3 (last covered 2025-11), M4 (last covered 2025-10)
    // aktif in 2025-11: M1, M2, M3, M5, M10 = 5 (M4 menunggak, M13 baru); of them M3 not aktif in 2025-12
    lapseRate: 20, // 1 / 5
    // paid in 2025-12: M1 2026-01 x3 paid 2025-12-31 (50 400) + M12 x12 (201 600) + M13 x1 paid 2025-12-01 (16 800)
    contributionsCollected: 268_800,
    claimsPaidCount: 0,
    claimsPaidAmount: 0,
    reactivatedMembers: 0, // M13 aktif now, not in 11, but never aktif before 11 -> not reactivated
    endedMembers: 0,
    pendingMembers: 0,
  },
  '2026-01': {
    // aktif: M1 (prepaid on 2025-12-31), M2, M5 (late arrears), M10, M12 = 5
    activeMembers: 5,
    informalWorkforce: 80, // 2026 estimates: 50 + 30
    coverageRate: 6.25, // 5 / 80
    newEnrolments: 1, // M7 enrolled 2026-01-31 (last day of the month)
    lapsedMembers: 3, // M3 (last 2025-11), M4 (last 2025-10 = m-3), M13 (last 2025-12)
    // aktif in 2025-12: M1, M2, M5, M10, M12, M13 = 6; M13 not aktif now
    lapseRate: 100 / 6, // 1 / 6 = 16.67 %
    contributionsCollected: 0, // nothing in 33.02.14 was paid in 2026-01 (M1's payment was 2025-12-31)
    claimsPaidCount: 1, // C1, paid 2026-01-31
    claimsPaidAmount: 5_000_000,
    reactivatedMembers: 0,
    endedMembers: 0,
    pendingMembers: 1, // M7: enrolled in 01, first payment covers 02
  },
  '2026-02': {
    // aktif: M1, M2, M4 (pays 02 again), M5, M7 (first payment), M10, M12 = 7
    activeMembers: 7,
    informalWorkforce: 80,
    coverageRate: 8.75, // 7 / 80 (the village rates 6 % and 13.33 % would average to 9.67 %)
    newEnrolments: 1, // M6 (2026-02-14)
    lapsedMembers: 2, // M3 (last 2025-11 = m-3), M13 (last 2025-12)
    // aktif in 01: M1, M2, M5, M10, M12 = 5, all still aktif
    lapseRate: 0, // 0 / 5
    // paid in 02: M4 16 800 + M5 3 months 50 400 (arrears paid late) + M7 16 800
    contributionsCollected: 84_000,
    claimsPaidCount: 1, // C2 (paid 2026-02-01); C3 submitted, C4 approved-unpaid, C5 outside, C6 paid 03-01
    claimsPaidAmount: 42_000_000,
    reactivatedMembers: 1, // M4: aktif 02, not aktif 01, aktif 2025-10. (M7 is aktif for the first time: no.)
    endedMembers: 0,
    pendingMembers: 1, // M6
  },
  '2026-03': {
    // aktif: M1, M2, M9 (new, paid 03-01), M10, M12 = 5
    activeMembers: 5,
    informalWorkforce: 80,
    coverageRate: 6.25, // 5 / 80
    newEnrolments: 1, // M9 enrolled 2026-03-01
    lapsedMembers: 4, // M4, M5, M7 (last 02), M13 (last 2025-12 = m-3)
    // aktif in 02: M1, M2, M4, M5, M7, M10, M12 = 7; not aktif now: M4, M5, M7
    lapseRate: 300 / 7, // 3 / 7 = 42.857 %
    contributionsCollected: 50_400, // M9 x3 paid 03-01 (M1's 04 payment on 04-01 is April's)
    claimsPaidCount: 1, // C6 paid 2026-03-01
    claimsPaidAmount: 2_500_000,
    reactivatedMembers: 0,
    // M3: menunggak in 02, last covered 2025-11 = m-4 -> ended now.
    // M6: nonaktif now but was baru (not menunggak) in 02 -> not an ended membership.
    endedMembers: 1,
    pendingMembers: 0,
  },
  '2026-04': {
    // aktif: M1 (paid 04-01), M2, M9 (covered twice: counted once), M10 (last month of its 6), M12 = 5
    activeMembers: 5,
    informalWorkforce: 80,
    coverageRate: 6.25,
    newEnrolments: 0,
    lapsedMembers: 3, // M4, M5, M7
    lapseRate: 0, // aktif in 03: M1, M2, M9, M10, M12, all still aktif
    contributionsCollected: 33_600, // M1 16 800 (paid 04-01) + M9 duplicate 16 800 (paid 04-15)
    claimsPaidCount: 0,
    claimsPaidAmount: 0,
    reactivatedMembers: 0,
    endedMembers: 1, // M13: menunggak in 03, last covered 2025-12 = m-4 (M3, M6 were already nonaktif)
    pendingMembers: 0,
  },
  '2026-05': {
    // aktif: M2, M8 (new), M9, M12, M13 (pays again) = 5; M8 enrolled 2026-05-02 is listed now
    activeMembers: 5,
    informalWorkforce: 80,
    coverageRate: 6.25,
    newEnrolments: 1, // M8
    lapsedMembers: 5, // M1, M10 (last 04), M4 (last 02 = m-3), M5, M7 (last 02)
    lapseRate: 40, // aktif in 04: M1, M2, M9, M10, M12 = 5; M1, M10 not aktif now -> 2 / 5
    contributionsCollected: 67_200, // M8 16 800 + M13 x3 50 400
    claimsPaidCount: 0,
    claimsPaidAmount: 0,
    reactivatedMembers: 1, // M13: aktif 05, not 04, aktif 2025-12
    endedMembers: 0,
    pendingMembers: 0,
  },
  '2026-06': {
    // aktif: M2 (last month of its 12, 2025-07..2026-06), M12, M13 = 3
    activeMembers: 3,
    informalWorkforce: 80,
    coverageRate: 3.75, // 3 / 80
    newEnrolments: 0,
    lapsedMembers: 4, // M1, M10 (last 04), M8, M9 (last 05)
    lapseRate: 40, // aktif in 05: M2, M8, M9, M12, M13 = 5; M8, M9 not aktif now -> 2 / 5
    contributionsCollected: 0,
    claimsPaidCount: 0,
    claimsPaidAmount: 0,
    reactivatedMembers: 0,
    endedMembers: 3, // M4, M5, M7: last covered 2026-02 = m-4, menunggak in 05
    pendingMembers: 0,
  },
};

/**
 * Checks a Summary against a hand answer: counts and money exactly (and as numbers, not strings),
 * rates to 1e-9 (they are unrounded percentages), null exactly.
 */
export function expectSummary(actual: Record<string, unknown>, expected: HandSummary, label = ''): void {
  for (const [key, want] of Object.entries(expected) as Array<[keyof HandSummary, number | null]>) {
    const got = actual[key];
    const where = `${label} ${key}`;
    if (want === null) {
      expect(got, where).toBeNull();
    } else if (key === 'coverageRate' || key === 'lapseRate') {
      expect(typeof got, where).toBe('number');
      expect(got as number, where).toBeCloseTo(want, 9);
    } else {
      expect(got, where).toBe(want);
    }
  }
}
