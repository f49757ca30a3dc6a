// Grouped coverage, trends and the "higher level = sum of its parts" rule on the hand-made dataset
// (tests/helpers/handmade-data.ts: read its member table and status grid), on PostgreSQL and PGlite.
// Every expected figure is worked out by hand from that grid, with the reasoning beside it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '@/db/schema';
import { getCoverageView, getTrendView } from '@/server/coverage';
import { getSummaryView } from '@/server/summary';
import { getWorklist } from '@/server/worklist';
import type { Caller } from '@/server/auth/caller';
import { getChannelShares } from '@/server/indicators/channels';
import { monthsBetween } from '@/domain/month';
import { getSummarySeries, type SummaryCell } from '@/server/indicators/series';
import { getSummary } from '@/server/indicators/summary';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases';
import {
  DISTRICT,
  DISTRICT_HAND_SUMMARIES,
  OUT_DISTRICT,
  V1,
  V2,
  expectSummary,
  loadHandmadeData,
} from '../helpers/handmade-data';

const officer: Caller = { userId: 1, email: 'o@test', name: 'Officer', role: 'bpjs_officer', regionCode: null };
const official: Caller = { userId: 2, email: 'd@test', name: 'Official', role: 'district_official', regionCode: null };

const COUNT_FIELDS = [
  'activeMembers',
  'newEnrolments',
  'lapsedMembers',
  'contributionsCollected',
  'claimsPaidCount',
  'claimsPaidAmount',
  'reactivatedMembers',
  'endedMembers',
  'pendingMembers',
  'previousActiveMembers',
  'stoppedMembers',
  'payingMembers',
] as const;

describe.each(ENGINES)('coverage analytics on %s', (engine) => {
  let tdb: TestDatabase;
  let supervisor: Caller;

  beforeAll(async () => {
    tdb = await createTestDatabase(engine);
    await loadHandmadeData(tdb.db);
    await tdb.db.insert(schema.coverageTargets).values([
      { regionCode: V1, year: 2026, targetRate: 10 },
      { regionCode: V2, year: 2026, targetRate: 20 },
    ]);
    const [user] = await tdb.db
      .insert(schema.users)
      .values({ email: 's@test', name: 'Supervisor', passwordHash: 'x', role: 'supervisor' })
      .returning({ id: schema.users.id });
    // The supervisor supervises A1 only.
    const { eq } = await import('drizzle-orm');
    await tdb.db.update(schema.agents).set({ supervisorId: user!.id }).where(eq(schema.agents.code, 'A1'));
    supervisor = { userId: user!.id, email: 's@test', name: 'Supervisor', role: 'supervisor', regionCode: null };
  });

  afterAll(async () => {
    await tdb?.destroy();
  });

  const series = (args: Parameters<typeof getSummarySeries>[1]) => getSummarySeries(tdb.db, args);
  const byKey = (cells: SummaryCell[]) => new Map(cells.map((cell) => [cell.key, cell]));

  it('coverage by village, 2026-02, equals the hand answers', async () => {
    const rows = byKey(await series({ from: '2026-02', to: '2026-02', scope: { regionCode: DISTRICT }, by: 'region' }));
    expect([...rows.keys()]).toEqual([V1, V2]); // the district's two villages, in code order
    // V1 in 02: aktif M1, M2, M10; menunggak M3, M13; M6 enrolled 02-14, never paid (baru).
    expectSummary(rows.get(V1)! as unknown as Record<string, unknown>, {
      activeMembers: 3,
      informalWorkforce: 50,
      coverageRate: 6, // 3 / 50
      newEnrolments: 1, // M6
      lapsedMembers: 2, // M3, M13
      lapseRate: 0, // aktif in 01: M1, M2, M10, all still aktif
      contributionsCollected: 0, // the Feb payments are M4, M5, M7: all in V2
      claimsPaidCount: 1, // C2 (M2, paid 02-01)
      claimsPaidAmount: 42_000_000,
      reactivatedMembers: 0,
      endedMembers: 0,
      pendingMembers: 1, // M6
    });
    // V2 in 02: aktif M4 (reactivated), M5 (arrears paid late), M7 (first payment), M12.
    expectSummary(rows.get(V2)! as unknown as Record<string, unknown>, {
      activeMembers: 4,
      informalWorkforce: 30,
      coverageRate: 400 / 30,
      newEnrolments: 0, // M7 enrolled 01-31
      lapsedMembers: 0,
      lapseRate: 0, // aktif in 01: M5, M12
      contributionsCollected: 84_000, // M4 16 800 + M5 50 400 + M7 16 800
      claimsPaidCount: 0, // C4 approved, not paid
      claimsPaidAmount: 0,
      reactivatedMembers: 1, // M4
      endedMembers: 0,
      pendingMembers: 0,
    });
  });

  it('the district is the sum of its villages, never the average of their rates', async () => {
    for (const period of monthsBetween('2025-07', '2026-06')) {
      const [district] = await series({ from: period, to: period, scope: { regionCode: DISTRICT }, by: 'total' });
      const villages = await series({ from: period, to: period, scope: { regionCode: DISTRICT }, by: 'region' });
      for (const field of COUNT_FIELDS) {
        expect(villages.reduce((sum, v) => sum + v[field], 0), `${period} ${field}`).toBe(district![field]);
      }
      const active = villages.reduce((sum, v) => sum + v.activeMembers, 0);
      const workforce = villages.reduce((sum, v) => sum + (v.informalWorkforce ?? 0), 0);
      expect(district!.informalWorkforce, period).toBe(workforce);
      expect(district!.coverageRate, period).toBeCloseTo((active / workforce) * 100, 9);
    }
    // 2026-02: 7 / 80 = 8.75 %, while the mean of the village rates 6 % and 13.33 % is 9.67 %.
    const [feb] = await series({ from: '2026-02', to: '2026-02', scope: { regionCode: DISTRICT }, by: 'total' });
    expect(feb!.coverageRate).toBeCloseTo(8.75, 9);
  });

  it('and the regency is the sum of its districts (Ajibarang and the outside one)', async () => {
    for (const period of ['2025-12', '2026-02', '2026-06']) {
      const [regency] = await series({ from: period, to: period, scope: { regionCode: '33.02' }, by: 'total' });
      const districts = byKey(await series({ from: period, to: period, scope: { regionCode: '33.02' }, by: 'region' }));
      expect([...districts.keys()]).toEqual([DISTRICT, OUT_DISTRICT]);
      for (const field of COUNT_FIELDS) {
        expect(districts.get(DISTRICT)![field] + districts.get(OUT_DISTRICT)![field], `${period} ${field}`).toBe(regency![field]);
      }
      expect(regency!.informalWorkforce).toBe(
        districts.get(DISTRICT)!.informalWorkforce! + districts.get(OUT_DISTRICT)!.informalWorkforce!,
      );
    }
    // 2025-12: regency workforce 2025 = 100 + 1000; aktif = the district's 6 + M11 = 7 -> 7 / 1100.
    const [dec] = await series({ from: '2025-12', to: '2025-12', scope: { regionCode: '33.02' }, by: 'total' });
    expect(dec!.activeMembers).toBe(7);
    expect(dec!.coverageRate).toBeCloseTo((7 / 1100) * 100, 9);
  });

  it('the trend of every month comes from one query and equals the month-by-month hand answers', async () => {
    const points = await series({ from: '2025-12', to: '2026-06', scope: { regionCode: DISTRICT }, by: 'total' });
    expect(points.map((p) => p.period)).toEqual(monthsBetween('2025-12', '2026-06'));
    for (const point of points) {
      expectSummary(point as unknown as Record<string, unknown>, DISTRICT_HAND_SUMMARIES[point.period]!, `trend ${point.period}`);
    }
  });

  it('explicit months (the month, the month before, a year before) give the same figures', async () => {
    const cells = await series({ months: ['2026-03', '2025-03', '2026-02'], scope: { regionCode: DISTRICT }, by: 'total' });
    expect(cells.map((c) => c.period)).toEqual(['2025-03', '2026-02', '2026-03']);
    expect(cells[0]).toMatchObject({ activeMembers: 0, newEnrolments: 0, informalWorkforce: 100 }); // nobody yet in 2025-03
    expectSummary(cells[1] as unknown as Record<string, unknown>, DISTRICT_HAND_SUMMARIES['2026-02']!);
    expectSummary(cells[2] as unknown as Record<string, unknown>, DISTRICT_HAND_SUMMARIES['2026-03']!);
  });

  it('coverage by channel agrees with the channel shares (2025-11: agent 2, formal socialisation 1)', async () => {
    const rows = byKey(await series({ from: '2025-11', to: '2025-11', scope: { regionCode: DISTRICT }, by: 'channel' }));
    expect(rows.size).toBe(6); // every channel is a row, with or without enrolments
    expect(rows.get('agent')!.newEnrolments).toBe(2); // M5, M13 (enrolled 11-30)
    expect(rows.get('formal_socialisation')!.newEnrolments).toBe(1); // M10
    expect(rows.get('walk_in')!.newEnrolments).toBe(0);
    expect(rows.get('agent')!.informalWorkforce).toBeNull(); // no denominator by channel
    const shares = await getChannelShares(tdb.db, { period: '2025-11', scope: { regionCode: DISTRICT } });
    for (const share of shares) expect(rows.get(share.channel)!.newEnrolments).toBe(share.enrolments);
  });

  it('coverage by community: everyone of the district is in the one community', async () => {
    const rows = await series({ from: '2026-02', to: '2026-02', scope: { regionCode: DISTRICT }, by: 'community' });
    expect(rows).toHaveLength(1); // no "none" row: every member has the community
    const total = await getSummary(tdb.db, { period: '2026-02', scope: { regionCode: DISTRICT } });
    expect(rows[0]!.activeMembers).toBe(total.activeMembers);
    expect(rows[0]!.name).toBe('Paguyuban Parkir Ajibarang');
  });

  it('coverage by agent, 2026-02 and 2026-03, with the agentless M6 as "none" only when it counts', async () => {
    const feb = byKey(await series({ from: '2026-02', to: '2026-02', scope: { regionCode: DISTRICT }, by: 'agent' }));
    expect(feb.get('A1')!.activeMembers).toBe(2); // M1, M2
    expect(feb.get('A2')!.activeMembers).toBe(5); // M4, M5, M7, M10, M12
    expect(feb.get('none')!.newEnrolments).toBe(1); // M6 enrolled in 02
    const mar = byKey(await series({ from: '2026-03', to: '2026-03', scope: { regionCode: DISTRICT }, by: 'agent' }));
    expect(mar.has('none')).toBe(false); // M6 never paid: nonaktif, not an ended membership, counts nowhere
    expect(mar.get('A1')!.endedMembers).toBe(1); // M3
  });

  it('a village with no members is a row of zeros (2025-07: only M2, in V1)', async () => {
    const rows = byKey(await series({ from: '2025-07', to: '2025-07', scope: { regionCode: DISTRICT }, by: 'region' }));
    expect(rows.get(V1)!.activeMembers).toBe(1); // M2
    expect(rows.get(V2)).toMatchObject({ activeMembers: 0, newEnrolments: 0, informalWorkforce: 60, coverageRate: 0, lapseRate: null });
  });

  it('the coverage view adds targets, attainment and uncovered workers', async () => {
    const view = await getCoverageView(tdb.db, { caller: officer, period: '2026-02', by: 'village', locale: 'id' });
    const v1 = view.rows.find((r) => r.key === V1)!;
    const v2 = view.rows.find((r) => r.key === V2)!;
    expect(v1).toMatchObject({ name: 'Darmakradenan', activeMembers: 3, informalWorkforce: 50, uncoveredWorkers: 47, targetRate: 10 });
    expect(v1.targetAttainment as number).toBeCloseTo(60, 9); // 6 % of a 10 % target
    expect(v2.targetAttainment as number).toBeCloseTo(((400 / 30) / 20) * 100, 9); // 13.33 % of 20 %
    expect(v2.uncoveredWorkers).toBe(26); // 30 - 4
  });

  it('a district official sees "<5" for every cell of fewer than five persons, in the same rows', async () => {
    const view = await getCoverageView(tdb.db, { caller: official, period: '2026-02', by: 'village', locale: 'id' });
    const v1 = view.rows.find((r) => r.key === V1)!;
    expect(v1.activeMembers).toBe('<5'); // 3
    expect(v1.coverageRate).toBe('<5');
    expect(v1.uncoveredWorkers).toBe('<5'); // 50 - 3 would give the 3 away
    expect(v1.targetAttainment).toBe('<5');
    expect(v1.informalWorkforce).toBe(50); // the denominator is public reference data
    // V2's 4 is "<5" too: two hidden villages under a shown total give only their sum (7), neither alone.
    expect(view.rows.find((r) => r.key === V2)!.activeMembers).toBe('<5');
    // An official of the district (the demo's) cannot open the regency: the district's totals are shown.
    const local: Caller = { ...official, regionCode: DISTRICT };
    const summary = await getSummaryView(tdb.db, { caller: local, period: '2026-02', compare: true });
    expect(summary.activeMembers).toBe(7); // the district's 7 is shown
    expect(summary.previousMonth!.activeMembers).toBe(5); // 2026-01
    expect(summary.sameMonthLastYear!.activeMembers).toBe('<5'); // 2025-02: nobody
    const trend = await getTrendView(tdb.db, { caller: local, metric: 'activeMembers', from: '2026-01', to: '2026-06', regionCode: DISTRICT });
    expect(trend.points.map((p) => p.value)).toEqual([5, 7, 5, 5, 5, '<5']); // 2026-06: 3
    // An official of no region may open the regency 33.02 = this district + the outside one, whose
    // only member M11 (active 2025-10 .. 2026-09) is "<5": regency 8 - district 7 would give M11 back,
    // so the district's figure is withheld ("x"), on its cards and in its trend alike.
    const wide = await getSummaryView(tdb.db, { caller: official, period: '2026-02' });
    expect(wide.activeMembers).toBe('x');
    const regency = await getCoverageView(tdb.db, { caller: official, period: '2026-02', by: 'village', regionCode: '33.02', locale: 'id' });
    expect(regency.rows.map((r) => [r.key, r.activeMembers])).toEqual([[DISTRICT, 'x'], [OUT_DISTRICT, '<5']]);
    const wideTrend = await getTrendView(tdb.db, { caller: official, metric: 'activeMembers', from: '2026-01', to: '2026-02', regionCode: DISTRICT });
    expect(wideTrend.points.map((p) => p.value)).toEqual(['x', 'x']);
  });

  it('a supervisor counts only their agents\' members, per village too', async () => {
    const view = await getCoverageView(tdb.db, { caller: supervisor, period: '2026-02', by: 'village', locale: 'id' });
    // A1's members: M1, M2, M3, M8, M13 (all in V1). In 02: aktif M1, M2; menunggak M3, M13.
    expect(view.rows.find((r) => r.key === V1)).toMatchObject({ activeMembers: 2, lapsedMembers: 2 });
    expect(view.rows.find((r) => r.key === V2)).toMatchObject({ activeMembers: 0, lapsedMembers: 0 });
    const list = await getWorklist(tdb.db, { caller: supervisor, period: '2026-02', locale: 'id' });
    // Members in arrears to visit: M13 (last covered 2025-12) before M3 (last covered 2025-11).
    expect(list.members!.map((m) => m.name)).toEqual(['Anggota M13', 'Anggota M3']);
    expect(list.members![0]!.nik).toMatch(/^3302•+\d{4}$/);
    const hidden = await getWorklist(tdb.db, { caller: official, period: '2026-02', locale: 'id' });
    expect(hidden.members).toBeNull(); // aggregates only
  });

  it('the trend API view of the coverage rate follows the hand answers', async () => {
    const trend = await getTrendView(tdb.db, { caller: officer, metric: 'coverageRate', from: '2025-12', to: '2026-02' });
    expect(trend.points.map((p) => p.period)).toEqual(['2025-12', '2026-01', '2026-02']);
    expect(trend.points[0]!.value as number).toBeCloseTo(6, 9); // 6 / 100
    expect(trend.points[1]!.value as number).toBeCloseTo(6.25, 9); // 5 / 80
    expect(trend.points[2]!.value as number).toBeCloseTo(8.75, 9); // 7 / 80
  });
});
