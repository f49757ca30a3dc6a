// An office being set up, on both engines: the admin's guide counts each step in SQL within the admin's
// region, the first step without rows is next, and the guide goes once every step has rows; meanwhile
// a region without a denominator or members says so (null, with the reason) in the rows the pages, the
// API and the CSV export share. Hand-made rows: one village's community, agent, member, contribution and
// claim.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReferenceData } from '@/db/reference/load';
import { getSetupProgress } from '@/server/setup';
import { getCoverageView } from '@/server/coverage';
import { getSummaryView } from '@/server/summary';
import { toCsv } from '@/server/http/csv';
import type { Caller } from '@/server/auth/caller';
import { ENGINES, createTestDatabase, type TestDatabase } from '../helpers/databases';

const V1 = '33.02.14.2001';

describe.each(ENGINES)('setup progress on %s', (engine) => {
  let database: TestDatabase;
  const admin: Caller = { userId: 1, email: 'admin@kantor.test', name: 'Admin', role: 'admin', regionCode: null };
  const exec = (query: ReturnType<typeof sql>) => database.db.execute(query);
  const states = async (caller: Caller) =>
    (await getSetupProgress(database.db, caller))?.steps.map((s) => [s.key, s.count, s.state]);

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await loadReferenceData(database.db);
    await exec(sql`insert into users (id, email, name, password_hash, role) values (1, 'admin@kantor.test', 'Admin', 'x', 'admin')`);
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it('on an empty office: regions shipped, communities next, the rest waiting', async () => {
    expect(await states(admin)).toEqual([
      ['regions', 8563, 'done'],
      ['communities', 0, 'next'],
      ['agents', 0, 'waiting'],
      ['members', 0, 'waiting'],
      ['contributions', 0, 'waiting'],
      ['claims', 0, 'waiting'],
    ]);
    const progress = await getSetupProgress(database.db, admin);
    // Ajibarang's 15 villages have shipped estimates for 2023–2027; no village has an official boundary.
    const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric' }).format(new Date()));
    expect(progress).toMatchObject({
      villagesWithWorkforce: year >= 2023 && year <= 2027 ? 15 : 0,
      villagesWithOfficialBoundary: 0,
      supervisors: 0,
    });
    // Only those who manage reference data get the guide.
    expect(await getSetupProgress(database.db, { ...admin, role: 'bpjs_officer' })).toBeNull();
  });

  it('counts each step as its rows arrive, within the admin’s region', async () => {
    await exec(sql`insert into users (id, email, name, password_hash, role) values (2, 'spv@kantor.test', 'Koordinator', 'x', 'supervisor')`);
    await exec(sql`insert into communities (id, name, type, village_code) values (1, 'Paguyuban Parkir', 'occupation_association', ${V1})`);
    await exec(sql`insert into agents (code, name, village_code, supervisor_id, active_from) values ('A1', 'Agen', ${V1}, 2, '2026-01-01')`);
    await exec(sql`insert into members (id, nik, name, sex, village_code, channel, enrolled_on, declared_income, agent_code, community_id)
      values (1, '3302140101900001', 'Anggota', 'L', ${V1}, 'agent', '2026-01-05', 1000000, 'A1', 1)`);
    await exec(sql`insert into contributions (member_id, first_month, months_count, jkk_amount, jkm_amount, paid_on)
      values (1, '2026-01-01', 3, 30000, 20400, '2026-01-05')`);
    expect(await states(admin)).toEqual([
      ['regions', 8563, 'done'],
      ['communities', 1, 'done'],
      ['agents', 1, 'done'],
      ['members', 1, 'done'],
      ['contributions', 1, 'done'],
      ['claims', 0, 'next'],
    ]);
    expect((await getSetupProgress(database.db, admin))?.supervisors).toBe(1);
    // An admin limited to another kecamatan counts there: its 10 villages, nothing loaded yet.
    expect(await states({ ...admin, regionCode: '33.02.15' })).toEqual([
      ['regions', 10, 'done'],
      ['communities', 0, 'next'],
      ['agents', 0, 'waiting'],
      ['members', 0, 'waiting'],
      ['contributions', 0, 'waiting'],
      ['claims', 0, 'waiting'],
    ]);
  });

  it('says which data a coverage rate lacks instead of showing 0 %', async () => {
    const period = '2026-02';
    const district = await getCoverageView(database.db, { caller: admin, period, by: 'village', locale: 'id', regionCode: '33.02.14' });
    const byKey = new Map(district.rows.map((row) => [row.key, row]));
    // V1: its member is active in February, over its shipped estimate; V2: an estimate, nobody recorded.
    expect(byKey.get(V1)).toMatchObject({ activeMembers: 1, coverageNote: null });
    expect(byKey.get(V1)!.coverageRate).toBeCloseTo(100 / Number(byKey.get(V1)!.informalWorkforce), 9);
    expect(byKey.get('33.02.14.2002')).toMatchObject({ activeMembers: 0, coverageRate: null, coverageNote: 'no_members' });
    // Gumelar (33.02.15) has no estimate: no denominator, not 0.
    const gumelar = await getSummaryView(database.db, { caller: admin, period, regionCode: '33.02.15' });
    expect(gumelar).toMatchObject({ informalWorkforce: null, coverageRate: null, coverageNote: 'no_denominator' });
    const villages = await getCoverageView(database.db, { caller: admin, period, by: 'village', locale: 'id', regionCode: '33.02.15' });
    expect(villages.rows).toHaveLength(10);
    expect(villages.rows.every((row) => row.informalWorkforce === null && row.coverageNote === 'no_denominator')).toBe(true);
    // The CSV export carries the same rows: an empty rate with its reason beside it.
    const [header, first] = toCsv(villages.rows).replace('\uFEFF', '').split('\r\n');
    const cells = Object.fromEntries(header!.split(',').map((name, i) => [name, first!.split(',')[i]]));
    expect(cells).toMatchObject({ informalWorkforce: '', coverageRate: '', coverageNote: 'no_denominator', activeMembers: '0' });
  });

  it('goes away once every step has rows', async () => {
    await exec(sql`insert into claims (number, member_id, program, incident_date, submitted_on, status)
      values ('K-1', 1, 'JKK', '2026-02-01', '2026-02-02', 'submitted')`);
    expect(await getSetupProgress(database.db, admin)).toBeNull();
  });
});
