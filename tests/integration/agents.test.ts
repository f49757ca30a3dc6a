// Agent performance on the hand-made dataset (tests/helpers/handmade-data.ts: read its member table and
// status grid first), on PostgreSQL and PGlite. Every expected figure is worked out by hand below.
//
// Added here on top of the shared data:
//   A3   an agent with no recruits at all, village V1, active from 2025-06-01.
//   A1   changes village V1 → V2 after its members were recruited (agents.village_code is updated):
//        its figures follow the agent, whatever village it lives in now.
//   M14  A1, V1, enrolled 2026-02-10, never paid                     (a recruit who never paid)
//   M15  A2, V2, enrolled 2023-11-01: 2023-11 x12 @2023-11-01, 2024-11 x11 @2024-11-01 (covers to 2025-09),
//        2025-10 x3 @2026-01-05 through A2 → contribution months 24, 25, 26 of the member
//   M16  A2, V2, enrolled 2026-03-15, 2026-03 x1 @2026-03-15 through A2
//   agent_communities: A1 belongs to the (only) community; A2 does not. Every member is in it, so A1's
//        recruits are "embedded", A2's "outside".
//   agent_targets: A1 2026-02 = 2.
//   Incentive rates, two periods (effective_to inclusive):
//        period 1 2025-01-01 .. 2025-12-31: acquisition 10 000 / new member, minimum 1 new NIK, fee 10 % (months 1–24), 5 % (25–60)
//        period 2 2026-01-01 ..           : acquisition 20 000 / new member, minimum 2 new NIKs, fee 15 % (1–24), 5 % (25–60)
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '@/db/schema';
import { getAgentDetail, listAgents, saveAgentTarget } from '@/server/agents';
import { type AgentRow } from '@/contracts/agents';
import type { Caller } from '@/server/auth/caller';
import { getAgentFigures } from '@/server/indicators/agents';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases';
import { DISTRICT, PER_MONTH, V1, V2, loadHandmadeData } from '../helpers/handmade-data';

const officer: Caller = { userId: 0, email: 'o@test', name: 'Officer', role: 'bpjs_officer', regionCode: null };
const official: Caller = { userId: 0, email: 'd@test', name: 'Official', role: 'district_official', regionCode: null };

describe.each(ENGINES)('agent performance on %s', (engine) => {
  let tdb: TestDatabase;
  let supervisor: Caller;
  let officerCaller: Caller;

  beforeAll(async () => {
    tdb = await createTestDatabase(engine);
    const db = tdb.db;
    await loadHandmadeData(db);
    const [community] = await db.select({ id: schema.communities.id }).from(schema.communities);
    const users = await db
      .insert(schema.users)
      .values([
        { email: 's@test', name: 'Supervisor Satu', passwordHash: 'x', role: 'supervisor' },
        { email: 'o@test', name: 'Officer', passwordHash: 'x', role: 'bpjs_officer' },
      ])
      .returning({ id: schema.users.id });
    supervisor = { userId: users[0]!.id, email: 's@test', name: 'Supervisor Satu', role: 'supervisor', regionCode: null };
    officerCaller = { ...officer, userId: users[1]!.id };
    await db.insert(schema.agents).values({ code: 'A3', name: 'Agen Tiga', villageCode: V1, activeFrom: '2025-06-01' });
    await db.update(schema.agents).set({ supervisorId: supervisor.userId }).where(eq(schema.agents.code, 'A1'));
    await db.insert(schema.agentCommunities).values({ agentCode: 'A1', communityId: community!.id });
    await db.insert(schema.agentTargets).values({ agentCode: 'A1', month: '2026-02-01', recruitsTarget: 2 });
    const member = async (nik: string, village: string, agent: string, enrolledOn: string, pays: Array<[string, number, string]>) => {
      const [row] = await db
        .insert(schema.members)
        .values({ nik, name: `Anggota ${nik.slice(-2)}`, sex: 'L', villageCode: village, communityId: community!.id, agentCode: agent, channel: 'agent', enrolledOn, declaredIncome: 1_000_000 })
        .returning({ id: schema.members.id });
      for (const [firstMonth, monthsCount, paidOn] of pays) {
        await db.insert(schema.contributions).values({ memberId: row!.id, firstMonth, monthsCount, jkkAmount: 10_000 * monthsCount, jkmAmount: 6_800 * monthsCount, paidOn, agentCode: agent });
      }
    };
    await member('3302140000000014', V1, 'A1', '2026-02-10', []);
    await member('3302140000000015', V2, 'A2', '2023-11-01', [
      ['2023-11-01', 12, '2023-11-01'],
      ['2024-11-01', 11, '2024-11-01'],
      ['2025-10-01', 3, '2026-01-05'],
    ]);
    await member('3302140000000016', V2, 'A2', '2026-03-15', [['2026-03-01', 1, '2026-03-15']]);
    const rate = (key: string, value: number, unit: 'rupiah' | 'percent' | 'count', effectiveFrom: string, effectiveTo: string | null) =>
      ({ category: 'incentive' as const, key, value, unit, effectiveFrom, effectiveTo });
    await db.insert(schema.referenceRates).values([
      rate('acquisition_jkk_jkm', 10_000, 'rupiah', '2025-01-01', '2025-12-31'),
      rate('acquisition_min_new_niks', 1, 'count', '2025-01-01', '2025-12-31'),
      rate('collection_fee_months_1_24', 10, 'percent', '2025-01-01', '2025-12-31'),
      rate('collection_fee_months_25_60', 5, 'percent', '2025-01-01', '2025-12-31'),
      rate('acquisition_jkk_jkm', 20_000, 'rupiah', '2026-01-01', null),
      rate('acquisition_min_new_niks', 2, 'count', '2026-01-01', null),
      rate('collection_fee_months_1_24', 15, 'percent', '2026-01-01', null),
      rate('collection_fee_months_25_60', 5, 'percent', '2026-01-01', null),
    ]);
    // A1 moves house after recruiting: from V1 to V2.
    await db.update(schema.agents).set({ villageCode: V2 }).where(eq(schema.agents.code, 'A1'));
  });

  afterAll(async () => {
    await tdb?.destroy();
  });

  const rowsOf = async (caller: Caller, period: string, filters = {}) => {
    const view = await listAgents(tdb.db, { caller, period, filters });
    return { view, byCode: new Map(view.rows.map((row) => [row.code, row])) };
  };

  it('the agents table for 2026-02 equals the hand answers', async () => {
    const { byCode } = await rowsOf(officerCaller, '2026-02');
    expect([...byCode.keys()]).toEqual(['A1', 'A2', 'A3']);
    const a1 = byCode.get('A1')!;
    expect(a1).toMatchObject<Partial<AgentRow>>({
      village: 'Tipar Kidul', // its village now (it moved to V2); its figures still follow it
      villageCode: V2,
      supervisor: 'Supervisor Satu',
      recruits: 1, // M14 (enrolled 2026-02-10, never paid)
      activeMembers: 2, // M1, M2 (M3, M13 menunggak; M14 baru; M8 not yet enrolled)
      membersInArrears: 2, // M3, M13
      membersInArrearsPreviousMonth: 2, // January: M3, M13
      arrearsRising: false,
      contributionsCollected: 0, // nothing paid through A1 in February
      claimsAssisted: 2, // C2 (02-01), C3 (02-10)
      target: 2,
      targetAttainment: 50, // 1 / 2
      behindTarget: true,
      lastAcquisition: '2026-02',
      monthsSinceLastAcquisition: 0,
      inactivityFlag: false,
      acquisitionBonus: 0, // 1 recruit < minimum 2 of period 2
      collectionFee: 0,
      incentive: 0,
    });
    const a2 = byCode.get('A2')!;
    expect(a2).toMatchObject<Partial<AgentRow>>({
      recruits: 0, // M7 enrolled 01-31 is January's
      // 2026-02 aktif: M4 (2026-02 x1), M5 (its late payment covers 12..02), M7, M10, M12 = 5; M15 is covered
      // to 2025-12 only (menunggak); M9 and M16 enrol in March.
      activeMembers: 5,
      membersInArrears: 1, // M15
      membersInArrearsPreviousMonth: 2, // January: M4 (last covered 2025-10) and M15 (last covered 2025-12)
      arrearsRising: false,
      // paid through A2 in February: M4 16 800 (02-03), M5 3 × 16 800 (02-10), M7 16 800 (02-02) = 5 × 16 800
      contributionsCollected: 5 * PER_MONTH,
      claimsAssisted: 2, // C4 (02-05), C6 (02-20)
      target: null,
      targetAttainment: null,
      lastAcquisition: '2026-01', // M7
      monthsSinceLastAcquisition: 1,
    });
    const a3 = byCode.get('A3')!;
    expect(a3).toMatchObject<Partial<AgentRow>>({
      recruits: 0,
      activeMembers: 0,
      membersInArrears: 0,
      contributionsCollected: 0,
      claimsAssisted: 0,
      retention6m: null,
      target: null,
      targetAttainment: null,
      lastAcquisition: null,
      monthsSinceLastAcquisition: 8, // never recruited: counted from its start, 2025-06 → 2026-02
      inactivityFlag: true,
      incentive: 0,
    });
  });

  it('incentive under the first rate period (2025-11) and the second (2026-01, 2026-03)', async () => {
    const figures = await getAgentFigures(tdb.db, { from: '2025-11', to: '2026-03', agentCodes: ['A1', 'A2', 'A3'], scope: { regionCode: DISTRICT } });
    const at = (period: string, code: string) => figures.find((f) => f.period === period && f.agentCode === code)!;
    // 2025-11, period 1: A2 recruits M5 (11-03) and M10 (11-20) = 2 ≥ 1 → bonus 2 × 10 000.
    // Paid through A2 in November: M5 2025-11 x1 (its month 1) = 16 800; M10 2025-11 x6 (months 1–6) = 100 800.
    // Fee 10 % of 117 600 = 11 760.
    expect(at('2025-11', 'A2')).toMatchObject({ recruits: 2, collected: 117_600, acquisitionBonus: 20_000, collectionFee: 11_760, ratesInForce: true });
    // 2025-12, period 1: A1 collects M1 2026-01 x3 (paid 12-31; M1's months 4–6) 50 400 and M13 2025-12 x1
    // (its month 1) 16 800 → 67 200, fee 10 % = 6 720; no recruit in December (M13 enrolled 11-30) → no bonus.
    expect(at('2025-12', 'A1')).toMatchObject({ recruits: 0, collected: 67_200, acquisitionBonus: 0, collectionFee: 6_720, monthsSinceLastAcquisition: 1 });
    // 2026-01, period 2: A2 collects M15 2025-10 x3 paid 01-05. M15's month 1 is 2023-11, so 2025-10 is its
    // month 24 (fee 15 %) and 2025-11, 2025-12 its months 25, 26 (fee 5 %): 2 520 + 2 × 840 = 4 200.
    // A2 recruits M7 only (01-31): 1 < minimum 2 → no bonus (under period 1 it would have earned 10 000).
    expect(at('2026-01', 'A2')).toMatchObject({ recruits: 1, collected: 3 * PER_MONTH, acquisitionBonus: 0, collectionFee: 4_200 });
    // 2026-03, period 2: A2 recruits M9 (03-01) and M16 (03-15) = 2 ≥ 2 → bonus 2 × 20 000 = 40 000.
    // Paid through A2: M9 2026-03 x3 (months 1–3) 50 400 + M16 16 800 = 67 200; fee 15 % = 10 080.
    expect(at('2026-03', 'A2')).toMatchObject({ recruits: 2, collected: 67_200, acquisitionBonus: 40_000, collectionFee: 10_080 });
    // A3 never recruits: 2025-06 → 2026-03 = 9 months.
    expect(at('2026-03', 'A3')).toMatchObject({ recruits: 0, collected: 0, acquisitionBonus: 0, collectionFee: 0, monthsSinceLastAcquisition: 9, lastAcquisition: null });
    // Before any rate is in force nothing is earned, and it says so.
    const early = await getAgentFigures(tdb.db, { from: '2024-11', to: '2024-11', agentCodes: ['A2'], scope: { regionCode: DISTRICT } });
    expect(early[0]).toMatchObject({ collected: 11 * PER_MONTH, collectionFee: 0, ratesInForce: false });
  });

  it('trust, measured: retention at 6 months by the agent’s tie to the member’s community, with the counts', async () => {
    // Period 2026-05: cohorts enrolled 2025-01 .. 2025-11.
    // A1 (belongs to the community → embedded): M1 (10 → 2026-04 covered), M2 (07 → 2026-01 covered),
    //   M3 (09 → 2026-03 not covered), M13 (11 → 2026-05 covered) → 3 of 4 = 75 %.
    // A2 (outside): M4 (08 → 2026-02 covered), M5 (11 → 2026-05 not), M10 (11 → 2026-05 not) → 1 of 3.
    const { view, byCode } = await rowsOf(officerCaller, '2026-05');
    expect(view.trust.embedded).toEqual({ rate: 75, cohort: 4, retained: 3 });
    expect(view.trust.outside.cohort).toBe(3);
    expect(view.trust.outside.retained).toBe(1);
    expect(view.trust.outside.rate).toBeCloseTo(100 / 3, 9);
    expect(view.trust.noCommunity).toEqual({ rate: null, cohort: 0, retained: 0 });
    expect(byCode.get('A1')).toMatchObject({ retention6m: 75, retention6mCohort: 4, embeddedRetention6m: 75, embeddedCohort: 4, outsideCohort: 0, outsideRetention6m: null });
    expect(byCode.get('A2')!.outsideRetention6m).toBeCloseTo(100 / 3, 9);
    // Period 2026-08: cohorts 2025-04 .. 2026-02. A1 adds M14 (2026-02, never paid → not retained in 2026-08):
    // 3 of 5 = 60 %. A2: M4 yes, M5 no, M10 no, M12 (12 → 2026-06 covered) yes, M7 (01 → 2026-07) no → 2 of 5.
    const later = await rowsOf(officerCaller, '2026-08');
    expect(later.view.trust.embedded).toEqual({ rate: 60, cohort: 5, retained: 3 });
    expect(later.view.trust.outside).toEqual({ rate: 40, cohort: 5, retained: 2 });
  });

  it('filters by village (the agent’s current one), supervisor and community', async () => {
    expect((await rowsOf(officerCaller, '2026-02', { villageCode: V2 })).view.rows.map((r) => r.code)).toEqual(['A1', 'A2']);
    expect((await rowsOf(officerCaller, '2026-02', { villageCode: V1 })).view.rows.map((r) => r.code)).toEqual(['A3']);
    expect((await rowsOf(officerCaller, '2026-02', { supervisorId: supervisor.userId })).view.rows.map((r) => r.code)).toEqual(['A1']);
    const [community] = await tdb.db.select({ id: schema.communities.id }).from(schema.communities);
    const { view } = await rowsOf(officerCaller, '2026-02', { communityId: community!.id });
    expect(view.rows.map((r) => r.code)).toEqual(['A1']);
    // Filter options come from every agent the caller may see, not only the filtered ones.
    expect(view.options.villages.map((v) => v.code)).toEqual([V1, V2]);
  });

  it('a supervisor sees only their own agents; another agent is not found', async () => {
    const { view } = await rowsOf(supervisor, '2026-02');
    expect(view.rows.map((r) => r.code)).toEqual(['A1']);
    expect(await getAgentDetail(tdb.db, { caller: supervisor, code: 'A2', period: '2026-02' })).toBeNull();
    expect(await getAgentDetail(tdb.db, { caller: supervisor, code: 'NOPE', period: '2026-02' })).toBeNull();
    expect(await getAgentDetail(tdb.db, { caller: supervisor, code: 'A1', period: '2026-02' })).not.toBeNull();
  });

  it('an agent page: monthly series, status mix, arrears to revisit (masked NIK), claims with turnaround', async () => {
    const detail = (await getAgentDetail(tdb.db, { caller: supervisor, code: 'A1', period: '2026-02' }))!;
    expect(detail.series.map((p) => p.period)).toEqual([
      '2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02',
    ]);
    const point = (period: string) => detail.series.find((p) => p.period === period)!;
    // Recruits by month: M2 07, M3 09, M1 10, M13 11, M14 2026-02.
    expect(detail.series.map((p) => p.recruits)).toEqual([0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 0, 1]);
    // Active A1 members: 07 M2; 08 M2; 09 M2, M3; 10 M1, M2, M3; 11 M1, M2, M3; 12 M1, M2, M13; 01 M1, M2; 02 M1, M2.
    expect(detail.series.map((p) => p.activeMembers)).toEqual([0, 0, 0, 0, 1, 1, 2, 3, 3, 3, 2, 2]);
    // Collected through A1: 07 M2 12 × 16 800; 09 M3 3 ×; 10 M1 3 ×; 12 67 200 (above).
    expect(point('2025-07').contributionsCollected).toBe(12 * PER_MONTH);
    expect(point('2025-09').contributionsCollected).toBe(3 * PER_MONTH);
    expect(point('2025-10').contributionsCollected).toBe(3 * PER_MONTH);
    expect(point('2025-12').contributionsCollected).toBe(4 * PER_MONTH);
    expect(point('2026-02').target).toBe(2);
    expect(detail.statusMix).toEqual({ aktif: 2, menunggak: 2, baru: 1, nonaktif: 0 });
    // In arrears in 2026-02: M3 (last covered 2025-11), M13 (last covered 2025-12); oldest first.
    expect(detail.arrears!.map((m) => m.lastCoveredMonth)).toEqual(['2025-11', '2025-12']);
    expect(detail.arrears!.every((m) => /^3302•{8}\d{4}$/.test(m.nikMasked))).toBe(true);
    expect(detail.communityList).toEqual([expect.objectContaining({ belongs: true, members: 5 })]); // M1 M2 M3 M13 M14
    // Claims assisted 2025-03 .. 2026-02: C2 (paid the day it was submitted: 0 days), C3 (submitted, unpaid).
    expect(detail.claims!.map((c) => [c.number, c.turnaroundDays])).toEqual([
      ['C3', null],
      ['C2', 0],
    ]);
    expect(detail.turnaroundMedianDays).toBe(0);
  });

  it('a district official gets "<5" for small figures and no member list or claim details', async () => {
    const { byCode } = await rowsOf(official, '2026-02');
    expect(byCode.get('A1')).toMatchObject({ recruits: '<5', activeMembers: '<5', membersInArrears: '<5', targetAttainment: '<5' });
    expect(byCode.get('A2')).toMatchObject({ activeMembers: 5, contributionsCollected: '<5' }); // 3 payers
    const detail = (await getAgentDetail(tdb.db, { caller: official, code: 'A1', period: '2026-02' }))!;
    expect(detail.arrears).toBeNull();
    expect(detail.claims).toBeNull();
    expect(detail.claimsCount).toBe('<5');
    // An agent's incentive is their income: the district sees the agent, not what they earn.
    for (const row of [byCode.get('A1'), byCode.get('A2'), detail]) {
      expect(row).not.toHaveProperty('incentive');
      expect(row).not.toHaveProperty('acquisitionBonus');
      expect(row).not.toHaveProperty('collectionFee');
    }
    for (const point of detail.series) expect(point).not.toHaveProperty('incentive');
  });

  it('officers set a target (audited) and attainment follows; supervisors may not', async () => {
    await expect(
      saveAgentTarget(tdb.db, { caller: supervisor, input: { agentCode: 'A1', month: '2026-02', recruitsTarget: 4 } }),
    ).rejects.toMatchObject({ status: 403 });
    const result = await saveAgentTarget(tdb.db, { caller: officerCaller, input: { agentCode: 'A1', month: '2026-02', recruitsTarget: 4 } });
    expect(result).toEqual({ saved: true, agentName: 'Agen Satu', previous: 2 });
    const { byCode } = await rowsOf(officerCaller, '2026-02');
    expect(byCode.get('A1')).toMatchObject({ target: 4, targetAttainment: 25 });
    const audit = await tdb.db.select().from(schema.auditLog).where(eq(schema.auditLog.entity, 'agent_target'));
    expect(audit).toEqual([expect.objectContaining({ action: 'update', entityId: 'A1/2026-02', details: { from: 2, to: 4 }, userId: officerCaller.userId })]);
    expect(await saveAgentTarget(tdb.db, { caller: officerCaller, input: { agentCode: 'NOPE', month: '2026-02', recruitsTarget: 1 } })).toMatchObject({ saved: false });
  });
});
