// Follow-up tasks on hand-made data, on PostgreSQL and PGlite: creation on arrears and on a paid claim
// (idempotent), assignment, what each role sees, outcomes with optimistic concurrency and audit, and the
// effect figures (tasks on time, recovery rate and uplift, enrolments after meetings). Every expected
// figure is worked out by hand below.
//
// Villages V1, V2 of district 33.02.14. Communities K1 (V1, agent A2 belongs to it), K2 (V2, no agent).
// Agents: A1 (V1, supervisor S), A2 (V2, no supervisor), A3 (V1, stopped 2026-01-31). Rates: the shipped
// ones, so April 2026 has the 50 % non-transport discount: a month owed = 1 % × income × 0.5 + 6 800 × 0.5.
//
// member village comm agent income     contributions (first month × months, paid on)
// M1     V1      K1   A1    1 000 000  2026-01×3 (01-05); later 2026-04×1 paid 04-22 (the visit)
// M2     V1      K1   A3    2 000 000  2026-02×2 (02-03)
// M3     V2      K2   -     1 000 000  2026-03×1 (03-01); later 2026-04×1 paid 05-15
// M4     V1      -    A1    1 000 000  2026-01×2 (01-05)             arrears since March: no April task
// M5     V1      K1   A1    1 000 000  2026-01×4 (01-05)             covered in April: no task
// M6     V1      K1   A1    1 000 000  2026-01×3 (01-05), 2026-04×1 paid 05-10 (late: unknown on 04-20)
// M7     V2      K2   -     1 000 000  2026-03×1 (03-02)
// Claims: C1 M5 JKK paid 2026-04-10 (K1); C2 M3 JKK paid 2026-01-05 (more than 90 days before 04-20);
//         C3 M1 JKK submitted; C4 M7 JKK paid 2026-04-12 (K2).
// Enrolments after: K1 M8 2026-05-01, M9 2026-06-15; K2 M10 2026-05-20.
//
// Generation as of 2026-04-20 — revisits (covered in March, not in April by the payments known then):
//   (each due 14 days after the list: 2026-05-04)
//   M1 → A1 (recruiter) 8 400 = 5 000 + 3 400; M2 → A2 (A3 stopped; K1's agent) 13 400 = 10 000 + 3 400;
//   M3 → nobody (K2 has no agent) 8 400; M6 → A1 8 400; M7 → nobody 8 400. 5 revisits.
//   Solidarity: C1 → K1, A1 (M5's recruiter), due 04-10 + 90 = 2026-07-09; C4 → K2, nobody. C2 too old. 2.
// Outcomes: A1 records M1 paid 04-22, M6 promised 04-21 (for 05-10); A2 records M2 refused 04-23;
//   A1 records the K1 meeting 04-25 with 30 people. M3, M7 and C4's task stay open.
// Summary April–May 2026 as of 2026-08-01:
//   on time: tasks due in the range (the 5 revisits, due 05-04; the hand-made task is cancelled): 3 done by then → 60 %.
//   recovery: revisited M1 (paid 04-22 ∈ [04-22, 06-21]), M6 (05-10 ∈ [04-21, 06-20]), M2 (nothing) → 2 / 3;
//     not revisited M3 (05-15 ∈ [04-01, 05-31]), M7 (nothing) → 1 / 2; uplift 66.67 − 50 = 16.67 points.
//     By agent: A1 2 / 2; A2 0 / 1; unassigned: not revisited 1 / 2.
//   meetings: K1 met 04-25 → enrolments 04-26 .. 07-24: M8, M9 = 2; C4 (K2) no meeting → 04-13 .. 07-11: M10 = 1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import * as schema from '@/db/schema';
import { queryRows, type Database } from '@/db';
import type { Caller } from '@/server/auth/caller';
import { AppError } from '@/domain/errors';
import { REFERENCE_RATES } from '@/db/reference/shipped';
import { addTask, changeTask, generateFollowupTasks, getFollowupSummary, listTasks, provisionAgentAccounts, type TaskRow } from '@/server/followup';
import { resolveAgentScope, resolveScope } from '@/server/scope';
import { followupSummaryContract, tasksContract } from '@/contracts/followup';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases';

const DISTRICT = '33.02.14';
const V1 = '33.02.14.2001';
const V2 = '33.02.14.2002';

interface Fixture {
  officer: Caller;
  supervisor: Caller;
  agent1: Caller;
  agent2: Caller;
  members: Record<string, number>;
  communities: { k1: number; k2: number };
}

let nikSeq = 0;
const nextNik = () => `3302${String(++nikSeq).padStart(12, '0')}`;

async function load(db: Database): Promise<Fixture> {
  await db.insert(schema.regions).values([
    { code: '33', name: 'Jawa Tengah', level: 'province' },
    { code: '33.02', name: 'Banyumas', level: 'regency', parentCode: '33' },
    { code: DISTRICT, name: 'Ajibarang', level: 'district', parentCode: '33.02' },
    { code: V1, name: 'Satu', level: 'village', parentCode: DISTRICT },
    { code: V2, name: 'Dua', level: 'village', parentCode: DISTRICT },
  ]);
  await db.insert(schema.referenceRates).values(REFERENCE_RATES.map((rate) => ({ ...rate })));
  const [officer, supervisor] = await db
    .insert(schema.users)
    .values([
      { email: 'o@test', name: 'Officer', passwordHash: 'x', role: 'bpjs_officer' },
      { email: 's@test', name: 'Supervisor', passwordHash: 'x', role: 'supervisor' },
    ])
    .returning({ id: schema.users.id });
  await db.insert(schema.agents).values([
    { code: 'A1', name: 'Agen Satu', villageCode: V1, activeFrom: '2024-01-01', supervisorId: supervisor!.id },
    { code: 'A2', name: 'Agen Dua', villageCode: V2, activeFrom: '2024-01-01' },
    { code: 'A3', name: 'Agen Tiga', villageCode: V1, activeFrom: '2024-01-01', activeTo: '2026-01-31' },
  ]);
  const [a1, a2] = await db
    .insert(schema.users)
    .values([
      { email: 'a1@test', name: 'Agen Satu', passwordHash: 'x', role: 'agent', agentCode: 'A1' },
      { email: 'a2@test', name: 'Agen Dua', passwordHash: 'x', role: 'agent', agentCode: 'A2' },
    ])
    .returning({ id: schema.users.id });
  const [k1, k2] = await db
    .insert(schema.communities)
    .values([
      { name: 'K1', type: 'occupation_association', villageCode: V1 },
      { name: 'K2', type: 'cooperative', villageCode: V2 },
    ])
    .returning({ id: schema.communities.id });
  await db.insert(schema.agentCommunities).values({ agentCode: 'A2', communityId: k1!.id });

  const members: Record<string, number> = {};
  const add = async (key: string, village: string, community: number | null, agent: string | null, income: number, enrolledOn = '2025-06-01') => {
    const [row] = await db
      .insert(schema.members)
      .values({ nik: nextNik(), name: `Nama ${key}`, sex: 'P', phone: `08120000${key}`, villageCode: village, communityId: community, agentCode: agent, channel: 'agent', enrolledOn, declaredIncome: income })
      .returning({ id: schema.members.id });
    members[key] = row!.id;
  };
  await add('M1', V1, k1!.id, 'A1', 1_000_000);
  await add('M2', V1, k1!.id, 'A3', 2_000_000);
  await add('M3', V2, k2!.id, null, 1_000_000);
  await add('M4', V1, null, 'A1', 1_000_000);
  await add('M5', V1, k1!.id, 'A1', 1_000_000);
  await add('M6', V1, k1!.id, 'A1', 1_000_000);
  await add('M7', V2, k2!.id, null, 1_000_000);
  await add('M8', V1, k1!.id, null, 1_000_000, '2026-05-01');
  await add('M9', V1, k1!.id, null, 1_000_000, '2026-06-15');
  await add('M10', V2, k2!.id, null, 1_000_000, '2026-05-20');
  const pay = (key: string, firstMonth: string, monthsCount: number, paidOn: string) => ({
    memberId: members[key]!,
    firstMonth,
    monthsCount,
    jkkAmount: 5_000 * monthsCount,
    jkmAmount: 3_400 * monthsCount,
    paidOn,
  });
  await db.insert(schema.contributions).values([
    pay('M1', '2026-01-01', 3, '2026-01-05'),
    pay('M2', '2026-02-01', 2, '2026-02-03'),
    pay('M3', '2026-03-01', 1, '2026-03-01'),
    pay('M3', '2026-04-01', 1, '2026-05-15'),
    pay('M4', '2026-01-01', 2, '2026-01-05'),
    pay('M5', '2026-01-01', 4, '2026-01-05'),
    pay('M6', '2026-01-01', 3, '2026-01-05'),
    pay('M6', '2026-04-01', 1, '2026-05-10'),
    pay('M7', '2026-03-01', 1, '2026-03-02'),
  ]);
  const claim = (number: string, key: string, status: 'paid' | 'submitted', submittedOn: string, paidOn: string | null) => ({
    number,
    memberId: members[key]!,
    program: 'JKK' as const,
    benefitType: 'medical',
    incidentDate: submittedOn,
    submittedOn,
    status,
    amount: 5_000_000,
    paidOn,
  });
  await db.insert(schema.claims).values([
    claim('C1', 'M5', 'paid', '2026-04-01', '2026-04-10'),
    claim('C2', 'M3', 'paid', '2026-01-02', '2026-01-05'),
    claim('C3', 'M1', 'submitted', '2026-04-02', null),
    claim('C4', 'M7', 'paid', '2026-04-02', '2026-04-12'),
  ]);
  const caller = (id: number, role: Caller['role'], agentCode?: string): Caller => ({ userId: id, email: `${id}@test`, name: 'x', role, regionCode: null, agentCode });
  return {
    officer: caller(officer!.id, 'bpjs_officer'),
    supervisor: caller(supervisor!.id, 'supervisor'),
    agent1: caller(a1!.id, 'agent', 'A1'),
    agent2: caller(a2!.id, 'agent', 'A2'),
    members,
    communities: { k1: k1!.id, k2: k2!.id },
  };
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe.each(ENGINES)('follow-up tasks on %s', (engine) => {
  let tdb: TestDatabase;
  let f: Fixture;
  const TODAY = '2026-04-25';

  beforeAll(async () => {
    tdb = await createTestDatabase(engine);
    f = await load(tdb.db);
  });
  afterAll(async () => {
    await tdb?.destroy();
  });

  const byMember = (rows: TaskRow[], key: string) => rows.find((row) => row.memberId === f.members[key]);

  it('creates the revisits and solidarity tasks of 2026-04-20 once, assigned by the rule', async () => {
    expect(await generateFollowupTasks(tdb.db, '2026-04-20')).toEqual({ revisits: 5, solidarity: 2 });
    // Idempotent by natural key: a second run (another import, the next claim) creates nothing.
    expect(await generateFollowupTasks(tdb.db, '2026-04-20')).toEqual({ revisits: 0, solidarity: 0 });
    const rows = await listTasks(tdb.db, { caller: f.officer, today: TODAY });
    expect(rows).toHaveLength(7);
    const revisit = (key: string) => {
      const row = byMember(rows, key)!;
      return [row.agentCode, row.monthsOwed, row.amountOwed, row.dueOn, row.month];
    };
    expect(revisit('M1')).toEqual(['A1', 1, 8_400, '2026-05-04', '2026-04']);
    expect(revisit('M2')).toEqual(['A2', 1, 13_400, '2026-05-04', '2026-04']);
    expect(revisit('M3')).toEqual([null, 1, 8_400, '2026-05-04', '2026-04']);
    expect(revisit('M6')).toEqual(['A1', 1, 8_400, '2026-05-04', '2026-04']);
    expect(revisit('M7')).toEqual([null, 1, 8_400, '2026-05-04', '2026-04']);
    expect(byMember(rows, 'M4')).toBeUndefined();
    expect(byMember(rows, 'M5')).toBeUndefined();
    const solidarity = rows.filter((row) => row.kind === 'solidarity').map((row) => [row.communityId, row.agentCode, row.dueOn, row.claimAmount]);
    expect(solidarity).toEqual(
      expect.arrayContaining([
        [f.communities.k1, 'A1', '2026-07-09', 5_000_000],
        [f.communities.k2, null, '2026-07-11', 5_000_000],
      ]),
    );
    // Officers see the beneficiary; NIKs are masked for everyone.
    expect(rows.find((row) => row.communityId === f.communities.k1 && row.kind === 'solidarity')?.beneficiaryName).toBe('Nama M5');
    expect(byMember(rows, 'M1')?.nikMasked).toMatch(/^3302••••••••\d{4}$/);
    expect(byMember(rows, 'M1')?.phone).toBeNull();
  });

  it('an agent sees only their tasks, with phones (audited) and no beneficiary outside their community', async () => {
    const own = await listTasks(tdb.db, { caller: f.agent1, today: TODAY });
    expect(own.map((row) => row.memberId ?? `K${row.communityId}`).sort()).toEqual([f.members.M1, f.members.M6, `K${f.communities.k1}`].sort());
    expect(byMember(own, 'M1')?.phone).toBe('08120000M1');
    // A1 is M5's recruiter but not one of K1's agents: the beneficiary's name is not theirs to see.
    expect(own.find((row) => row.kind === 'solidarity')?.beneficiaryName).toBeNull();
    const [audit] = await queryRows<{ n: unknown }>(tdb.db, sql`select count(*) as n from audit_log where action = 'member_phone_view' and user_id = ${f.agent1.userId}`);
    expect(Number(audit?.n)).toBe(1);
    // A supervisor: their agent A1's tasks only (M2 went to A2, M3 and M7 have nobody and no agent of theirs).
    const supervised = await listTasks(tdb.db, { caller: f.supervisor, today: TODAY });
    expect(supervised).toHaveLength(3);
    // The general scope refuses an agent; their own scope is their code.
    expect((await refusal(resolveScope(tdb.db, f.agent1))).status).toBe(403);
    expect(resolveAgentScope(f.agent1).scope.agentCodes).toEqual(['A1']);
  });

  it('records outcomes with optimistic concurrency and audit; another agent’s task is not found', async () => {
    const tasks = await listTasks(tdb.db, { caller: f.officer, today: TODAY });
    const m1 = byMember(tasks, 'M1')!;
    const done = await changeTask(tdb.db, { caller: f.agent1, taskId: m1.id, change: { action: 'record', version: m1.version, outcome: 'paid', doneOn: '2026-04-22' }, today: TODAY });
    expect([done.state, done.outcome, done.version]).toEqual(['done', 'paid', 2]);
    // The same version again: someone changed it since.
    const stale = await refusal(changeTask(tdb.db, { caller: f.agent1, taskId: m1.id, change: { action: 'record', version: 1, outcome: 'refused', doneOn: '2026-04-22', refusalReason: 'x' }, today: TODAY }));
    expect(stale.status).toBe(409);
    const m2 = byMember(tasks, 'M2')!;
    expect((await refusal(changeTask(tdb.db, { caller: f.agent1, taskId: m2.id, change: { action: 'record', version: 1, outcome: 'paid', doneOn: '2026-04-22' }, today: TODAY }))).status).toBe(404);
    // An agent cannot reassign.
    expect((await refusal(changeTask(tdb.db, { caller: f.agent2, taskId: m2.id, change: { action: 'reassign', version: 1, agentCode: 'A2' }, today: TODAY }))).status).toBe(403);
    await changeTask(tdb.db, { caller: f.agent2, taskId: m2.id, change: { action: 'record', version: 1, outcome: 'refused', doneOn: '2026-04-23', refusalReason: 'Belum ada uang' }, today: TODAY });
    const m6 = byMember(tasks, 'M6')!;
    await changeTask(tdb.db, { caller: f.agent1, taskId: m6.id, change: { action: 'record', version: 1, outcome: 'promised', doneOn: '2026-04-21', promisedOn: '2026-05-10' }, today: TODAY });
    const meeting = tasks.find((row) => row.kind === 'solidarity' && row.communityId === f.communities.k1)!;
    // A revisit outcome does not fit a solidarity task.
    expect((await refusal(changeTask(tdb.db, { caller: f.agent1, taskId: meeting.id, change: { action: 'record', version: 1, outcome: 'paid', doneOn: '2026-04-25' }, today: TODAY }))).status).toBe(409);
    await changeTask(tdb.db, { caller: f.agent1, taskId: meeting.id, change: { action: 'meeting', version: 1, doneOn: '2026-04-25', attendees: 30 }, today: TODAY });
    // The visit's payment arrives.
    await tdb.db.insert(schema.contributions).values({ memberId: f.members.M1!, firstMonth: '2026-04-01', monthsCount: 1, jkkAmount: 5_000, jkmAmount: 3_400, paidOn: '2026-04-22' });
    const [audit] = await queryRows<{ n: unknown }>(tdb.db, sql`select count(*) as n from audit_log where entity = 'followup_task'`);
    expect(Number(audit?.n)).toBe(4);
  });

  it('supervisors reassign to their own agents only and add tasks by hand', async () => {
    const tasks = await listTasks(tdb.db, { caller: f.supervisor, today: TODAY });
    const open = tasks.find((row) => row.state === 'open' && row.kind === 'revisit');
    expect(open).toBeUndefined(); // A1's two revisits are done
    const id = await addTask(tdb.db, { caller: f.supervisor, input: { memberId: f.members.M4!, dueOn: '2026-05-10', note: 'Kunjungi lagi' }, today: TODAY });
    const added = (await listTasks(tdb.db, { caller: f.supervisor, today: TODAY })).find((row) => row.id === id)!;
    expect([added.kind, added.agentCode]).toEqual(['manual', 'A1']);
    expect((await refusal(changeTask(tdb.db, { caller: f.supervisor, taskId: id, change: { action: 'reassign', version: 1, agentCode: 'A2' }, today: TODAY }))).status).toBe(400);
    // Not their agents' member: not found.
    expect((await refusal(addTask(tdb.db, { caller: f.supervisor, input: { memberId: f.members.M3!, dueOn: '2026-05-10', note: 'Kunjungi' }, today: TODAY }))).status).toBe(404);
    await changeTask(tdb.db, { caller: f.officer, taskId: id, change: { action: 'cancel', version: 1 }, today: TODAY });
  });

  it('gives an imported agent with an e-mail a sign-in once, waiting for its first password', async () => {
    await tdb.db.insert(schema.agents).values({ code: 'A4', name: 'Agen Empat', villageCode: V2, activeFrom: '2024-01-01', email: 'Agen4@Test' });
    expect(await provisionAgentAccounts(tdb.db, { caller: f.officer })).toBe(1);
    expect(await provisionAgentAccounts(tdb.db, { caller: f.officer })).toBe(0);
    const [user] = await queryRows<{ role: string; agent_code: string; email: string; password_hash: string }>(tdb.db, sql`select role, agent_code, email, password_hash from users where agent_code = 'A4'`);
    expect(user).toEqual({ role: 'agent', agent_code: 'A4', email: 'agen4@test', password_hash: '!' });
  });

  it('measures tasks on time, the recovery rate against no revisit, and enrolments after meetings', async () => {
    const summary = await getFollowupSummary(tdb.db, { caller: f.officer, from: '2026-04', to: '2026-05', asOf: '2026-08-01' });
    const d = summary.district;
    expect([d.tasksDue, d.tasksDoneOnTime, d.onTimeRate]).toEqual([5, 3, 60]);
    expect([d.revisited, d.revisitedRecovered, d.notRevisited, d.notRevisitedRecovered]).toEqual([3, 2, 2, 1]);
    expect(d.recoveryRate).toBeCloseTo(66.667, 2);
    expect(d.recoveryRateNotRevisited).toBe(50);
    expect(d.uplift).toBeCloseTo(16.667, 2);
    expect([d.meetings, d.enrolmentsAfterMeetings, d.claimsWithoutMeeting, d.enrolmentsAfterClaimsWithoutMeeting]).toEqual([1, 2, 1, 1]);
    const agent = (code: string | null) => summary.byAgent.find((row) => row.code === code)!;
    expect([agent('A1').revisited, agent('A1').revisitedRecovered]).toEqual([2, 2]);
    expect([agent('A2').revisited, agent('A2').revisitedRecovered]).toEqual([1, 0]);
    expect([agent(null).notRevisited, agent(null).notRevisitedRecovered]).toEqual([2, 1]);
    const k2 = summary.byCommunity.find((row) => row.id === f.communities.k2)!;
    expect([k2.claimsWithoutMeeting, k2.enrolmentsAfterClaimsWithoutMeeting, k2.notRevisited]).toEqual([1, 1, 2]);
    // An agent's own figures: only their tasks.
    const own = await getFollowupSummary(tdb.db, { caller: f.agent1, from: '2026-04', to: '2026-05', asOf: '2026-08-01' });
    expect([own.district.revisited, own.district.revisitedRecovered, own.district.meetings]).toEqual([2, 2, 1]);
    // The answers travel as their contracts read them: nothing dropped, nothing changed.
    for (const [schema, body] of [
      [followupSummaryContract.response, summary],
      [tasksContract.response, { rows: await listTasks(tdb.db, { caller: f.agent1, today: TODAY }) }],
    ] as const) {
      const sent: unknown = JSON.parse(JSON.stringify(body));
      expect(schema.parse(sent)).toEqual(sent);
    }
  });
});
