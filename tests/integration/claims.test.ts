// Claims and payouts on hand-made data, on PostgreSQL and PGlite: the summary (payouts by payment
// date, funnel by submission date, turnaround percentiles, approval rate), the benefit rules with their
// minimums, the solidarity effect, every allowed and refused transition, and two officers editing one
// claim at once. Every expected figure is worked out by hand in the comments.
//
// Geography: 33 > 33.02 > 33.02.14 > V1 (33.02.14.2001), V2 (33.02.14.2002); OUT = 33.02.15.2001.
// Communities: K1 in V1, K2 in V2. Agent A1 (V1) serves member Ma only.
//
// Members (income = declared monthly income):
//   Ma  V1 K1 A1  income 1 000 000  enrolled 2025-01-10  contribution 2026-01 x 6 (covers Jan..Jun 2026)
//   Mb  V2 K2 -   income 1 000 000  enrolled 2024-06-01  no contribution
//   Mc  V1 -  -   income   300 000  enrolled 2025-01-01  no contribution (never covered)
//   Md  V2 -  -   income 2 000 000  enrolled 2024-01-01  no contribution
//   Mo  OUT - -   income 1 000 000  enrolled 2024-01-01  (outside the district: never counted)
//   K1 enrolments: B1 2025-03-05, B2 2025-06-01, B3 2025-12-01, B4 2026-01-15, B5 2026-03-05,
//                  A1 2026-03-06, A2 2026-04-10, A3 2026-06-03, A4 2026-06-04
//   K2 enrolments: E1 2026-04-01
//
// Claims for the summary (range 2026-03 .. 2026-03):
//   no.   member prog status     submitted   paid        amount      turnaround
//   T-P1  Mb     JKM  paid       2026-02-20  2026-03-02  42 000 000  10
//   T-P2  Ma     JKK  paid       2026-03-01  2026-03-05   5 000 000   4
//   T-P3  Md     JKK  paid       2026-03-02  2026-03-22   2 000 000  20
//   T-P4  Md     JKK  paid       2026-03-10  2026-03-17   1 000 000   7
//   T-P5  Md     JKM  paid       2026-01-05  2026-03-31  42 000 000  85
//   T-P6  Md     JKK  paid       2026-03-25  2026-04-01   3 000 000  (paid in April: not a March payout)
//   T-S1  Md     JKK  submitted  2026-03-03
//   T-S2  Md     JKK  verified   2026-03-04
//   T-S3  Md     JKK  approved   2026-03-05              1 500 000
//   T-R1  Md     JKK  rejected   2026-03-06  reason "Dokumen tidak lengkap"
//   T-R2  Md     JKK  rejected   2026-03-07  reason "Dokumen tidak lengkap"
//   T-R3  Md     JKK  rejected   2026-03-08  reason "Bukan kecelakaan kerja"
//   T-O1  Mo     JKK  paid       2026-03-02  2026-03-09   9 999 999  (outside the district)
import type * as enums from '@/domain/enums';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import * as schema from '@/db/schema';
import { queryRows, type Database } from '@/db';
import { advanceClaim, getClaim, getClaimsSummary, listClaims, recordClaim } from '@/server/claims';
import type { Caller } from '@/server/auth/caller';
import { AppError } from '@/domain/errors';
import { benefitRatesOn, getClaimsSummaryCore, getClaimSolidarity, getSolidaritySummary } from '@/server/indicators/claims';
import { benefitRuling, CLAIM_TRANSITIONS } from '@/domain/claims';
import { CLAIM_STEPS, type ClaimStep } from '@/domain/claims';
import { REFERENCE_RATES } from '@/db/reference/shipped';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases';

const DISTRICT = '33.02.14';
const V1 = '33.02.14.2001';
const V2 = '33.02.14.2002';
const OUT = '33.02.15.2001';
const TODAY = '2026-11-25';

let nikSeq = 0;
const nextNik = () => `3302${String(++nikSeq).padStart(12, '0')}`;

interface Ids {
  members: Record<string, number>;
  officer: Caller;
  official: Caller;
  supervisor: Caller;
}

async function loadClaimsData(db: Database): Promise<Ids> {
  await db.insert(schema.regions).values([
    { code: '33', name: 'Jawa Tengah', level: 'province' },
    { code: '33.02', name: 'Banyumas', level: 'regency', parentCode: '33' },
    { code: DISTRICT, name: 'Ajibarang', level: 'district', parentCode: '33.02' },
    { code: '33.02.15', name: 'Luar', level: 'district', parentCode: '33.02' },
    { code: V1, name: 'Satu', level: 'village', parentCode: DISTRICT },
    { code: V2, name: 'Dua', level: 'village', parentCode: DISTRICT },
    { code: OUT, name: 'Luar Satu', level: 'village', parentCode: '33.02.15' },
  ]);
  await db.insert(schema.referenceRates).values(
    REFERENCE_RATES.map((rate) => ({ ...rate })),
  );
  // A later rate: the JKM lump sum rises to 25 jt for incidents from 2027 (checks effective dates).
  await db.insert(schema.referenceRates).values({
    category: 'benefit',
    key: 'jkm_lump_sum',
    value: 25_000_000,
    unit: 'rupiah',
    effectiveFrom: '2027-01-01',
    effectiveTo: null,
    source: 'test',
  });
  const users = await db
    .insert(schema.users)
    .values([
      { email: 'o@test', name: 'Officer', passwordHash: 'x', role: 'bpjs_officer' },
      { email: 'd@test', name: 'Official', passwordHash: 'x', role: 'district_official' },
      { email: 's@test', name: 'Supervisor', passwordHash: 'x', role: 'supervisor' },
    ])
    .returning({ id: schema.users.id });
  const [k1, k2] = await db
    .insert(schema.communities)
    .values([
      { name: 'K1', type: 'occupation_association', villageCode: V1 },
      { name: 'K2', type: 'cooperative', villageCode: V2 },
    ])
    .returning({ id: schema.communities.id });
  await db.insert(schema.agents).values({ code: 'A1', name: 'Agen Satu', villageCode: V1, activeFrom: '2024-01-01', supervisorId: users[2]!.id });

  const members: Record<string, number> = {};
  const add = async (key: string, village: string, community: number | null, agent: string | null, income: number, enrolledOn: string) => {
    const [row] = await db
      .insert(schema.members)
      .values({
        nik: nextNik(),
        kpj: `KPJ${key}`,
        name: `Nama ${key}`,
        sex: 'L',
        villageCode: village,
        communityId: community,
        agentCode: agent,
        channel: 'agent',
        enrolledOn,
        declaredIncome: income,
      })
      .returning({ id: schema.members.id });
    members[key] = row!.id;
  };
  await add('Ma', V1, k1!.id, 'A1', 1_000_000, '2025-01-10');
  await add('Mb', V2, k2!.id, null, 1_000_000, '2024-06-01');
  await add('Mc', V1, null, null, 300_000, '2025-01-01');
  await add('Md', V2, null, null, 2_000_000, '2024-01-01');
  await add('Mo', OUT, null, null, 1_000_000, '2024-01-01');
  for (const [key, day] of [
    ['B1', '2025-03-05'],
    ['B2', '2025-06-01'],
    ['B3', '2025-12-01'],
    ['B4', '2026-01-15'],
    ['B5', '2026-03-05'],
    ['A1', '2026-03-06'],
    ['A2', '2026-04-10'],
    ['A3', '2026-06-03'],
    ['A4', '2026-06-04'],
  ] as const) {
    await add(key, V1, k1!.id, null, 1_000_000, day);
  }
  await add('E1', V2, k2!.id, null, 1_000_000, '2026-04-01');
  await db.insert(schema.contributions).values({
    memberId: members.Ma!,
    firstMonth: '2026-01-01',
    monthsCount: 6,
    jkkAmount: 60_000,
    jkmAmount: 40_800,
    paidOn: '2026-01-02',
  });

  type C = typeof schema.claims.$inferInsert;
  const claim = (number: string, member: string, program: enums.Program, status: enums.ClaimStatus, submittedOn: string, extra: Partial<C> = {}): C => ({
    number,
    memberId: members[member]!,
    program,
    benefitType: program === 'JKM' ? 'death' : 'medical',
    incidentDate: submittedOn,
    submittedOn,
    status,
    ...extra,
  });
  await db.insert(schema.claims).values([
    claim('T-P1', 'Mb', 'JKM', 'paid', '2026-02-20', { paidOn: '2026-03-02', amount: 42_000_000 }),
    claim('T-P2', 'Ma', 'JKK', 'paid', '2026-03-01', { paidOn: '2026-03-05', amount: 5_000_000 }),
    claim('T-P3', 'Md', 'JKK', 'paid', '2026-03-02', { paidOn: '2026-03-22', amount: 2_000_000 }),
    claim('T-P4', 'Md', 'JKK', 'paid', '2026-03-10', { paidOn: '2026-03-17', amount: 1_000_000 }),
    claim('T-P5', 'Md', 'JKM', 'paid', '2026-01-05', { paidOn: '2026-03-31', amount: 42_000_000 }),
    claim('T-P6', 'Md', 'JKK', 'paid', '2026-03-25', { paidOn: '2026-04-01', amount: 3_000_000 }),
    claim('T-S1', 'Md', 'JKK', 'submitted', '2026-03-03'),
    claim('T-S2', 'Md', 'JKK', 'verified', '2026-03-04', { verifiedOn: '2026-03-05' }),
    claim('T-S3', 'Md', 'JKK', 'approved', '2026-03-05', { verifiedOn: '2026-03-06', approvedOn: '2026-03-07', amount: 1_500_000 }),
    claim('T-R1', 'Md', 'JKK', 'rejected', '2026-03-06', { rejectedOn: '2026-03-09', rejectionReason: 'Dokumen tidak lengkap' }),
    claim('T-R2', 'Md', 'JKK', 'rejected', '2026-03-07', { rejectedOn: '2026-03-09', rejectionReason: 'Dokumen tidak lengkap' }),
    claim('T-R3', 'Md', 'JKK', 'rejected', '2026-03-08', { rejectedOn: '2026-03-09', rejectionReason: 'Bukan kecelakaan kerja' }),
    claim('T-O1', 'Mo', 'JKK', 'paid', '2026-03-02', { paidOn: '2026-03-09', amount: 9_999_999 }),
  ]);
  const caller = (index: number, role: enums.Role): Caller => ({
    userId: users[index]!.id,
    email: `${role}@test`,
    name: role,
    role,
    regionCode: null,
  });
  return {
    members,
    officer: caller(0, 'bpjs_officer'),
    official: caller(1, 'district_official'),
    supervisor: caller(2, 'supervisor'),
  };
}

async function expectAppError(promise: Promise<unknown>, code: string, status: number) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected ${code}`).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  expect((error as AppError).status).toBe(status);
}

describe.each(ENGINES)('claims on %s', (engine) => {
  let tdb: TestDatabase;
  let ids: Ids;

  beforeAll(async () => {
    tdb = await createTestDatabase(engine);
    ids = await loadClaimsData(tdb.db);
  });
  afterAll(async () => {
    await tdb?.destroy();
  });

  it('summary of 2026-03: payouts by payment date, funnel by submission date, percentiles, approval rate', async () => {
    const core = await getClaimsSummaryCore(tdb.db, { scope: { regionCode: DISTRICT }, from: '2026-03', to: '2026-03' });
    // Paid in March inside the district: P1 P2 P3 P4 P5 (P6 is April's, O1 is outside).
    // JKK: P2 + P3 + P4 = 5 + 2 + 1 jt = 8 jt; JKM: P1 + P5 = 84 jt.
    expect(core.byProgram).toEqual([
      { program: 'JKK', count: 3, amount: 8_000_000 },
      { program: 'JKM', count: 2, amount: 84_000_000 },
    ]);
    // Submitted in March: P2 P3 P4 P6 (paid now), S1, S2, S3, R1 R2 R3 (P1, P5 were submitted earlier).
    expect(core.byStatus).toEqual([
      { status: 'submitted', count: 1 },
      { status: 'verified', count: 1 },
      { status: 'approved', count: 1 },
      { status: 'paid', count: 4 },
      { status: 'rejected', count: 3 },
    ]);
    // Turnarounds of March's payouts sorted: 4, 7, 10, 20, 85. Median = the 3rd = 10.
    // p90 (percentile_cont): position 0.9 × (5 − 1) = 3.6 → 20 + 0.6 × (85 − 20) = 59.
    expect(core.turnaroundMedianDays).toBe(10);
    expect(core.turnaroundP90Days).toBeCloseTo(59, 9);
    // Decided = approved 1 + paid 4 + rejected 3 = 8; approved or paid = 5 → 62.5 %.
    expect(core.approvalRate).toBe(62.5);

    const range = await getClaimsSummaryCore(tdb.db, { scope: { regionCode: DISTRICT }, from: '2026-03', to: '2026-04', program: 'JKK' });
    // JKK paid March–April: P2 P3 P4 P6 = 5 + 2 + 1 + 3 = 11 jt; turnarounds P2 4, P3 20, P4 7,
    // P6 (03-25 → 04-01) 7, sorted 4, 7, 7, 20 → median (7 + 7) / 2 = 7.
    expect(range.byProgram).toEqual([
      { program: 'JKK', count: 4, amount: 11_000_000 },
      { program: 'JKM', count: 0, amount: 0 },
    ]);
    expect(range.turnaroundMedianDays).toBe(7);
    // p90: position 0.9 × 3 = 2.7 → 7 + 0.7 × (20 − 7) = 16.1
    expect(range.turnaroundP90Days).toBeCloseTo(16.1, 9);
  });

  it('the same summary for a district official: "<5" wherever fewer than five claims make a figure', async () => {
    const summary = await getClaimsSummary(tdb.db, { caller: ids.official, from: '2026-03', to: '2026-03', asOf: TODAY });
    expect(summary.byProgram).toEqual([
      { program: 'JKK', count: '<5', amount: '<5' },
      { program: 'JKM', count: '<5', amount: '<5' },
    ]);
    expect(summary.byStatus.map((s) => s.count)).toEqual(['<5', '<5', '<5', '<5', '<5']);
    // 5 paid claims in all: the turnaround and total are shown; approval rate from min(5, 8) = 5 persons.
    expect(summary.turnaroundMedianDays).toBe(10);
    // The total of 5 is the district's own March figure, and this official (of no region) may open the
    // regency, where the outside district's March payouts (none) are "<5": regency − district would give
    // them back, so the district's total is withheld ("x") here as on its cards.
    expect(summary.paidCount).toBe('x');
    expect(summary.paidAmount).toBe('x');
    expect(summary.approvalRate).toBe(62.5);
    // Rejection reasons: 2 and 1 → both "<5".
    expect(summary.rejectionReasons).toEqual([
      { reason: 'Dokumen tidak lengkap', count: '<5' },
      { reason: 'Bukan kecelakaan kerja', count: '<5' },
    ]);
    const officer = await getClaimsSummary(tdb.db, { caller: ids.officer, from: '2026-03', to: '2026-03', asOf: TODAY });
    expect(officer.rejectionReasons).toEqual([
      { reason: 'Dokumen tidak lengkap', count: 2 },
      { reason: 'Bukan kecelakaan kerja', count: 1 },
    ]);
    // By village, paid in March: V1 = P2 (5 jt); V2 = P1 P3 P4 P5 (42 + 2 + 1 + 42 = 87 jt).
    expect(officer.byVillage).toEqual([
      { code: V1, name: 'Satu', paidCount: 1, paidAmount: 5_000_000, submittedCount: 1 },
      { code: V2, name: 'Dua', paidCount: 4, paidAmount: 87_000_000, submittedCount: 9 },
    ]);
  });

  it('the register: not for district officials (its rows would rebuild hidden counts); supervisors only their agents’ members', async () => {
    await expectAppError(listClaims(tdb.db, { caller: ids.official, filters: { from: '2026-03', to: '2026-03' } }), 'forbidden', 403);
    const officer = await listClaims(tdb.db, {
      caller: ids.officer,
      filters: { from: '2026-03', to: '2026-03', status: 'rejected' },
      sort: 'number',
      direction: 'asc',
    });
    expect(officer.rows.map((r) => r.number)).toEqual(['T-R1', 'T-R2', 'T-R3']);
    expect(officer.rows[0]?.nikMasked).toMatch(/^3302••••••••\d{4}$/);
    // The supervisor of A1 sees Ma's claims only: T-P2.
    const supervisor = await listClaims(tdb.db, { caller: ids.supervisor, filters: { from: '2026-01', to: '2026-04' } });
    expect(supervisor.rows.map((r) => r.number)).toEqual(['T-P2']);
    expect(await getClaim(tdb.db, { caller: ids.supervisor, number: 'T-P3' })).toBeNull();
  });

  it('benefit rules from the reference rates in force on the incident date, with the minimums', async () => {
    const rates2026 = await benefitRatesOn(tdb.db, '2026-03-10');
    const rule = (claim: Parameters<typeof benefitRuling>[1]) => benefitRuling(rates2026, claim);
    const base = { disabilityPercent: null, inabilityDays: null };
    // JKM death: 20 + 12 + 10 = 42 jt whatever the income.
    expect(rule({ program: 'JKM', benefitType: 'death', declaredIncome: 1_000_000, ...base })).toEqual({
      kind: 'rule',
      components: [
        { key: 'jkm_lump_sum', amount: 20_000_000 },
        { key: 'jkm_periodic', amount: 12_000_000 },
        { key: 'funeral', amount: 10_000_000 },
      ],
      total: 42_000_000,
    });
    // JKK death, income 1 jt: max(48 × 1 jt, 20 jt) + 10 + 12 = 70 jt (the Banyumas penderes case).
    expect(rule({ program: 'JKK', benefitType: 'death', declaredIncome: 1_000_000, ...base })).toMatchObject({ total: 70_000_000 });
    // JKK death, income 300 000: 48 × 300 000 = 14.4 jt < 20 jt minimum → 20 + 10 + 12 = 42 jt.
    expect(rule({ program: 'JKK', benefitType: 'death', declaredIncome: 300_000, ...base })).toMatchObject({
      components: [
        { key: 'jkk_death', amount: 20_000_000 },
        { key: 'funeral', amount: 10_000_000 },
        { key: 'jkk_periodic', amount: 12_000_000 },
      ],
      total: 42_000_000,
    });
    // Total permanent disability, income 2 jt: 56 × 2 jt + 12 jt periodic = 124 jt.
    expect(rule({ program: 'JKK', benefitType: 'permanent_disability', declaredIncome: 2_000_000, disabilityPercent: 100, inabilityDays: null })).toMatchObject({ total: 124_000_000 });
    // Partial disability 25 %, income 2 jt: 0.25 × 80 × 2 jt = 40 jt.
    expect(rule({ program: 'JKK', benefitType: 'permanent_disability', declaredIncome: 2_000_000, disabilityPercent: 25, inabilityDays: null })).toMatchObject({ total: 40_000_000 });
    // STMB 45 days, income 1.5 jt: 1.5 jt × 100 % × 45 / 30 = 2.25 jt.
    expect(rule({ program: 'JKK', benefitType: 'temporary_disability', declaredIncome: 1_500_000, disabilityPercent: null, inabilityDays: 45 })).toMatchObject({ total: 2_250_000 });
    expect(rule({ program: 'JKK', benefitType: 'medical', declaredIncome: 1_500_000, ...base })).toEqual({ kind: 'as_billed' });
    expect(rule({ program: 'JKK', benefitType: 'permanent_disability', declaredIncome: 1_500_000, ...base })).toEqual({ kind: 'missing', what: 'disabilityPercent' });
    // From 2027 the test's later lump sum (25 jt) applies: 25 + 12 + 10 = 47 jt.
    expect(benefitRuling(await benefitRatesOn(tdb.db, '2027-02-01'), { program: 'JKM', benefitType: 'death', declaredIncome: 1, ...base })).toMatchObject({ total: 47_000_000 });
  });

  it('solidarity effect of one paid claim and over all paid claims', async () => {
    const scope = { regionCode: DISTRICT };
    const p2 = await queryRows<{ id: number }>(tdb.db, sql`select id from claims where number = 'T-P2'`);
    // T-P2 paid 2026-03-05 (t) to Ma of K1. Year before = enrolled on (2025-03-05, 2026-03-05]:
    // B2 B3 B4 B5 = 4 (B1 on t − 365 is out, B5 on t is in; Ma enrolled 2025-01-10 is out).
    // 90 days after = (2026-03-05, 2026-06-03]: A1 A2 A3 = 3 (A4 on 2026-06-04 is out).
    // Baseline = 4 × 90 / 365 = 0.98630…; effect = 3 / 0.98630… = 3 × 365 / 360 = 3.041666…
    const one = await getClaimSolidarity(tdb.db, { scope, claimId: Number(p2[0]!.id), asOf: TODAY });
    expect(one).toMatchObject({ enrolmentsAfter: 3, enrolmentsYearBefore: 4, windowComplete: true });
    expect(one!.baseline).toBeCloseTo(360 / 365, 12);
    expect(one!.effect).toBeCloseTo((3 * 365) / 360, 12);
    // Over all paid claims with a community and a closed window: T-P2 (K1) and T-P1 (K2, paid 2026-03-02:
    // after (03-02, 05-31] = E1 = 1, year before = 0). Sum after = 4, sum before = 4 → baseline 4 × 90 / 365;
    // effect = 4 × 365 / 360 = 4.0555…; both claims above their baseline (1 > 0).
    const all = await getSolidaritySummary(tdb.db, { scope, asOf: TODAY });
    expect(all.claims).toBe(2);
    expect(all.enrolmentsAfter).toBe(4);
    expect(all.effect).toBeCloseTo((4 * 365) / 360, 12);
    expect(all.claimsAboveBaseline).toBe(2);
    // On 2026-05-01 neither window (ends 2026-05-31, 2026-06-03) has closed: nothing counted.
    const early = await getSolidaritySummary(tdb.db, { scope, asOf: '2026-05-01' });
    expect(early).toMatchObject({ claims: 0, enrolmentsAfter: 0, effect: null });
  });

  it('every allowed and refused transition', async () => {
    // A claim in each status for Ma (covered; JKK death, income 1 jt → rule 70 jt), then each step.
    const statuses: enums.ClaimStatus[] = ['submitted', 'verified', 'approved', 'paid', 'rejected'];
    let n = 0;
    for (const from of statuses) {
      for (const to of CLAIM_STEPS) {
        n += 1;
        const number = `TR-${String(n).padStart(3, '0')}`;
        await tdb.db.insert(schema.claims).values({
          number,
          memberId: ids.members.Ma!,
          program: 'JKK',
          benefitType: 'death',
          incidentDate: '2026-03-01',
          submittedOn: '2026-03-02',
          verifiedOn: ['verified', 'approved', 'paid'].includes(from) ? '2026-03-03' : null,
          approvedOn: ['approved', 'paid'].includes(from) ? '2026-03-04' : null,
          paidOn: from === 'paid' ? '2026-03-05' : null,
          rejectedOn: from === 'rejected' ? '2026-03-05' : null,
          rejectionReason: from === 'rejected' ? 'x' : null,
          amount: ['approved', 'paid'].includes(from) ? 70_000_000 : null,
          status: from,
        });
        const step = advanceClaim(tdb.db, {
          caller: ids.officer,
          today: TODAY,
          input: {
            number,
            version: 1,
            to: to as ClaimStep,
            date: '2026-03-10',
            amount: null,
            amountOverrideReason: null,
            coverageOverrideReason: null,
            rejectionReason: to === 'rejected' ? 'Dokumen tidak lengkap' : null,
          },
        });
        const allowed = CLAIM_TRANSITIONS[from].includes(to);
        // Allowed: submitted→verified|rejected, verified→approved|rejected, approved→paid|rejected.
        expect(allowed).toBe(
          (from === 'submitted' && (to === 'verified' || to === 'rejected')) ||
            (from === 'verified' && (to === 'approved' || to === 'rejected')) ||
            (from === 'approved' && (to === 'paid' || to === 'rejected')),
        );
        if (allowed) {
          const result = await step;
          expect(result).toMatchObject({ status: to, version: 2 });
          if (to === 'approved' || to === 'paid') expect(result.amount).toBe(70_000_000);
        } else {
          await expectAppError(step, 'bad_transition', 409);
          const [row] = await tdb.db.select().from(schema.claims).where(eq(schema.claims.number, number));
          expect(row).toMatchObject({ status: from, version: 1 });
        }
      }
    }
  });

  it('records a claim, keeps dates in order, checks the amount and the coverage, audits every change', async () => {
    const recorded = await recordClaim(tdb.db, {
      caller: ids.officer,
      today: TODAY,
      input: {
        member: `KPJMa`,
        program: 'JKK',
        benefitType: 'death',
        incidentDate: '2026-04-10',
        submittedOn: '2026-04-12',
        disabilityPercent: null,
        inabilityDays: null,
        agentCode: null,
      },
    });
    // The first number of 2026 in the KLM-YYYY-NNNNNN series (the test's other numbers are outside it).
    expect(recorded).toEqual({ number: 'KLM-2026-000001', coveredAtIncident: true });
    const step = (to: ClaimStep, version: number, date: string, extra: Partial<Parameters<typeof advanceClaim>[1]['input']> = {}) =>
      advanceClaim(tdb.db, {
        caller: ids.officer,
        today: TODAY,
        input: {
          number: recorded.number,
          version,
          to,
          date,
          amount: null,
          amountOverrideReason: null,
          coverageOverrideReason: null,
          rejectionReason: null,
          ...extra,
        },
      });
    await expectAppError(step('verified', 1, '2026-04-11'), 'bad_dates', 400); // before the submission
    await expectAppError(step('verified', 1, '2026-11-26'), 'future_date', 400);
    await step('verified', 1, '2026-04-15');
    // Rule: 48 × 1 jt + 10 + 12 = 70 jt. 60 jt without a reason is refused; with one it is kept.
    await expectAppError(step('approved', 2, '2026-04-16', { amount: 60_000_000 }), 'amount_mismatch', 400);
    await step('approved', 2, '2026-04-16', { amount: 60_000_000, amountOverrideReason: 'Putusan banding' });
    const paid = await step('paid', 3, '2026-04-20');
    expect(paid).toMatchObject({ status: 'paid', version: 4, amount: 60_000_000 });
    const detail = await getClaim(tdb.db, { caller: ids.officer, number: recorded.number, asOf: TODAY });
    expect(detail).toMatchObject({
      status: 'paid',
      submittedOn: '2026-04-12',
      verifiedOn: '2026-04-15',
      approvedOn: '2026-04-16',
      paidOn: '2026-04-20',
      amount: 60_000_000,
      amountOverrideReason: 'Putusan banding',
      coveredAtIncident: true,
      agent: { code: 'A1', name: 'Agen Satu' },
      ruling: { kind: 'rule', total: 70_000_000 },
    });

    // Mc was never covered: the claim is flagged, approval works, payment needs a written reason.
    const uncovered = await recordClaim(tdb.db, {
      caller: ids.officer,
      today: TODAY,
      input: { member: `KPJMc`, program: 'JKM', benefitType: 'death', incidentDate: '2026-05-01', submittedOn: '2026-05-03', disabilityPercent: null, inabilityDays: null, agentCode: null },
    });
    expect(uncovered).toEqual({ number: 'KLM-2026-000002', coveredAtIncident: false });
    const base = { amount: null, amountOverrideReason: null, coverageOverrideReason: null, rejectionReason: null };
    const move = (to: ClaimStep, version: number, extra = {}) =>
      advanceClaim(tdb.db, { caller: ids.officer, today: TODAY, input: { number: uncovered.number, version, to, date: '2026-05-10', ...base, ...extra } });
    await move('verified', 1);
    expect(await move('approved', 2)).toMatchObject({ amount: 42_000_000 });
    await expectAppError(move('paid', 3), 'not_covered', 409);
    expect(await move('paid', 3, { coverageOverrideReason: 'Iuran dibayar di kantor, belum tercatat' })).toMatchObject({ status: 'paid' });

    // Refused inputs: the member must be in scope, JKM is death only, dates in order, not in the future.
    const input = { member: 'KPJMo', program: 'JKK' as const, benefitType: 'medical' as const, incidentDate: '2026-05-01', submittedOn: '2026-05-03', disabilityPercent: null, inabilityDays: null, agentCode: null };
    await expectAppError(recordClaim(tdb.db, { caller: ids.officer, today: TODAY, input }), 'member_not_found', 404);
    await expectAppError(recordClaim(tdb.db, { caller: ids.officer, today: TODAY, input: { ...input, member: 'KPJMa', program: 'JKM' } }), 'bad_benefit', 400);
    await expectAppError(recordClaim(tdb.db, { caller: ids.officer, today: TODAY, input: { ...input, member: 'KPJMa', submittedOn: '2026-04-30' } }), 'bad_dates', 400);
    await expectAppError(recordClaim(tdb.db, { caller: ids.officer, today: TODAY, input: { ...input, member: 'KPJMa', submittedOn: '2026-12-01' } }), 'future_date', 400);
    // Roles without manage:claims are refused in the data layer.
    await expectAppError(recordClaim(tdb.db, { caller: ids.official, today: TODAY, input: { ...input, member: 'KPJMa' } }), 'forbidden', 403);
    await expectAppError(recordClaim(tdb.db, { caller: ids.supervisor, today: TODAY, input: { ...input, member: 'KPJMa' } }), 'forbidden', 403);

    const audit = await queryRows<{ action: string; n: unknown }>(
      tdb.db,
      sql`select action, count(*) as n from audit_log where entity_id in (${recorded.number}, ${uncovered.number}) group by action order by action`,
    );
    // 2 creations; transitions: 3 + 3 that succeeded (refused ones write nothing).
    expect(audit.map((a) => [a.action, Number(a.n)])).toEqual([
      ['claim_create', 2],
      ['claim_transition', 6],
    ]);
  });

  it('two officers moving one claim at once: the second gets a conflict, nothing is lost', async () => {
    const recorded = await recordClaim(tdb.db, {
      caller: ids.officer,
      today: TODAY,
      input: { member: 'KPJMa', program: 'JKK', benefitType: 'medical', incidentDate: '2026-06-01', submittedOn: '2026-06-02', disabilityPercent: null, inabilityDays: null, agentCode: null },
    });
    const base = { number: recorded.number, version: 1, date: '2026-06-05', amount: null, amountOverrideReason: null, coverageOverrideReason: null };
    // Both read version 1: one verifies, the other rejects, at the same time.
    const results = await Promise.allSettled([
      advanceClaim(tdb.db, { caller: ids.officer, today: TODAY, input: { ...base, to: 'verified', rejectionReason: null } }),
      advanceClaim(tdb.db, { caller: ids.officer, today: TODAY, input: { ...base, to: 'rejected', rejectionReason: 'Duplikat' } }),
    ]);
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect((rejected[0]!.reason as AppError).code).toBe('conflict');
    expect((rejected[0]!.reason as AppError).status).toBe(409);
    const winner = (fulfilled[0] as PromiseFulfilledResult<{ status: string }>).value.status;
    const [row] = await tdb.db.select().from(schema.claims).where(eq(schema.claims.number, recorded.number));
    // The winner's change is there whole; the loser wrote nothing.
    expect(row).toMatchObject({ status: winner, version: 2 });
    if (winner === 'verified') expect(row).toMatchObject({ verifiedOn: '2026-06-05', rejectedOn: null, rejectionReason: null });
    else expect(row).toMatchObject({ rejectedOn: '2026-06-05', rejectionReason: 'Duplikat', verifiedOn: null });
    const audit = await queryRows<{ n: unknown }>(
      tdb.db,
      sql`select count(*) as n from audit_log where entity_id = ${recorded.number} and action = 'claim_transition'`,
    );
    expect(Number(audit[0]!.n)).toBe(1);
    // A stale form (version 1) after the change is refused the same way.
    await expectAppError(
      advanceClaim(tdb.db, { caller: ids.officer, today: TODAY, input: { ...base, to: 'verified', rejectionReason: null } }),
      'conflict',
      409,
    );
  });
});
