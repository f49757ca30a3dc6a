// The planning views (server/plan.ts) on a small hand-made dataset, on PostgreSQL and PGlite. Every
// expected figure is worked out by hand below from PRODUCT.md's definitions, not by running the code.
//
// Villages V1 (33.02.14.2001), V2 (.2002). Communities C1 (V1, parkir), C2 (V2, pkl). Agents A1 (V1,
// belongs to C1), A2 (V2, belongs to none); both active from 2024-01-01.
// Member community agent channel               enrolled    paid (first month × months)       covered
// E1     C1        A1    agent                 2025-03-10  2025-03 ×12                       2025-03 .. 2026-02
// E2     C1        A1    agent                 2025-04-05  2025-04 ×3                        2025-04 .. 2025-06
// E3     C1        A1    agent                 2025-05-01  2025-05 ×12, 2026-05 ×2           2025-05 .. 2026-06
// O1     C2        A2    community             2025-02-20  2025-02 ×3                        2025-02 .. 2025-04
// O2     C2        A2    cooperative           2025-06-15  2025-06 ×12                       2025-06 .. 2026-05
// O3     C1 (V1)   A2    agent                 2025-07-01  2025-07 ×1                        2025-07
// O4     C2        A2    formal_socialisation  2025-08-01  2025-08 ×6                        2025-08 .. 2026-01
// W1     C1 (V1)   -     walk_in               2026-04-10  2026-04 ×3                        2026-04 .. 2026-06
// N1     - (V2)    A2    agent                 2025-09-01  2025-09 ×12                       2025-09 .. 2026-08
// Occupations: E1–E3, O3, W1 parkir in V1; O1, O2, O4, N1 pkl in V2.
// Claims: O2 submitted 2025-10-01 (after enrolment, counts); E3 submitted 2025-04-01 (before it, does not).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '@/db/schema';
import type { Caller } from '@/server/auth/caller';
import { getAgentGaps, getCapacityPlan, getChannelEffectiveness, listScenarios, measureCapacity, saveScenario } from '@/server/plan';
import { planCapacity } from '@/domain/plan';
import type { z } from 'zod';
import { agentGapsContract, capacityContract, channelsContract, scenariosContract } from '@/contracts/plan';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases';

const DISTRICT = '33.02.14';
const V1 = '33.02.14.2001';
const V2 = '33.02.14.2002';
const officer: Caller = { userId: 0, email: 'o@test', name: 'Officer', role: 'bpjs_officer', regionCode: null };
const official: Caller = { userId: 0, email: 'd@test', name: 'Official', role: 'district_official', regionCode: null };
const supervisor: Caller = { userId: 0, email: 's@test', name: 'Supervisor', role: 'supervisor', regionCode: null };

/** The body as it travels (JSON), read back by the contract's schema: nothing dropped, nothing changed. */
function expectContract(schema: z.ZodType, body: unknown, label: string) {
  const sent: unknown = JSON.parse(JSON.stringify(body));
  const read = schema.safeParse(sent);
  expect(read.error?.issues ?? [], label).toEqual([]);
  expect(read.data, label).toEqual(sent);
}

describe.each(ENGINES)('planning views on %s', (engine) => {
  let tdb: TestDatabase;
  let c1 = 0;
  let c2 = 0;
  let officerCaller: Caller;

  beforeAll(async () => {
    tdb = await createTestDatabase(engine);
    const db = tdb.db;
    await db.insert(schema.regions).values([
      { code: '33', name: 'Jawa Tengah', level: 'province', parentCode: null },
      { code: '33.02', name: 'Banyumas', level: 'regency', parentCode: '33' },
      { code: DISTRICT, name: 'Ajibarang', level: 'district', parentCode: '33.02' },
      { code: V1, name: 'Darmakradenan', level: 'village', parentCode: DISTRICT },
      { code: V2, name: 'Tipar Kidul', level: 'village', parentCode: DISTRICT },
    ]);
    await db.insert(schema.occupations).values([
      { code: 'parkir', nameId: 'Tukang parkir', nameEn: 'Parking attendant' },
      { code: 'pkl', nameId: 'PKL', nameEn: 'Street vendor' },
    ]);
    await db.insert(schema.workforceEstimates).values([
      { regionCode: V1, year: 2026, informalWorkers: 30 },
      { regionCode: V2, year: 2026, informalWorkers: 20 },
    ]);
    await db.insert(schema.workforceEstimatesByOccupation).values([
      { regionCode: V1, year: 2026, occupationCode: 'parkir', informalWorkers: 10 },
      { regionCode: V2, year: 2026, occupationCode: 'pkl', informalWorkers: 8 },
    ]);
    const communities = await db
      .insert(schema.communities)
      .values([
        { name: 'Paguyuban Parkir', type: 'occupation_association', villageCode: V1, occupationCode: 'parkir' },
        { name: 'Paguyuban PKL', type: 'occupation_association', villageCode: V2, occupationCode: 'pkl' },
      ])
      .returning({ id: schema.communities.id });
    c1 = communities[0]!.id;
    c2 = communities[1]!.id;
    await db.insert(schema.agents).values([
      { code: 'A1', name: 'Agen Satu', villageCode: V1, activeFrom: '2024-01-01' },
      { code: 'A2', name: 'Agen Dua', villageCode: V2, activeFrom: '2024-01-01' },
    ]);
    await db.insert(schema.agentCommunities).values({ agentCode: 'A1', communityId: c1 });
    const [user] = await db.insert(schema.users).values({ email: 'o@test', name: 'Officer', passwordHash: 'x', role: 'bpjs_officer' }).returning({ id: schema.users.id });
    officerCaller = { ...officer, userId: user!.id };

    type Spec = [key: string, village: string, community: number | null, occupation: string, agent: string | null, channel: schema.Member['channel'], enrolled: string, pays: Array<[string, number]>];
    const specs: Spec[] = [
      ['E1', V1, c1, 'parkir', 'A1', 'agent', '2025-03-10', [['2025-03-01', 12]]],
      ['E2', V1, c1, 'parkir', 'A1', 'agent', '2025-04-05', [['2025-04-01', 3]]],
      ['E3', V1, c1, 'parkir', 'A1', 'agent', '2025-05-01', [['2025-05-01', 12], ['2026-05-01', 2]]],
      ['O1', V2, c2, 'pkl', 'A2', 'community', '2025-02-20', [['2025-02-01', 3]]],
      ['O2', V2, c2, 'pkl', 'A2', 'cooperative', '2025-06-15', [['2025-06-01', 12]]],
      ['O3', V1, c1, 'parkir', 'A2', 'agent', '2025-07-01', [['2025-07-01', 1]]],
      ['O4', V2, c2, 'pkl', 'A2', 'formal_socialisation', '2025-08-01', [['2025-08-01', 6]]],
      ['W1', V1, c1, 'parkir', null, 'walk_in', '2026-04-10', [['2026-04-01', 3]]],
      ['N1', V2, null, 'pkl', 'A2', 'agent', '2025-09-01', [['2025-09-01', 12]]],
    ];
    const ids: Record<string, number> = {};
    let n = 0;
    for (const [key, villageCode, communityId, occupationCode, agentCode, channel, enrolledOn, pays] of specs) {
      n += 1;
      const [row] = await db
        .insert(schema.members)
        .values({ nik: `33021400000099${String(n).padStart(2, '0')}`, name: `Anggota ${key}`, sex: 'L', villageCode, occupationCode, communityId, agentCode, channel, enrolledOn, declaredIncome: 1_000_000 })
        .returning({ id: schema.members.id });
      ids[key] = row!.id;
      for (const [firstMonth, monthsCount] of pays) {
        await db.insert(schema.contributions).values({ memberId: row!.id, firstMonth, monthsCount, jkkAmount: 10_000 * monthsCount, jkmAmount: 6_800 * monthsCount, paidOn: firstMonth, agentCode });
      }
    }
    await db.insert(schema.claims).values([
      { number: 'K1', memberId: ids.O2!, program: 'JKK', benefitType: 'medical', incidentDate: '2025-09-28', submittedOn: '2025-10-01', status: 'paid', amount: 1_000_000, paidOn: '2025-10-10' },
      { number: 'K2', memberId: ids.E3!, program: 'JKK', benefitType: 'medical', incidentDate: '2025-03-28', submittedOn: '2025-04-01', status: 'submitted' },
    ]);
  }, 120_000);

  afterAll(async () => {
    await tdb?.destroy();
  });

  it('ranks the places without an agent from within by the members one would likely keep', async () => {
    const view = await getAgentGaps(tdb.db, { caller: officer, period: '2026-06', region: DISTRICT, locale: 'en' });
    // Gap cohorts: enrolled 2025-01 .. 2025-12, read 6 months later, agents' recruits with a community.
    // Embedded (A1 in C1): E1 (2025-09 covered), E2 (2025-10 not), E3 (2025-11 covered) → 2 of 3.
    // Outside (A2): O1 (2025-08 not), O2 (2025-12 covered), O3 (2026-01 not), O4 (2026-02 not) → 1 of 4.
    // N1 has no community: in neither. Gap = 66.67 − 25 = 41.67 points; se = √(2/9/3 + 3/16/4) = 0.34778.
    expect(view.regionGap).toMatchObject({ embeddedCohort: 3, embeddedRetained: 2, outsideCohort: 4, outsideRetained: 1 });
    const se = Math.sqrt(2 / 9 / 3 + 3 / 16 / 4);
    expect(view.regionGap.gap).toBeCloseTo(100 * (2 / 3 - 1 / 4), 8);
    expect(view.regionGap.gapLow).toBeCloseTo(100 * (2 / 3 - 1 / 4 - 1.96 * se), 8);
    expect(view.cohortsFrom).toBe('2025-01');
    expect(view.cohortsTo).toBe('2025-12');
    // Status in 2026-06. C1: E3, W1 active; E1 (last 2026-02), E2, O3 ended → not covered 3.
    // C2: O2 in arrears (last 2026-05); O1, O4 ended → not covered 3; no agent belongs to C2.
    // V1 × parkir: workforce 10 − active 2 = 8 (A1 belongs to C1, a parkir community of V1).
    // V2 × pkl: workforce 8 − active 1 (N1) = 7; no agent. Both villages' cohorts are < 20: the region's gap.
    // Likely kept = not covered × 0.41667: V2×pkl 2.917, C2 1.25 | V1×parkir 3.333, C1 1.25.
    const gap = 2 / 3 - 1 / 4;
    expect(view.rows.map((r) => [r.kind, r.name, r.agentsFromWithin, r.activeMembers, r.membersInArrears, r.endedMembers, r.workforce, r.notCovered, r.gapSource])).toEqual([
      ['village_occupation', 'Street vendor — Tipar Kidul', 0, 1, 1, 2, 8, 7, 'region'],
      ['community', 'Paguyuban PKL', 0, 0, 1, 2, null, 3, 'region'],
      ['village_occupation', 'Parking attendant — Darmakradenan', 1, 2, 0, 3, 10, 8, 'region'],
      ['community', 'Paguyuban Parkir', 1, 2, 0, 3, null, 3, 'region'],
    ]);
    expect(view.rows.map((r) => r.likelyKept as number)).toEqual([7 * gap, 3 * gap, 8 * gap, 3 * gap].map((v) => expect.closeTo(v, 8)));
    // A district official sees "<5" for counts from fewer than five persons.
    const hidden = await getAgentGaps(tdb.db, { caller: official, period: '2026-06', region: DISTRICT, locale: 'en' });
    expect(hidden.rows[1]).toMatchObject({ membersInArrears: '<5', notCovered: '<5', likelyKept: '<5' });
    expect(hidden.regionGap.embeddedCohort).toBe('<5');
  });

  it('gives each channel its enrolments, retention at 3, 6 and 12 months, arrears and claims', async () => {
    const view = await getChannelEffectiveness(tdb.db, { caller: officer, from: '2025-01', to: '2026-06', region: DISTRICT });
    const row = (key: string) => view.rows.find((r) => r.key === key)!;
    // agent: E1, E2, E3, O3, N1 = 5 of 9 enrolments. 3 months: E1 (06), E3 (08), N1 (12) → 3/5;
    // 6 months: E1 (09), E3 (11), N1 (2026-03) → 3/5; 12 months: only cohorts with e+12 ≤ 2026-06 (E1, E2, E3):
    // E3 (2026-05) → 1/3. Active in 2026-06: E3, N1. None in arrears (E1's last month 2026-02: ended).
    expect(row('agent')).toMatchObject({
      enrolments: 5,
      retention3m: { cohort: 5, retained: 3, rate: 60 },
      retention6m: { cohort: 5, retained: 3, rate: 60 },
      retention12m: { cohort: 3, retained: 1 },
      activeNow: 2,
      membersInArrears: 0,
      claims: 0,
    });
    expect(row('agent').share).toBeCloseTo((5 / 9) * 100, 8);
    expect(row('agent').retention12m.rate).toBeCloseTo(100 / 3, 8);
    // cooperative: O2 covered 2025-09 and 2025-12, not 2026-06; in arrears in 2026-06; claim K1 after enrolment.
    expect(row('cooperative')).toMatchObject({
      enrolments: 1,
      retention3m: { cohort: 1, retained: 1 },
      retention6m: { cohort: 1, retained: 1 },
      retention12m: { cohort: 1, retained: 0, rate: 0 },
      membersInArrears: 1,
      claims: 1,
      membersWithClaim: 1,
    });
    // formal_socialisation: O4 covered at 3 months (2025-11), not at 6 (2026-02); 12 months (2026-08) not yet reached.
    expect(row('formal_socialisation')).toMatchObject({ retention3m: { cohort: 1, retained: 1 }, retention6m: { cohort: 1, retained: 0 }, retention12m: { cohort: 0, rate: null } });
    // walk_in: W1 enrolled 2026-04, three months not reached by 2026-06; active now.
    expect(row('walk_in')).toMatchObject({ enrolments: 1, retention3m: { cohort: 0, rate: null }, activeNow: 1 });
    expect(row('citizens_forum')).toMatchObject({ enrolments: 0, share: 0 });
    // E3's claim K2 was submitted before E3 enrolled: not "after enrolment".
    expect(row('agent').membersWithClaim).toBe(0);
    // One community: C2's members O1, O2, O4 came through community, cooperative, formal socialisation.
    const own = await getChannelEffectiveness(tdb.db, { caller: officer, from: '2025-01', to: '2026-06', region: DISTRICT, communityId: c2 });
    expect(own.community?.name).toBe('Paguyuban PKL');
    expect(own.rows.filter((r) => r.enrolments !== 0).map((r) => r.key).sort()).toEqual(['community', 'cooperative', 'formal_socialisation']);
  });

  it('measures the capacity inputs from final months and plans with them', async () => {
    // Plan as of 2026-09: the last final month is 2026-06; rates from 2025-07 .. 2026-06.
    // Active per month 2025-06 .. 2026-06: 4 4 4 5 5 5 5 5 4 3 4 4 3; kept (active and covered before)
    // 2025-07 .. 2026-06: 3 3 4 5 5 5 5 4 3 3 4 3 = 47 over the previous months' 52 → s = 47/52; low 3/4, high 1.
    const measured = await measureCapacity(tdb.db, { scope: { regionCode: DISTRICT }, startMonth: '2026-06', workforceYear: 2026 });
    expect(measured.inputs.activeNow).toBe(3);
    expect(measured.inputs.stockSurvival).toBeCloseTo(47 / 52, 10);
    expect(measured.inputs.stockSurvivalLow).toBe(0.75);
    expect(measured.inputs.stockSurvivalHigh).toBe(1);
    expect(measured.inputs.workforce).toBe(50);
    // Enrolled 2025-07 .. 2026-06: O3, O4 (A2, not of their community), N1 (A2, no community) outside; W1 other.
    expect(measured.inputs.mix).toEqual({ embedded: 0, outside: 0.75, other: 0.25 });
    expect(measured.inputs.trendEnrolments).toBeCloseTo(4 / 12, 10);
    // Agents' recruits 3 over 24 agent-months (A1 and A2 active all 12 months).
    expect(measured.inputs.recruitsPerAgentMonth).toBeCloseTo(3 / 24, 10);
    expect(measured.inputs.activeAgents).toBe(2);
    // Survival by months since enrolment: W1 (other) covered at k = 0, 1, 2 (2026-04 .. 06, the last final month).
    expect(measured.inputs.survival.other).toEqual([1, 1, 1]);
    // Embedded E1, E2, E3: all covered at k = 0, 1, 2; at k = 3 E2 (2025-07) is not → 2/3.
    expect(measured.inputs.survival.embedded.slice(0, 4)).toEqual([1, 1, 1, 2 / 3]);

    const view = await getCapacityPlan(tdb.db, { caller: officer, period: '2026-09', region: DISTRICT, targetRate: 20, targetMonth: '2026-12' });
    expect(view.startMonth).toBe('2026-06');
    expect(view.horizon).toBe(6);
    const expected = planCapacity(measured.inputs, { targetRate: 20, horizon: 6, embeddedShare: null });
    expect(view.answer?.targetActive).toBe(10);
    expect(view.answer?.enrolmentsPerMonth).toBeCloseTo(expected.enrolmentsPerMonth, 8);
    expect(view.path.map((p) => p.period)).toEqual(['2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']);
    expect(view.path[5]!.plan).toBeCloseTo(10, 6);
    await expect(getCapacityPlan(tdb.db, { caller: officer, period: '2026-09', region: DISTRICT, targetRate: 20, targetMonth: '2026-05' })).rejects.toMatchObject({ status: 400, code: 'bad_target_month' });
    await expect(getCapacityPlan(tdb.db, { caller: supervisor, period: '2026-09', region: DISTRICT, targetRate: 20 })).rejects.toMatchObject({ status: 403 });
  });

  it('saves a named scenario for its author only', async () => {
    const saved = await saveScenario(tdb.db, { caller: officerCaller, input: { name: 'Tipar 30%', region: V2, targetRate: 30, targetMonth: '2027-06', embeddedShare: 80 } });
    const mine = await listScenarios(tdb.db, { caller: officerCaller });
    expect(mine).toEqual([expect.objectContaining({ id: saved.id, name: 'Tipar 30%', region: V2, regionName: 'Tipar Kidul', targetRate: 30, targetMonth: '2027-06', embeddedShare: 80 })]);
    expect(await listScenarios(tdb.db, { caller: { ...officerCaller, userId: officerCaller.userId + 1 } })).toEqual([]);
    await expect(saveScenario(tdb.db, { caller: { ...officerCaller, regionCode: V1 }, input: { name: 'x', region: V2, targetRate: 30, targetMonth: '2027-06' } })).rejects.toMatchObject({ status: 403 });
  });

  it('answers exactly what the contracts read, for an officer and a district official', async () => {
    for (const caller of [officer, official]) {
      const label = caller.role;
      expectContract(agentGapsContract.response, await getAgentGaps(tdb.db, { caller, period: '2026-06', region: DISTRICT, locale: 'id' }), `gaps ${label}`);
      expectContract(
        capacityContract.response,
        await getCapacityPlan(tdb.db, { caller, period: '2026-09', region: DISTRICT, targetRate: 20, targetMonth: '2026-12', embeddedShare: 50 }),
        `capacity ${label}`,
      );
      expectContract(channelsContract.response, await getChannelEffectiveness(tdb.db, { caller, to: '2026-06', region: DISTRICT }), `channels ${label}`);
    }
    expectContract(scenariosContract.response, { rows: await listScenarios(tdb.db, { caller: officerCaller }) }, 'scenarios');
  });
});
