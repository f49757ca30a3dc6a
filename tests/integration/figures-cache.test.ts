// The figure cache (db/figures-cache.ts) answers exactly what the queries answer: a write to any table the
// figures read changes the data version, so the next read runs the statement again. Also the grouped
// workforce (one pass for many regions) against the one-region definition, on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '@/db';
import { env } from '@/env';
import { readDataVersion } from '@/db/figures-cache';
import { getSummary } from '@/server/indicators/summary';
import { getSummarySeries, type SummaryCell } from '@/server/indicators/series';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases';
import { DISTRICT, V1, loadHandmadeData, type MemberIds } from '../helpers/handmade-data';

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
});
