// The figure cache (db/figures-cache.ts) answers exactly what the queries answer: a write to any table the
// figures read changes the data version, so the next read runs the statement again. Also the grouped
// workforce (one pass for many regions) against the one-region definition, on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '@/db';
import { env } from '@/env';
import { memoForRequest, primeDistrictVersions, readDataVersion, withRequestMemo } from '@/db/figures-cache';
import { getSummary } from '@/server/indicators/summary';
import { getSummarySeries, type SummaryCell } from '@/server/indicators/series';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases';
import { DISTRICT, OUT_DISTRICT, V1, loadHandmadeData, type MemberIds } from '../helpers/handmade-data';

const withoutCache = async <T>(read: () => Promise<T>): Promise<T> => {
  const before = env.PAYUNG_FIGURES_CACHE;
  env.PAYUNG_FIGURES_CACHE = false;
  try {
    return await read();
  } finally {
    env.PAYUNG_FIGURES_CACHE = before;
  }
};

describe.each(ENGINES)('figure cache on %s', (engine) => {
  let tdb: TestDatabase;
  let ids: MemberIds;

  beforeAll(async () => {
    tdb = await createTestDatabase(engine);
    ids = await loadHandmadeData(tdb.db);
  });

  afterAll(async () => {
    await tdb?.destroy();
  });

  it('gives each child region the workforce getSummary gives it alone', async () => {
    for (const regionCode of ['33.02', DISTRICT, V1]) {
      const cells = await getSummarySeries(tdb.db, { from: '2026-02', to: '2026-03', scope: { regionCode }, by: 'region' });
      expect(cells.length).toBeGreaterThan(0);
      for (const cell of cells) {
        const alone = await getSummary(tdb.db, { period: cell.period, scope: { regionCode: cell.key } });
        expect([cell.key, cell.period, cell.informalWorkforce]).toEqual([cell.key, cell.period, alone.informalWorkforce]);
      }
    }
  });

  it('moves the data version on writes to figure tables only, when they commit', async () => {
    const start = await readDataVersion(tdb.db);
    await queryRows(tdb.db, sql`select count(*) from members`);
    expect(await readDataVersion(tdb.db)).toBe(start);
    // A sign-in's timestamp is not a figure.
    await tdb.db.execute(sql`update users set last_sign_in_at = now()`);
    expect(await readDataVersion(tdb.db)).toBe(start);
    await tdb.db.execute(sql`update agents set name = name`);
    const afterAgents = await readDataVersion(tdb.db);
    expect(afterAgents > start).toBe(true);
    // The rollup marked stale or fresh: whether readers may use it is read through the cache too.
    await tdb.db.execute(sql`update rollup_state set stale = stale`);
    const afterRollupState = await readDataVersion(tdb.db);
    expect(afterRollupState > afterAgents).toBe(true);
    // A transaction rolled back leaves it as it was.
    await tdb.db
      .transaction(async (tx) => {
        await tx.execute(sql`update members set name = name`);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(await readDataVersion(tdb.db)).toBe(afterRollupState);
  });

  it('answers what the queries answer, before and after a write', async () => {
    const read = () =>
      getSummarySeries(tdb.db, { from: '2026-01', to: '2026-06', scope: { regionCode: DISTRICT, agentCodes: ['A1'] }, by: 'channel' });
    const first = await read();
    const again = await read();
    expect(again).toEqual(first);
    expect(await withoutCache(read)).toEqual(first);

    // M3 pays again for 2026-05 .. 2026-06: active members, payers and collections change.
    await tdb.db.execute(sql`
      insert into contributions (member_id, first_month, months_count, jkk_amount, jkm_amount, paid_on)
      values (${ids.M3}, '2026-05-01', 2, 20000, 13600, '2026-05-03')`);
    const after = await read();
    const live = await withoutCache(read);
    expect(after).toEqual(live);
    const active = (cells: SummaryCell[]) => cells.reduce((sum, c) => sum + c.activeMembers + c.payingMembers, 0);
    expect(active(after)).toBeGreaterThan(active(first));

    await tdb.db.execute(sql`delete from contributions where member_id = ${ids.M3} and first_month = '2026-05-01'`);
    expect(await read()).toEqual(first);
  });

  it('reads the versions of a region\'s districts in one statement, as each district\'s own read gives them', async () => {
    await tdb.db.execute(sql`update members set name = name where id = ${ids.M3}`);
    const own = Object.fromEntries(
      (await queryRows<{ district: string; v: string }>(tdb.db, sql`select district, sum(version)::text as v from data_version_district group by 1`)).map((r) => [r.district, BigInt(r.v)]),
    );
    const primed = await withRequestMemo(async () => {
      await primeDistrictVersions(tdb.db, '33.02', [DISTRICT, OUT_DISTRICT, '33.02.99']);
      const unread = () => Promise.reject(new Error('read again'));
      return Promise.all([DISTRICT, OUT_DISTRICT, '33.02.99'].map((d) => memoForRequest(tdb.db, `districtVersion:${d}`, unread)));
    });
    expect(primed).toEqual([own[DISTRICT], own[OUT_DISTRICT] ?? 0n, 0n]);
    expect(own[DISTRICT]! > 0n).toBe(true);
  });

  it('keeps a district\'s figures cached when another district is written to, and runs the written one\'s again', async () => {
    const read = (regionCode: string) => getSummarySeries(tdb.db, { from: '2026-01', to: '2026-03', scope: { regionCode }, by: 'total', source: 'live' });
    const districtVersions = async () =>
      Object.fromEntries(
        (await queryRows<{ district: string; v: string }>(tdb.db, sql`select district, sum(version)::text as v from data_version_district group by 1`)).map((r) => [r.district, BigInt(r.v)]),
      );
    const outsideBefore = await read(OUT_DISTRICT);
    const districtBefore = await read(DISTRICT);
    const enrolled = (cells: SummaryCell[]) => cells.map((c) => [c.period, c.newEnrolments]);
    const active = (cells: SummaryCell[]) => cells.map((c) => [c.period, c.activeMembers]);

    // A change outside that nobody tells the cache about (triggers off for one transaction): M11 now
    // enrolled in February. Only a statement that runs again sees it.
    await tdb.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`update members set enrolled_on = '2026-02-10' where id = ${ids.M11}`);
    });
    const live = await withoutCache(() => read(OUT_DISTRICT));
    expect(enrolled(live)).toEqual([['2026-01', 0], ['2026-02', 1], ['2026-03', 0]]);

    // A contribution in DISTRICT (M3 in V1, covered until 2025-11, pays February 2026).
    const versions = await districtVersions();
    await tdb.db.execute(sql`
      insert into contributions (member_id, first_month, months_count, jkk_amount, jkm_amount, paid_on)
      values (${ids.M3}, '2026-02-01', 1, 10000, 6800, '2026-02-03')`);
    const moved = await districtVersions();
    expect(moved[DISTRICT]! > (versions[DISTRICT] ?? 0n)).toBe(true);
    expect(moved[OUT_DISTRICT] ?? 0n).toBe(versions[OUT_DISTRICT] ?? 0n);

    // The other district is answered from the cache (without M11's new month), the written one again.
    expect(await read(OUT_DISTRICT)).toEqual(outsideBefore);
    const districtAfter = await read(DISTRICT);
    expect(districtAfter).toEqual(await withoutCache(() => read(DISTRICT)));
    expect(active(districtAfter).find(([p]) => p === '2026-02')![1]).toBe((active(districtBefore).find(([p]) => p === '2026-02')![1] as number) + 1);

    // A write in the other district makes its figures current.
    await tdb.db.execute(sql`update members set name = name where id = ${ids.M11}`);
    expect(enrolled(await read(OUT_DISTRICT))).toEqual(enrolled(live));

    await tdb.db.execute(sql`update members set enrolled_on = '2025-10-01' where id = ${ids.M11}`);
    await tdb.db.execute(sql`delete from contributions where member_id = ${ids.M3} and first_month = '2026-02-01'`);
    expect(await read(OUT_DISTRICT)).toEqual(outsideBefore);
    expect(await read(DISTRICT)).toEqual(districtBefore);
  });
});
