// The README's design note for the nation ("Serving a province or the nation") made checkable: what Citus
// requires of the tables it names, read from the catalog of the migrated schema (PostgreSQL).
// - A distributed table's every primary key and unique index contains its distribution column (a shard
//   can only enforce uniqueness of what lives on it).
// - A foreign key of a distributed table points at a reference table, or at a co-located distributed
//   table through both distribution columns; a reference table never points at a distributed one.
// - Reference tables (copied to every worker) stay small: bounded by regions and codes, not by members.
// Where the schema does not satisfy a rule yet, the gap is listed below with what it takes to close it:
// the test fails when a new gap appears, and when a listed one is closed (so the list stays true).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '@/db';
import { insertReferenceData } from '@/db/seed/reference';
import { createTestDatabase, type TestDatabase } from '../helpers/databases';

/** Distributed tables and their distribution column (the README's note; coverage_spans is per member like contributions). */
const DISTRIBUTED: Record<string, string> = {
  members: 'id',
  contributions: 'member_id',
  claims: 'member_id',
  coverage_spans: 'member_id',
  rollup_monthly: 'village_code',
};
/** Reference tables the note names, replicated to every worker; the shipped reference data fills them. */
const NOTE_REFERENCE = ['regions', 'occupations', 'reference_rates', 'workforce_estimates', 'workforce_estimates_by_occupation'];
/**
 * And those the distributed tables' foreign keys point at (agents, communities, the imports log), with the
 * users they name: thousands of rows per province.
 */
const REFERENCE = [...NOTE_REFERENCE, 'agents', 'communities', 'imports', 'users'];
/** "Small": a province's reference rows; the nation's regions are about 91,000. */
const REFERENCE_MAX_ROWS = 100_000;

/**
 * The gaps the schema has today, each with what closes it. A NIK is unique nationally, but a table
 * distributed by member id cannot enforce that: a NIK → member table distributed by NIK would. A claim's
 * number likewise (a number → claim table). Serial ids as sole primary keys need the distribution column
 * added: `(member_id, id)`, with a plain index on `id` for the lookups by id (undo, claim pages).
 */
const KNOWN_GAPS = [
  'unique claims.claims_number_idx (number) lacks member_id',
  'unique claims.claims_pkey (id) lacks member_id',
  'unique contributions.contributions_pkey (id) lacks member_id',
  'unique members.members_nik_idx (nik) lacks id',
];

interface UniqueIndex {
  table: string;
  index: string;
  columns: string[];
}
interface ForeignKey {
  table: string;
  name: string;
  columns: string[];
  target: string;
  targetColumns: string[];
}

describe('the schema is ready to be distributed (Citus)', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    await insertReferenceData(database.db);
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it('has every table the note names, with its distribution column', async () => {
    const columns = await queryRows<{ table: string; column: string }>(
      database.db,
      sql`select table_name as table, column_name as column from information_schema.columns where table_schema = 'public'`,
    );
    for (const [table, column] of Object.entries(DISTRIBUTED)) expect(columns, `${table}.${column}`).toContainEqual({ table, column });
    for (const table of REFERENCE) expect(columns.some((c) => c.table === table), table).toBe(true);
  });

  it('states exactly which keys do not satisfy Citus yet', async () => {
    const uniques = await queryRows<UniqueIndex>(
      database.db,
      sql`select c.relname as table, i.relname as index,
            array(select a.attname::text from unnest(x.indkey) with ordinality k(attnum, n)
                  join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum order by k.n) as columns
          from pg_index x join pg_class c on c.oid = x.indrelid join pg_class i on i.oid = x.indexrelid
          join pg_namespace s on s.oid = c.relnamespace
          where s.nspname = 'public' and x.indisunique`,
    );
    const foreignKeys = await queryRows<ForeignKey>(
      database.db,
      sql`select c.relname as table, k.conname as name, t.relname as target,
            array(select a.attname::text from unnest(k.conkey) with ordinality u(attnum, n)
                  join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum order by u.n) as columns,
            array(select a.attname::text from unnest(k.confkey) with ordinality u(attnum, n)
                  join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.attnum order by u.n) as "targetColumns"
          from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class t on t.oid = k.confrelid
          join pg_namespace s on s.oid = c.relnamespace
          where s.nspname = 'public' and k.contype = 'f'`,
    );
    // The catalog was read (a guard against passing on nothing).
    expect(uniques.filter((u) => u.table in DISTRIBUTED).length).toBeGreaterThanOrEqual(5);
    expect(foreignKeys.filter((f) => f.table in DISTRIBUTED).length).toBeGreaterThanOrEqual(5);

    const gaps: string[] = [];
    for (const u of uniques) {
      const column = DISTRIBUTED[u.table];
      if (column && !u.columns.includes(column)) gaps.push(`unique ${u.table}.${u.index} (${u.columns.join(', ')}) lacks ${column}`);
    }
    for (const f of foreignKeys) {
      const column = DISTRIBUTED[f.table];
      const targetColumn = DISTRIBUTED[f.target];
      const label = `foreign key ${f.table}.${f.name} (${f.columns.join(', ')}) → ${f.target}`;
      if (column) {
        if (REFERENCE.includes(f.target)) continue;
        if (!targetColumn) gaps.push(`${label}: neither reference nor distributed`);
        else if (f.columns.indexOf(column) < 0 || f.targetColumns[f.columns.indexOf(column)] !== targetColumn) {
          gaps.push(`${label}: not on the distribution columns`);
        }
      } else if (REFERENCE.includes(f.table) && !REFERENCE.includes(f.target)) gaps.push(`${label}: a reference table pointing at a non-reference one`);
    }
    expect(gaps.sort()).toEqual([...KNOWN_GAPS].sort());
  });

  it('keeps the reference tables small and free of members', async () => {
    for (const table of REFERENCE) {
      const [row] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from ${sql.identifier(table)}`);
      // A guard against counting empty tables only.
      if (NOTE_REFERENCE.includes(table)) expect(Number(row?.n), table).toBeGreaterThan(0);
      expect(Number(row?.n), table).toBeLessThanOrEqual(REFERENCE_MAX_ROWS);
    }
    const memberColumns = await queryRows<{ table: string }>(
      database.db,
      sql`select table_name as table from information_schema.columns
          where table_schema = 'public' and column_name in ('member_id', 'nik') and table_name = any(${`{${REFERENCE.join(',')}}`}::text[])`,
    );
    expect(memberColumns).toEqual([]);
  });
});
