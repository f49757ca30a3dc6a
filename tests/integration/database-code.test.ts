// The database code of db/sql: applied over the migrations at every open, idempotently, and complete
// where the figure cache depends on it — every table a cached statement reads carries a statement
// trigger that moves the data version (db/figures-cache.ts), or a write there would leave stale figures
// in the cache. The cached statements are recorded while the services read the hand-made data, and the
// tables each reads are taken from its plan, on both engines.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql, type SQL } from 'drizzle-orm';
import { applyDatabaseCode, databaseCodeStatements, queryRows, type Database } from '@/db';
import { rebuildRollups } from '@/db/rollups';
import type { Caller } from '@/server/auth/caller';
import { getAgentDetail, listAgents } from '@/server/agents';
import { getClaimsSummary, listClaims } from '@/server/claims';
import { getCoverageView, getRegionInfo, getSeriesView, listCommunities } from '@/server/coverage';
import { getMapView } from '@/server/map';
import { listMembers } from '@/server/members';
import { getDataAsOf, isDemoData } from '@/server/settings';
import { getSummaryView } from '@/server/summary';
import { getWorklist } from '@/server/worklist';
import { COVERAGE_BY } from '@/contracts/coverage';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases';
import { DISTRICT, V1, loadHandmadeData } from '../helpers/handmade-data';

const cached: Array<SQL | { key: string; query: () => SQL }> = [];
vi.mock('@/db/figures-cache', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/db/figures-cache')>();
  return {
    ...real,
    cachedRows: (db: Database, query: SQL | { key: string; query: () => SQL }) => {
      cached.push(query);
      return real.cachedRows(db, query);
    },
  };
});

const officer: Caller = { userId: 1, email: 'o@test', name: 'Officer', role: 'bpjs_officer', regionCode: null };
const official: Caller = { userId: 2, email: 'd@test', name: 'Official', role: 'district_official', regionCode: null };

/** Every cached read the pages and the API make, for two roles. */
async function readEverything(db: Database) {
  for (const caller of [officer, official]) {
    const period = '2026-03';
    await getSummaryView(db, { caller, period, regionCode: DISTRICT, compare: true });
    await getSeriesView(db, { caller, from: '2025-12', to: period, regionCode: DISTRICT });
    for (const by of COVERAGE_BY) await getCoverageView(db, { caller, period, regionCode: DISTRICT, by, locale: 'id' });
    await getRegionInfo(db, { caller, regionCode: V1 });
    await listCommunities(db, { caller, period, regionCode: DISTRICT, locale: 'id' });
    await getMapView(db, { caller, period, metric: 'coverageRate', regionCode: DISTRICT });
    const agents = await listAgents(db, { caller, period });
    await getAgentDetail(db, { caller, code: agents.rows[0]!.code, period });
    await getClaimsSummary(db, { caller, from: '2025-01', to: period });
    if (caller === officer) await listClaims(db, { caller, filters: { from: '2025-01', to: period, program: null, status: null, region: null, community: null, agent: null } });
    await getWorklist(db, { caller, period, regionCode: DISTRICT, locale: 'id' });
    if (caller === officer) await listMembers(db, { caller, period });
  }
  await getDataAsOf(db);
  await isDemoData(db);
}

/** The base tables a statement's plan reads. */
async function tablesRead(db: Database, query: SQL): Promise<string[]> {
  const [row] = await queryRows<Record<string, unknown>>(db, sql`explain (format json) ${query}`);
  const raw = Object.values(row ?? {})[0];
  const plan: unknown = typeof raw === 'string' ? JSON.parse(raw) : raw;
  const names = new Set<string>();
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'Relation Name' && typeof value === 'string') names.add(value);
        else walk(value);
      }
    }
  };
  walk(plan);
  return [...names];
}

/** Function and trigger definitions of the public schema, as the server prints them. */
async function definitions(db: Database): Promise<string[]> {
  const functions = await queryRows<{ def: string }>(
    db,
    sql`select pg_get_functiondef(p.oid) as def from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'public' order by p.proname`,
  );
  const triggers = await queryRows<{ def: string }>(
    db,
    sql`select pg_get_triggerdef(t.oid) as def from pg_trigger t join pg_class c on c.oid = t.tgrelid
      join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and not t.tgisinternal order by t.tgname`,
  );
  return [...functions, ...triggers].map((row) => row.def);
}

describe.each(ENGINES)('database code on %s', (engine) => {
  let tdb: TestDatabase;

  beforeAll(async () => {
    tdb = await createTestDatabase(engine);
    await loadHandmadeData(tdb.db);
  });

  afterAll(async () => {
    await tdb?.destroy();
  });

  it('defines every function and trigger of db/sql, and applying it again changes nothing', async () => {
    const before = await definitions(tdb.db);
    const created = databaseCodeStatements()
      .map((statement) => /CREATE OR REPLACE (?:FUNCTION|TRIGGER) (\w+)/.exec(statement)?.[1])
      .filter((name): name is string => Boolean(name));
    expect(created.length).toBeGreaterThan(20);
    // pg_get_functiondef names a function with its schema (public.name), a trigger without it.
    for (const name of created) expect(before.some((def) => new RegExp(`[ .]${name}\\b`).test(def)), name).toBe(true);
    await applyDatabaseCode(tdb.db);
    expect(await definitions(tdb.db)).toEqual(before);
  });

  it('moves the data version on writes to every table a cached figure statement reads', async () => {
    cached.length = 0;
    await readEverything(tdb.db);
    // The same reads once the monthly rollup is fresh: then the figures come from it.
    await rebuildRollups(tdb.db, { workers: 1 });
    await readEverything(tdb.db);
    const statements = cached.map((query) => ('key' in query ? query.query() : query));
    expect(statements.length).toBeGreaterThan(30);
    const read = new Set<string>();
    for (const statement of statements) for (const table of await tablesRead(tdb.db, statement)) read.add(table);
    // The recording saw the tables the figures are made of (a guard against passing on nothing).
    for (const table of ['members', 'contributions', 'coverage_spans', 'claims', 'regions', 'agents', 'rollup_monthly']) {
      expect(read, table).toContain(table);
    }

    const triggers = await queryRows<{ table_name: string; events: string }>(
      tdb.db,
      sql`select c.relname as table_name,
          concat_ws(',', case when t.tgtype & 4 <> 0 then 'insert' end, case when t.tgtype & 8 <> 0 then 'delete' end,
            case when t.tgtype & 16 <> 0 then 'update' end, case when t.tgtype & 32 <> 0 then 'truncate' end) as events
        from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_proc p on p.oid = t.tgfoid
        where p.proname in ('payung_bump_data_version', 'payung_bump_district_version_new', 'payung_bump_district_version_old',
          'payung_bump_district_version_both', 'payung_bump_member_district_version_new', 'payung_bump_member_district_version_old',
          'payung_bump_member_district_version_both') and t.tgtype & 1 = 0`,
    );
    const missing: string[] = [];
    for (const table of [...read].sort()) {
      const events = new Set(triggers.filter((t) => t.table_name === table).flatMap((t) => t.events.split(',')));
      for (const event of ['insert', 'update', 'delete', 'truncate']) if (!events.has(event)) missing.push(`${table} ${event}`);
    }
    expect(missing).toEqual([]);
  });
});
