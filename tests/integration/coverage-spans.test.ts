// coverage_spans (runs of covered months, kept by triggers on contributions) on both engines: after every
// kind of write the runs are exactly those worked out here from the contributions, and the members in
// arrears read from them are the members whose status (lib/indicators/status.ts) is `menunggak`.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '@/db';
import * as schema from '@/db/schema';
import { membersInArrearsSql } from '@/server/indicators/arrears';
import { monthsBetween } from '@/domain/month';
import { listMemberStatuses } from '@/server/indicators/status';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases';
import { DISTRICT, V1, loadHandmadeData, type MemberIds } from '../helpers/handmade-data';

type Run = { memberId: number; firstMonth: string; lastMonth: string };

const monthIndex = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
const monthOf = (index: number) => `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`;

/** The runs worked out in TypeScript from the contributions: every covered month, then maximal runs. */
function expectedRuns(rows: Array<{ memberId: number; firstMonth: string; monthsCount: number }>): Run[] {
  const covered = new Map<number, Set<number>>();
  for (const row of rows) {
    const set = covered.get(row.memberId) ?? new Set<number>();
    for (let i = 0; i < row.monthsCount; i++) set.add(monthIndex(row.firstMonth) + i);
    covered.set(row.memberId, set);
  }
  const runs: Run[] = [];
  for (const [memberId, set] of covered) {
    const months = [...set].sort((a, b) => a - b);
    let start = months[0]!;
    for (let i = 1; i <= months.length; i++) {
      if (i === months.length || months[i] !== months[i - 1]! + 1) {
        runs.push({ memberId, firstMonth: monthOf(start), lastMonth: monthOf(months[i - 1]!) });
        start = months[i]!;
      }
    }
  }
  return runs.sort((a, b) => a.memberId - b.memberId || a.firstMonth.localeCompare(b.firstMonth));
}

describe.each(ENGINES)('coverage spans on %s', (engine) => {
  let tdb: TestDatabase;
  let ids: MemberIds;

  const stored = async (): Promise<Run[]> =>
    (
      await queryRows<{ member_id: unknown; first_month: string; last_month: string }>(
        tdb.db,
        sql`select member_id, first_month::text as first_month, last_month::text as last_month from coverage_spans order by 1, 2`,
      )
    ).map((r) => ({ memberId: Number(r.member_id), firstMonth: r.first_month, lastMonth: r.last_month }));

  const expectConsistent = async () => {
    const rows = await tdb.db
      .select({ memberId: schema.contributions.memberId, firstMonth: schema.contributions.firstMonth, monthsCount: schema.contributions.monthsCount })
      .from(schema.contributions);
    expect(await stored()).toEqual(expectedRuns(rows));
  };

  beforeAll(async () => {
    tdb = await createTestDatabase(engine);
    ids = await loadHandmadeData(tdb.db);
  });
  afterAll(async () => tdb?.destroy());

  it('holds the runs of the hand-made data (overlaps, gaps, late payments)', async () => {
    await expectConsistent();
    const m4 = (await stored()).filter((r) => r.memberId === ids.M4);
    expect(m4).toEqual([
      { memberId: ids.M4, firstMonth: '2025-08-01', lastMonth: '2025-10-01' },
      { memberId: ids.M4, firstMonth: '2026-02-01', lastMonth: '2026-02-01' },
    ]);
  });

  it('gives as members in arrears exactly the members whose status is menunggak, month by month', async () => {
    for (const period of monthsBetween('2025-07', '2026-09')) {
      const scope = { regionCode: DISTRICT };
      const statuses = await listMemberStatuses(tdb.db, { period, scope });
      const expected = statuses.filter((s) => s.status === 'menunggak').map((s) => s.memberId).sort((a, b) => a - b);
      const rows = await queryRows<{ member_id: unknown; last_month: string }>(
        tdb.db,
        sql`select member_id, last_month::text as last_month from (${membersInArrearsSql(period, scope)}) a order by 1`,
      );
      expect(rows.map((r) => Number(r.member_id)), period).toEqual(expected);
      // The last month covered is one of the three before the period.
      for (const row of rows) {
        expect([1, 2, 3]).toContain(monthIndex(`${period}-01`) - monthIndex(row.last_month));
      }
    }
  });

  it.runIf(engine === 'postgres')('stays exact when two transactions write one member’s contributions at once', async () => {
    const db = tdb.db;
    const payment = (firstMonth: string) => ({ memberId: ids.M9, firstMonth, monthsCount: 1, jkkAmount: 10_000, jkmAmount: 6_800, paidOn: '2026-06-01' });
    let releaseFirst!: () => void;
    const held = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstWrote!: () => void;
    const wrote = new Promise<void>((resolve) => (firstWrote = resolve));
    const first = db.transaction(async (tx) => {
      await tx.insert(schema.contributions).values(payment('2026-06-01'));
      firstWrote();
      await held;
    });
    await wrote;
    let secondDone = false;
    const second = db
      .transaction(async (tx) => {
        await tx.insert(schema.contributions).values(payment('2026-07-01'));
      })
      .then(() => (secondDone = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The second waits for the first to commit before it rebuilds the member's runs.
    expect(secondDone).toBe(false);
    releaseFirst();
    await first;
    await second;
    await expectConsistent();
    expect((await stored()).filter((r) => r.memberId === ids.M9)).toEqual([{ memberId: ids.M9, firstMonth: '2026-03-01', lastMonth: '2026-07-01' }]);
  });

  it('follows inserts (with upserts), updates, deletes, a member’s removal and truncation', async () => {
    const db = tdb.db;
    // A gap filled, a new run after a gap, an overlapping payment: one statement, several members.
    await db.insert(schema.contributions).values([
      { memberId: ids.M4, firstMonth: '2025-11-01', monthsCount: 3, jkkAmount: 30_000, jkmAmount: 20_400, paidOn: '2026-02-01' },
      { memberId: ids.M3, firstMonth: '2026-06-01', monthsCount: 2, jkkAmount: 20_000, jkmAmount: 13_600, paidOn: '2026-06-01' },
      { memberId: ids.M2, firstMonth: '2026-03-01', monthsCount: 6, jkkAmount: 60_000, jkmAmount: 40_800, paidOn: '2026-03-01' },
    ]);
    await expectConsistent();
    expect((await stored()).filter((r) => r.memberId === ids.M4)).toEqual([{ memberId: ids.M4, firstMonth: '2025-08-01', lastMonth: '2026-02-01' }]);

    // The import pipeline's upsert: one existing row changed, one new.
    await db.execute(sql`
      insert into contributions (member_id, first_month, months_count, jkk_amount, jkm_amount, paid_on)
      values (${ids.M3}, '2026-06-01'::date, 4, 40000, 27200, '2026-06-01'::date),
             (${ids.M8}, '2026-07-01'::date, 1, 10000, 6800, '2026-07-01'::date)
      on conflict (member_id, first_month) do update set months_count = excluded.months_count`);
    await expectConsistent();

    // Updates: a change of amount only, then of months, then of member.
    await db.update(schema.contributions).set({ jkkAmount: 1 }).where(eq(schema.contributions.memberId, ids.M1));
    await expectConsistent();
    await db.update(schema.contributions).set({ monthsCount: 12 }).where(eq(schema.contributions.memberId, ids.M7));
    await expectConsistent();
    await db.update(schema.contributions).set({ memberId: ids.M6 }).where(eq(schema.contributions.memberId, ids.M8));
    await expectConsistent();
    expect((await stored()).some((r) => r.memberId === ids.M8)).toBe(false);

    // Deletes, and a member removed with their contributions (the cascade).
    await db.delete(schema.contributions).where(eq(schema.contributions.firstMonth, '2025-12-01'));
    await expectConsistent();
    await db.insert(schema.members).values({ nik: '3302140101900099', name: 'Sementara', sex: 'L', villageCode: V1, channel: 'walk_in', enrolledOn: '2026-01-05', declaredIncome: 1_000_000 });
    const [temp] = await db.select({ id: schema.members.id }).from(schema.members).where(eq(schema.members.nik, '3302140101900099'));
    await db.insert(schema.contributions).values({ memberId: temp!.id, firstMonth: '2026-01-01', monthsCount: 2, jkkAmount: 20_000, jkmAmount: 13_600, paidOn: '2026-01-05' });
    await expectConsistent();
    await db.delete(schema.members).where(eq(schema.members.id, temp!.id));
    await expectConsistent();

    // Deletes that cut runs: one statement takes the middle out of a run and shortens another at both ends.
    const month = (m: string, months = 1) => ({ memberId: ids.M5, firstMonth: `${m}-01`, monthsCount: months, jkkAmount: 10_000 * months, jkmAmount: 6_800 * months, paidOn: `${m}-10` });
    await db.delete(schema.contributions).where(eq(schema.contributions.memberId, ids.M5));
    await db.insert(schema.contributions).values([month('2025-01'), month('2025-02', 2), month('2025-04'), month('2025-05'), month('2025-08'), month('2025-09', 3), month('2025-12')]);
    await expectConsistent();
    await db.delete(schema.contributions).where(and(eq(schema.contributions.memberId, ids.M5), inArray(schema.contributions.firstMonth, ['2025-02-01', '2025-05-01', '2025-08-01', '2025-12-01'])));
    await expectConsistent();
    expect((await stored()).filter((r) => r.memberId === ids.M5)).toEqual([
      { memberId: ids.M5, firstMonth: '2025-01-01', lastMonth: '2025-01-01' },
      { memberId: ids.M5, firstMonth: '2025-04-01', lastMonth: '2025-04-01' },
      { memberId: ids.M5, firstMonth: '2025-09-01', lastMonth: '2025-11-01' },
    ]);

    // A rebuild gives the same runs; truncation leaves none.
    const before = await stored();
    await db.execute(sql`select coverage_spans_refresh(null)`);
    expect(await stored()).toEqual(before);
    await db.execute(sql`truncate contributions`);
    expect(await stored()).toEqual([]);
    await expectConsistent();
  });

  it('keeps the runs of a statement that touches tens of thousands of members without running out of locks', async () => {
    // 20,000 members written in one statement on a database whose runs look large (as at kabupaten scale,
    // where the runs are rewritten member by member up to a quarter of the table): one lock per member was
    // more than the server's lock table holds (max_locks_per_transaction × connections: 6,400 slots here).
    await tdb.db.execute(sql`
      insert into members (nik, name, sex, village_code, channel, enrolled_on, declared_income)
      select '3302140101' || lpad(g::text, 6, '0'), 'Lock ' || g, 'L', ${V1}, 'walk_in', '2026-01-02', 1000000
      from generate_series(1, 20000) g`);
    await tdb.db.execute(sql`update pg_class set reltuples = 1000000 where oid = 'coverage_spans'::regclass`);
    await tdb.db.execute(sql`
      insert into contributions (member_id, first_month, months_count, jkk_amount, jkm_amount, paid_on)
      select id, '2026-01-01', 2, 20000, 13600, '2026-01-05' from members where name like 'Lock %'`);
    const [runs] = await queryRows<{ n: number }>(
      tdb.db,
      sql`select count(*)::int as n from coverage_spans s join members m on m.id = s.member_id
          where m.name like 'Lock %' and s.first_month = '2026-01-01' and s.last_month = '2026-02-01'`,
    );
    expect(runs!.n).toBe(20000);
    await tdb.db.execute(sql`delete from members where name like 'Lock %'`);
    await tdb.db.execute(sql`analyze coverage_spans`);
    await expectConsistent();
  }, 180_000);
});
