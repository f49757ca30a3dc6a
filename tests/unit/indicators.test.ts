// The indicator module against answers worked out BY HAND from PRODUCT.md's "Indicators" section, on the
// small dataset of tests/helpers/handmade-data.ts (read its header: the member table, the status grid per
// month, and the claims). Each expected number carries the reasoning that gives it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSummary } from '@/server/indicators/summary';
import { listMemberStatuses } from '@/server/indicators/status';
import { type MemberStatus } from '@/domain/enums';
import { getCohortRetention } from '@/server/indicators/retention';
import { getChannelShares } from '@/server/indicators/channels';
import type { IndicatorScope } from '@/server/indicators/scope';
import { createTestDatabase, type TestDatabase } from '../helpers/databases';
import {
  DISTRICT,
  DISTRICT_HAND_SUMMARIES,
  OUT_DISTRICT,
  V1,
  V2,
  expectSummary,
  loadHandmadeData,
  type HandSummary,
  type MemberIds,
} from '../helpers/handmade-data';

let tdb: TestDatabase;
let ids: MemberIds;

beforeAll(async () => {
  tdb = await createTestDatabase('pglite');
  ids = await loadHandmadeData(tdb.db);
});

afterAll(async () => {
  await tdb?.destroy();
});

const district: IndicatorScope = { regionCode: DISTRICT };

async function summary(period: string, scope: IndicatorScope) {
  return getSummary(tdb.db, { period, scope });
}

/** Hand answers where only the counts differ from an all-zero month. */
function zeroSummary(overrides: Partial<HandSummary>): HandSummary {
  return {
    activeMembers: 0,
    informalWorkforce: 0,
    coverageRate: null,
    newEnrolments: 0,
    lapsedMembers: 0,
    lapseRate: null,
    contributionsCollected: 0,
    claimsPaidCount: 0,
    claimsPaidAmount: 0,
    reactivatedMembers: 0,
    endedMembers: 0,
    pendingMembers: 0,
    ...overrides,
  };
}

describe('getSummary for the district 33.02.14, month by month', () => {
  it.each(Object.keys(DISTRICT_HAND_SUMMARIES))('%s matches the hand answer', async (period) => {
    const s = await summary(period, district);
    expect(s.period).toBe(period);
    expect(s.region).toBe(DISTRICT);
    expectSummary(s as unknown as Record<string, unknown>, DISTRICT_HAND_SUMMARIES[period]!, period);
  });

  it('2025-07: the first member; lapse rate null because nobody was aktif in 2025-06', async () => {
    expectSummary(
      (await summary('2025-07', district)) as unknown as Record<string, unknown>,
      zeroSummary({
        activeMembers: 1, // M2 (enrolled 2025-07-20, prepaid 12 months)
        informalWorkforce: 100, // 2025: 40 + 60
        coverageRate: 1, // 1 / 100
        newEnrolments: 1, // M2
        contributionsCollected: 12 * 16_800, // M2's 12 months paid 2025-07-20
        lapseRate: null, // aktif in 2025-06: nobody
      }),
    );
  });

  it('2025-06: before anybody enrolled, counts are 0, coverage 0 %, lapse rate null', async () => {
    expectSummary(
      (await summary('2025-06', district)) as unknown as Record<string, unknown>,
      zeroSummary({ informalWorkforce: 100, coverageRate: 0 }),
    );
  });

  it('2025-11: three enrolments, one of them baru (M13 enrolled 11-30, pays from 12)', async () => {
    expectSummary(
      (await summary('2025-11', district)) as unknown as Record<string, unknown>,
      zeroSummary({
        activeMembers: 5, // M1, M2, M3 (last covered month), M5, M10
        informalWorkforce: 100,
        coverageRate: 5, // 5 / 100
        newEnrolments: 3, // M5 (11-03), M10 (11-20), M13 (11-30)
        lapsedMembers: 1, // M4 (last covered 2025-10)
        lapseRate: 25, // aktif in 10: M1, M2, M3, M4 = 4; M4 not aktif now -> 1 / 4
        contributionsCollected: 16_800 + 6 * 16_800, // M5 x1 (11-03) + M10 x6 (11-20) = 117 600
        pendingMembers: 1, // M13
      }),
    );
  });
});

describe('getSummary by region: villages, sums, higher levels', () => {
  it('village 2001 alone in 2026-02', async () => {
    const s = await summary('2026-02', { regionCode: V1 });
    expect(s.region).toBe(V1);
    expectSummary(s as unknown as Record<string, unknown>, {
      activeMembers: 3, // M1, M2, M10 (M3, M13 menunggak; M6 baru; M8 not enrolled yet)
      informalWorkforce: 50,
      coverageRate: 6, // 3 / 50
      newEnrolments: 1, // M6
      lapsedMembers: 2, // M3, M13
      lapseRate: 0, // aktif in 01: M1, M2, M10, all still aktif
      contributionsCollected: 0, // nobody in 2001 paid in 02
      claimsPaidCount: 1, // C2 (M2)
      claimsPaidAmount: 42_000_000,
      reactivatedMembers: 0,
      endedMembers: 0,
      pendingMembers: 1, // M6
    });
  });

  it('village 2002 alone in 2026-02', async () => {
    const s = await summary('2026-02', { regionCode: V2 });
    expectSummary(s as unknown as Record<string, unknown>, {
      activeMembers: 4, // M4, M5, M7, M12 (M9 enrolls in 03)
      informalWorkforce: 30,
      coverageRate: 400 / 30, // 4 / 30 = 13.33 %
      newEnrolments: 0, // M7 enrolled 01-31
      lapsedMembers: 0,
      lapseRate: 0, // aktif in 01: M5, M12, both still aktif
      contributionsCollected: 84_000, // M4 16 800 + M5 50 400 + M7 16 800
      claimsPaidCount: 0, // C4 approved but unpaid
      claimsPaidAmount: 0,
      reactivatedMembers: 1, // M4
      endedMembers: 0,
      pendingMembers: 0,
    });
  });

  it('2025-12 villages use the 2025 workforce; the district sums numerators and denominators', async () => {
    const v1 = await summary('2025-12', { regionCode: V1 });
    const v2 = await summary('2025-12', { regionCode: V2 });
    // V1: aktif M1, M2, M10, M13 = 4 of 40 -> 10 %
    expect(v1.activeMembers).toBe(4);
    expect(v1.informalWorkforce).toBe(40);
    expect(v1.coverageRate).toBeCloseTo(10, 9);
    // V2: aktif M5 (late-paid arrears cover 12), M12 = 2 of 60 -> 3.33 %
    expect(v2.activeMembers).toBe(2);
    expect(v2.informalWorkforce).toBe(60);
    expect(v2.coverageRate).toBeCloseTo(200 / 60, 9);
    // district: 6 / 100 = 6 %, not the mean of 10 % and 3.33 % (6.67 %)
    expect((await summary('2025-12', district)).coverageRate).toBeCloseTo(6, 9);
  });

  it.each(Object.keys(DISTRICT_HAND_SUMMARIES))('%s: every count of the district is the sum of its two villages', async (period) => {
    const [d, a, b] = await Promise.all([
      summary(period, district),
      summary(period, { regionCode: V1 }),
      summary(period, { regionCode: V2 }),
    ]);
    for (const key of [
      'activeMembers',
      'informalWorkforce',
      'newEnrolments',
      'lapsedMembers',
      'contributionsCollected',
      'claimsPaidCount',
      'claimsPaidAmount',
      'reactivatedMembers',
      'endedMembers',
      'pendingMembers',
    ] as const) {
      expect(d[key], key).toBe(a[key]! + b[key]!);
    }
    expect(d.coverageRate!).toBeCloseTo((100 * (a.activeMembers + b.activeMembers)) / (a.informalWorkforce! + b.informalWorkforce!), 9);
  });

  it('the regency 33.02 adds the outside district (M11, C5, its workforce 0 in 2026)', async () => {
    const s = await summary('2026-02', { regionCode: '33.02' });
    expectSummary(s as unknown as Record<string, unknown>, {
      activeMembers: 8, // district's 7 + M11
      informalWorkforce: 80, // 50 + 30 + 0
      coverageRate: 10, // 8 / 80
      newEnrolments: 1, // M6
      lapsedMembers: 2,
      lapseRate: 0, // aktif in 01: 5 + M11 = 6, all still aktif
      contributionsCollected: 84_000, // M11 paid in 2025-10
      claimsPaidCount: 2, // C2 + C5
      claimsPaidAmount: 42_777_000,
      reactivatedMembers: 1,
      endedMembers: 0,
      pendingMembers: 1,
    });
    // the province is the same here
    expect((await summary('2026-02', { regionCode: '33' })).activeMembers).toBe(8);
  });

  it('coverage rate is null when the workforce is 0 (outside district, 2026)', async () => {
    const s = await summary('2026-02', { regionCode: OUT_DISTRICT });
    expect(s.activeMembers).toBe(1); // M11
    expect(s.informalWorkforce).toBe(0);
    expect(s.coverageRate).toBeNull();
    expect(s.claimsPaidCount).toBe(1); // C5 paid 2026-02-15
    expect(s.claimsPaidAmount).toBe(777_000);
    // 2025-12: workforce 1000 -> 1 / 1000 = 0.1 %
    const dec = await summary('2025-12', { regionCode: OUT_DISTRICT });
    expect(dec.informalWorkforce).toBe(1000);
    expect(dec.coverageRate).toBeCloseTo(0.1, 9);
  });
});

describe('getSummary with agentCodes (members.agent_code)', () => {
  it('A1 only, 2026-02', async () => {
    // A1 recruited M1, M2, M3, M8, M13 (M10 lives in 2001 but was recruited by A2; M6 has no agent)
    const s = await summary('2026-02', { regionCode: DISTRICT, agentCodes: ['A1'] });
    expect(s.activeMembers).toBe(2); // M1, M2
    expect(s.lapsedMembers).toBe(2); // M3, M13
    expect(s.newEnrolments).toBe(0); // M6 has no agent
    expect(s.pendingMembers).toBe(0); // idem
    expect(s.contributionsCollected).toBe(0);
    expect(s.claimsPaidCount).toBe(1); // C2 (M2)
    expect(s.claimsPaidAmount).toBe(42_000_000);
    expect(s.reactivatedMembers).toBe(0);
    expect(s.lapseRate).toBe(0); // aktif in 01: M1, M2
  });

  it('A2 only, 2026-02 and 2026-03', async () => {
    const feb = await summary('2026-02', { regionCode: DISTRICT, agentCodes: ['A2'] });
    expect(feb.activeMembers).toBe(5); // M4, M5, M7, M10, M12
    expect(feb.lapsedMembers).toBe(0);
    expect(feb.contributionsCollected).toBe(84_000); // M4, M5, M7
    expect(feb.claimsPaidCount).toBe(0);
    expect(feb.reactivatedMembers).toBe(1); // M4
    expect(feb.lapseRate).toBe(0); // aktif in 01: M5, M10, M12

    const mar = await summary('2026-03', { regionCode: DISTRICT, agentCodes: ['A2'] });
    expect(mar.activeMembers).toBe(3); // M9, M10, M12
    expect(mar.lapsedMembers).toBe(3); // M4, M5, M7
    expect(mar.lapseRate).toBeCloseTo(60, 9); // aktif in 02: 5; M4, M5, M7 lost -> 3 / 5
    expect(mar.newEnrolments).toBe(1); // M9
    expect(mar.contributionsCollected).toBe(50_400); // M9 x3
    expect(mar.claimsPaidCount).toBe(1); // C6 (M10)
    expect(mar.claimsPaidAmount).toBe(2_500_000);
    expect(mar.endedMembers).toBe(0); // M3 (ended in 03) is A1's
  });

  it('A1 only, 2026-03: the ended membership is A1\'s', async () => {
    const s = await summary('2026-03', { regionCode: DISTRICT, agentCodes: ['A1'] });
    expect(s.activeMembers).toBe(2); // M1, M2
    expect(s.lapsedMembers).toBe(1); // M13
    expect(s.endedMembers).toBe(1); // M3
    expect(s.lapseRate).toBe(0); // aktif in 02: M1, M2
  });

  it('a village and an agent together: 2001 and A2 is M10 alone', async () => {
    const feb = await summary('2026-02', { regionCode: V1, agentCodes: ['A2'] });
    expect(feb.activeMembers).toBe(1); // M10
    expect(feb.claimsPaidCount).toBe(0);
    const mar = await summary('2026-03', { regionCode: V1, agentCodes: ['A2'] });
    expect(mar.activeMembers).toBe(1);
    expect(mar.claimsPaidCount).toBe(1); // C6
    expect(mar.claimsPaidAmount).toBe(2_500_000);
  });

  it('both agents: everyone but the agentless M6', async () => {
    const s = await summary('2026-02', { regionCode: DISTRICT, agentCodes: ['A1', 'A2'] });
    expect(s.activeMembers).toBe(7);
    expect(s.pendingMembers).toBe(0); // M6 (the only baru) has no agent
    expect(s.newEnrolments).toBe(0);
  });

  it('agentCodes null or absent means no agent limit', async () => {
    const s = await summary('2026-02', { regionCode: DISTRICT, agentCodes: null });
    expectSummary(s as unknown as Record<string, unknown>, DISTRICT_HAND_SUMMARIES['2026-02']!, 'null agentCodes');
  });
});

describe('listMemberStatuses', () => {
  type Key = keyof MemberIds;
  async function statuses(period: string, scope: IndicatorScope) {
    const rows = await listMemberStatuses(tdb.db, { period, scope });
    const byId = new Map(rows.map((r) => [r.memberId, r.status]));
    expect(byId.size, 'one row per member').toBe(rows.length);
    return byId;
  }
  function expectStatuses(byId: Map<number, MemberStatus>, expected: Partial<Record<Key, MemberStatus>>) {
    const want = new Map(Object.entries(expected).map(([k, s]) => [ids[k as Key], s]));
    const named = (m: Map<number, MemberStatus>) =>
      Object.fromEntries(
        (Object.keys(ids) as Key[]).filter((k) => m.has(ids[k])).map((k) => [k, m.get(ids[k])]),
      );
    expect(named(byId)).toEqual(named(want));
  }

  it('2025-11: M13 is baru (enrolled 11-30, first payment covers 12); M4 menunggak', async () => {
    expectStatuses(await statuses('2025-11', district), {
      M1: 'aktif', M2: 'aktif', M3: 'aktif', M4: 'menunggak', M5: 'aktif', M10: 'aktif', M13: 'baru',
    });
  });

  it('2026-01: M7 baru (enrolled 01-31); M4 menunggak at exactly m-3; M6, M8, M9, M11 not listed', async () => {
    expectStatuses(await statuses('2026-01', district), {
      M1: 'aktif', M2: 'aktif', M3: 'menunggak', M4: 'menunggak', M5: 'aktif', M7: 'baru', M10: 'aktif', M12: 'aktif', M13: 'menunggak',
    });
  });

  it('2026-02: M3 menunggak in its 3rd unpaid month; M6 baru', async () => {
    expectStatuses(await statuses('2026-02', district), {
      M1: 'aktif', M2: 'aktif', M3: 'menunggak', M4: 'aktif', M5: 'aktif', M6: 'baru', M7: 'aktif', M10: 'aktif', M12: 'aktif', M13: 'menunggak',
    });
  });

  it('2026-03: M3 nonaktif in its 4th unpaid month; M6 (never paid) nonaktif a month after enrolling', async () => {
    expectStatuses(await statuses('2026-03', district), {
      M1: 'aktif', M2: 'aktif', M3: 'nonaktif', M4: 'menunggak', M5: 'menunggak', M6: 'nonaktif', M7: 'menunggak', M9: 'aktif', M10: 'aktif', M12: 'aktif', M13: 'menunggak',
    });
  });

  it('2026-06: everyone enrolled by then is listed', async () => {
    expectStatuses(await statuses('2026-06', district), {
      M1: 'menunggak', M2: 'aktif', M3: 'nonaktif', M4: 'nonaktif', M5: 'nonaktif', M6: 'nonaktif', M7: 'nonaktif', M8: 'menunggak', M9: 'menunggak', M10: 'menunggak', M12: 'aktif', M13: 'aktif',
    });
  });

  it('village 2002 in 2026-04 and A1 in 2026-04', async () => {
    expectStatuses(await statuses('2026-04', { regionCode: V2 }), {
      M4: 'menunggak', M5: 'menunggak', M7: 'menunggak', M9: 'aktif', M12: 'aktif',
    });
    expectStatuses(await statuses('2026-04', { regionCode: DISTRICT, agentCodes: ['A1'] }), {
      M1: 'aktif', M2: 'aktif', M3: 'nonaktif', M13: 'nonaktif', // M8 enrolls in 05
    });
  });

  it.each(Object.keys(DISTRICT_HAND_SUMMARIES))('%s agrees with getSummary\'s counts', async (period) => {
    const rows = await listMemberStatuses(tdb.db, { period, scope: district });
    const count = (s: MemberStatus) => rows.filter((r) => r.status === s).length;
    const hand = DISTRICT_HAND_SUMMARIES[period]!;
    expect(count('aktif')).toBe(hand.activeMembers);
    expect(count('menunggak')).toBe(hand.lapsedMembers);
    expect(count('baru')).toBe(hand.pendingMembers);
  });
});

describe('getCohortRetention', () => {
  const retention = (cohortMonth: string, months: number, scope: IndicatorScope) =>
    getCohortRetention(tdb.db, { cohortMonth, months, scope });

  it('the November 2025 cohort of the district (M5, M10, M13 enrolled 11-30)', async () => {
    // k = 3 -> 2026-02: M5 aktif (late-paid arrears), M10 aktif, M13 menunggak -> 2 / 3
    const k3 = await retention('2025-11', 3, district);
    expect(k3.cohortSize).toBe(3);
    expect(k3.retained).toBe(2);
    expect(k3.rate!).toBeCloseTo(200 / 3, 9);
    // k = 6 -> 2026-05: M5 (last 02) no, M10 (last 04) no, M13 (pays 05..07) yes -> 1 / 3
    const k6 = await retention('2025-11', 6, district);
    expect(k6).toMatchObject({ cohortSize: 3, retained: 1 });
    expect(k6.rate!).toBeCloseTo(100 / 3, 9);
    // k = 12 -> 2026-11: none -> 0 / 3
    const k12 = await retention('2025-11', 12, district);
    expect(k12).toMatchObject({ cohortSize: 3, retained: 0, rate: 0 });
  });

  it('the same cohort in village 2001 (M10, M13) and for A1 (M13)', async () => {
    expect(await retention('2025-11', 3, { regionCode: V1 })).toMatchObject({ cohortSize: 2, retained: 1, rate: 50 }); // M10
    expect(await retention('2025-11', 6, { regionCode: V1 })).toMatchObject({ cohortSize: 2, retained: 1, rate: 50 }); // M13
    expect(await retention('2025-11', 3, { regionCode: DISTRICT, agentCodes: ['A1'] })).toMatchObject({ cohortSize: 1, retained: 0, rate: 0 });
    expect(await retention('2025-11', 6, { regionCode: DISTRICT, agentCodes: ['A1'] })).toMatchObject({ cohortSize: 1, retained: 1, rate: 100 });
  });

  it('October 2025: M1 in the district; M1 and M11 in the regency', async () => {
    // district: M1 only (M11 lives outside). k=3 -> 2026-01 aktif; k=6 -> 2026-04 aktif (paid 04-01)
    expect(await retention('2025-10', 3, district)).toMatchObject({ cohortSize: 1, retained: 1, rate: 100 });
    expect(await retention('2025-10', 6, district)).toMatchObject({ cohortSize: 1, retained: 1, rate: 100 });
    // regency: k=6 -> 2026-04: M1 and M11 aktif -> 2 / 2; k=12 -> 2026-10: M11 covered only to 2026-09 -> 0 / 2
    expect(await retention('2025-10', 6, { regionCode: '33.02' })).toMatchObject({ cohortSize: 2, retained: 2, rate: 100 });
    expect(await retention('2025-10', 12, { regionCode: '33.02' })).toMatchObject({ cohortSize: 2, retained: 0, rate: 0 });
  });

  it('an empty cohort has rate null', async () => {
    expect(await retention('2025-06', 3, district)).toEqual({ cohortSize: 0, retained: 0, rate: null });
  });
});

describe('getChannelShares', () => {
  const shares = async (period: string, scope: IndicatorScope) =>
    (await getChannelShares(tdb.db, { period, scope })).slice().sort((a, b) => a.channel.localeCompare(b.channel));

  it('2025-11 in the district: agent 2 of 3, formal_socialisation 1 of 3', async () => {
    const rows = await shares('2025-11', district);
    expect(rows.map((r) => [r.channel, r.enrolments])).toEqual([
      ['agent', 2], // M5, M13 (enrolled on the last day, 11-30)
      ['formal_socialisation', 1], // M10
    ]);
    expect(rows[0]!.share).toBeCloseTo(200 / 3, 9);
    expect(rows[1]!.share).toBeCloseTo(100 / 3, 9);
  });

  it('2025-11 in village 2001 and for A1', async () => {
    const v1 = await shares('2025-11', { regionCode: V1 }); // M10, M13
    expect(v1).toEqual([
      { channel: 'agent', enrolments: 1, share: 50 },
      { channel: 'formal_socialisation', enrolments: 1, share: 50 },
    ]);
    expect(await shares('2025-11', { regionCode: DISTRICT, agentCodes: ['A1'] })).toEqual([
      { channel: 'agent', enrolments: 1, share: 100 }, // M13
    ]);
  });

  it('2025-10: the outside walk-in M11 counts only in the regency', async () => {
    expect(await shares('2025-10', district)).toEqual([{ channel: 'agent', enrolments: 1, share: 100 }]); // M1
    expect(await shares('2025-10', { regionCode: '33.02' })).toEqual([
      { channel: 'agent', enrolments: 1, share: 50 },
      { channel: 'walk_in', enrolments: 1, share: 50 },
    ]);
  });

  it('2026-02: M6 walk_in; 2026-04: no enrolments, no rows', async () => {
    expect(await shares('2026-02', district)).toEqual([{ channel: 'walk_in', enrolments: 1, share: 100 }]);
    expect(await shares('2026-04', district)).toEqual([]);
  });
});
