// A cache of the figure queries' rows, keyed by the statement (SQL text and parameters: the scope — region,
// a supervisor's agents, a community —, the months and the grouping are all in it) and by the data
// version (`data_version`, migration 0011): statement triggers on every table the figures read add to
// it in the writing transaction, so its sum changes exactly when such a write commits. The regional
// tables (members, contributions, coverage runs, claims, the rollup) count per district instead
// (`data_version_district`): a statement that reads only one region's rows says so (`region`) and is
// keyed by the global version plus its region's districts', so a write in another district leaves it warm.
//
// Why it is exact: the version is read before the statement runs, so the rows cached under version v
// were computed from data at least as new as v; a reader that later reads v again sees no write
// committed since, so those rows are the current data. Rows are the raw query result, before any
// role's small-cell suppression, which every caller applies to its own copy.
//
// `PAYUNG_FIGURES_CACHE=off` turns it off (to measure the queries themselves).
import { AsyncLocalStorage } from 'node:async_hooks';
import { cache } from 'react';
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { queryRows, type Database } from '@/db';
import { env } from '@/env';

const dialect = new PgDialect();

/** Statements kept per database (least recently used dropped first). */
const MAX_ENTRIES = 400;

interface Entry {
  version: bigint;
  rows: Promise<readonly unknown[]>;
}

interface Store {
  entries: Map<string, Entry>;
}

/** Per database object: tests open several, and a transaction's own handle never shares a process cache. */
const stores = new WeakMap<object, Store>();

export function figuresCacheEnabled(): boolean {
  return env.PAYUNG_FIGURES_CACHE;
}

type Memo = Map<string, Promise<unknown>>;
/** Per server render (React's request cache; outside a render every call gets a new map: no memo). */
const renderMemo = cache((_db: object): Memo => new Map());
/** Per API GET request (withRequestMemo). */
const requestMemos = new AsyncLocalStorage<WeakMap<object, Memo>>();

/** Runs a read-only request handler with its own memo (see memoForRequest). */
export function withRequestMemo<T>(handler: () => Promise<T>): Promise<T> {
  return requestMemos.run(new WeakMap(), handler);
}

/**
 * `read()` once per request (an API GET, or a page's render) and database: what a request reads several
 * times — the caller's scope, the data version — is read at its first use. Reading the data version
 * once, before the first figure statement, keeps the cache exact: neither an API GET nor a render
 * writes figures (a server action writes before the render that follows it, which is a render of its
 * own, and outside a render React's cache keeps nothing).
 */
export function memoForRequest<T>(db: Database, name: string, read: () => Promise<T>): Promise<T> {
  const memos = requestMemos.getStore();
  let memo: Memo;
  if (memos) {
    memo = memos.get(db) ?? new Map();
    memos.set(db, memo);
  } else {
    memo = renderMemo(db);
  }
  let pending = memo.get(name) as Promise<T> | undefined;
  if (!pending) {
    pending = read();
    memo.set(name, pending);
  }
  return pending;
}

/** The committed data version, as SQL: its sum over the per-table rows, as text. */
export const DATA_VERSION_SQL = sql<string>`(select coalesce(sum(version), 0)::text from data_version)`;

/** The committed data version as this connection sees it now. */
export async function readDataVersion(db: Database): Promise<bigint> {
  const [row] = await queryRows<{ v: unknown }>(db, sql`select ${DATA_VERSION_SQL} as v`);
  return BigInt(String(row?.v ?? '0'));
}

/**
 * The districts' part of the version of `region` (a region code: its districts, or the district of a
 * village), or of every district (null), as SQL.
 */
export function districtVersionSql(region: string | null): SQL<string> {
  const where =
    region === null
      ? sql``
      : region.length >= 8
        ? sql`where district = ${region.slice(0, 8)}`
        : sql`where district like ${`${region}.%`}`;
  return sql<string>`(select coalesce(sum(version), 0)::text from data_version_district ${where})`;
}

/**
 * Reads the versions of `districts` (all inside `region`) in one statement for a request about to cache a
 * figure per district, instead of one statement each.
 */
export async function primeDistrictVersions(db: Database, region: string, districts: readonly string[]): Promise<void> {
  const rows = await queryRows<{ district: string; v: unknown }>(
    db,
    sql`select district, coalesce(sum(version), 0)::text as v from data_version_district where district like ${`${region}.%`} group by district`,
  );
  const versions = new Map(rows.map((row) => [row.district, BigInt(String(row.v))]));
  for (const district of districts) void memoForRequest(db, `districtVersion:${district}`, () => Promise.resolve(versions.get(district) ?? 0n));
}

/** The version figures of `region` (null: of every region) are cached under: global plus districts'. */
async function versionFor(db: Database, region: string | null): Promise<bigint> {
  const global = await memoForRequest(db, 'dataVersion', () => readDataVersion(db));
  const districts = await memoForRequest(db, `districtVersion:${region ?? '*'}`, async () => {
    const [row] = await queryRows<{ v: unknown }>(db, sql`select ${districtVersionSql(region)} as v`);
    return BigInt(String(row?.v ?? '0'));
  });
  return global + districts;
}

/**
 * Gives this request the data version another of its statements read along (the session check does,
 * saving every request a round trip). Like a first read, it must come before the request's figures.
 */
export function rememberDataVersion(db: Database, version: string): void {
  void memoForRequest(db, 'dataVersion', () => Promise.resolve(BigInt(version)));
}

function keyOf(query: SQL): string {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return `${text}\u0000${JSON.stringify(params, (_key, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value))}`;
}

/**
 * The rows of a read-only statement over the tables the data version covers (figures, and the lists
 * of members and claims beside them), from the cache when the same statement already ran at the
 * current data version. Rows are frozen: callers map them to their own objects. `{ key, query }` names
 * the statement by a key that determines it (cheaper than rendering a large statement to find it).
 * `region`: the statement reads members, contributions, coverage runs, claims and rollup rows of that
 * region only, so only writes there (or to the other tables) make it run again; omitted, any write does.
 */
export async function cachedRows<T>(db: Database, query: SQL | { key: string; query: () => SQL }, options: { region?: string | null } = {}): Promise<T[]> {
  const statement = () => ('key' in query ? query.query() : query);
  if (!figuresCacheEnabled()) return queryRows<T>(db, statement());
  const region = options.region ?? null;
  const version = await versionFor(db, region);
  let store = stores.get(db);
  if (!store) {
    store = { entries: new Map() };
    stores.set(db, store);
  }
  const key = `${region ?? '*'}\u0000${'key' in query ? `key\u0000${query.key}` : keyOf(query)}`;
  const entries = store.entries;
  const hit = entries.get(key);
  if (hit && hit.version === version) {
    entries.delete(key);
    entries.set(key, hit);
    return (await hit.rows) as T[];
  }
  // A reader that read the version before a newer one was cached: answer it live, cache nothing.
  if (hit && hit.version > version) return queryRows<T>(db, statement());
  const pending = queryRows<T>(db, statement()).then((rows) => {
    for (const row of rows) Object.freeze(row);
    return Object.freeze(rows) as readonly unknown[];
  });
  const entry = { version, rows: pending };
  entries.delete(key);
  entries.set(key, entry);
  pending.catch(() => {
    if (entries.get(key) === entry) entries.delete(key);
  });
  while (entries.size > MAX_ENTRIES) {
    const oldest = entries.keys().next().value;
    if (oldest === undefined) break;
    entries.delete(oldest);
  }
  return (await pending) as T[];
}
