import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { queryRows } from '@/db';
import type { ImportKind } from '@/domain/enums';
import { recordKeyChanges } from '@/server/imports/kinds/keyed';
import type { Counts, Tx, WriteContext } from '@/server/imports/kinds/types';
import type { Database } from '@/db';

// Upserts, before-images and undo for a table keyed by its natural key (regions, workforce estimates,
// targets): a chunk is read in one statement, written in one, its previous state kept in one.

export type ColumnType = 'text' | 'int' | 'numeric' | 'float' | 'date';

export interface KeyedTable {
  table: string;
  key: Readonly<Record<string, ColumnType>>;
  values: Readonly<Record<string, ColumnType>>;
}

/** A row to write: its key's values and its values (undefined: not in the file, keep the stored one). */
export interface KeyedWrite {
  line: number;
  raw: Record<string, string>;
  key: Record<string, string | number>;
  values: Record<string, string | number | null | undefined>;
}

const CAST: Record<ColumnType, string> = { text: 'text', int: 'int', numeric: 'numeric', float: 'float8', date: 'date' };
/** How a column is read back so that both drivers give what the file's values are compared with. */
const READ: Record<ColumnType, (column: string) => string> = {
  text: (c) => `x."${c}"`,
  int: (c) => `x."${c}"`,
  numeric: (c) => `x."${c}"::float8 as "${c}"`,
  float: (c) => `x."${c}"`,
  date: (c) => `x."${c}"::text as "${c}"`,
};

const recordset = (spec: { [column: string]: ColumnType }, rows: object[]): SQL =>
  sql`json_to_recordset(${JSON.stringify(rows)}::json) as w(${sql.raw(
    Object.entries(spec)
      .map(([c, t]) => `"${c}" ${CAST[t]}`)
      .join(', '),
  )})`;

const keyMatch = (t: KeyedTable, alias: string) =>
  sql.raw(
    Object.keys(t.key)
      .map((c) => `${alias}."${c}" = w."${c}"`)
      .join(' and '),
  );

/** The undo key of a row: the table and its key values, as text. */
export const keyText = (t: KeyedTable, key: Record<string, unknown>) => JSON.stringify([t.table, ...Object.keys(t.key).map((c) => key[c])]);

function sameValue(a: unknown, b: unknown): boolean {
  if ((a ?? null) === null || (b ?? null) === null) return (a ?? null) === (b ?? null);
  return typeof a === 'number' || typeof b === 'number' ? Number(a) === Number(b) : String(a) === String(b);
}

/** Writes one chunk of rows into `t`: returns the counts; changed rows are audited and kept for undo. */
export async function writeKeyed(ctx: WriteContext, kind: ImportKind, t: KeyedTable, rows: KeyedWrite[]): Promise<Counts> {
  const counts = { added: 0, updated: 0, unchanged: 0 };
  if (rows.length === 0) return counts;
  const keys = Object.keys(t.key);
  const values = Object.keys(t.values);
  const existing = await queryRows<Record<string, unknown>>(
    ctx.db,
    sql`select ${sql.raw([...keys, ...values].map((c) => READ[t.key[c] ?? t.values[c]!](c)).join(', '))}
        from ${sql.identifier(t.table)} x join ${recordset(t.key, rows.map((r) => r.key))} on ${keyMatch(t, 'x')}`,
  );
  const byKey = new Map(existing.map((e) => [keyText(t, e), e]));
  const writes: Record<string, unknown>[] = [];
  const changes: { key: string; before: Record<string, unknown> | null }[] = [];
  for (const row of rows) {
    const k = keyText(t, row.key);
    const before = byKey.get(k);
    const next: Record<string, unknown> = { ...row.key };
    for (const c of values) next[c] = row.values[c] === undefined ? (before?.[c] ?? null) : row.values[c];
    if (before) {
      const fields = values.filter((c) => !sameValue(before[c], next[c]));
      if (fields.length === 0) {
        counts.unchanged++;
        continue;
      }
      counts.updated++;
      changes.push({ key: k, before: Object.fromEntries([...keys, ...values].map((c) => [c, before[c] ?? null])) });
      ctx.changedAudit.push({ entityId: Object.keys(t.key).map((c) => row.key[c]).join('|'), fields });
    } else {
      counts.added++;
      changes.push({ key: k, before: null });
    }
    writes.push(next);
  }
  if (writes.length > 0) {
    const all = { ...t.key, ...t.values };
    await ctx.tx.execute(sql`
      insert into ${sql.identifier(t.table)} (${sql.raw(Object.keys(all).map((c) => `"${c}"`).join(', '))})
      select ${sql.raw(Object.keys(all).map((c) => `w."${c}"`).join(', '))} from ${recordset(all, writes)}
      on conflict (${sql.raw(keys.map((c) => `"${c}"`).join(', '))}) do update set
        ${sql.raw(values.map((c) => `"${c}" = excluded."${c}"`).join(', '))}`);
  }
  await recordKeyChanges(ctx.tx, ctx.importId, kind, changes);
  return counts;
}

/** Puts back the previous values of `changed` (before-images of `t`'s rows) in one statement. */
export async function restoreKeyed(tx: Tx, t: KeyedTable, changed: Record<string, unknown>[]): Promise<void> {
  if (changed.length === 0) return;
  const all = { ...t.key, ...t.values };
  await tx.execute(sql`
    update ${sql.identifier(t.table)} x set ${sql.raw(Object.keys(t.values).map((c) => `"${c}" = w."${c}"`).join(', '))}
    from ${recordset(all, changed)} where ${keyMatch(t, 'x')}`);
}

/** Removes the rows of `t` with the given keys; returns how many. */
export async function removeKeyed(db: Database, t: KeyedTable, keys: Record<string, unknown>[]): Promise<number> {
  if (keys.length === 0) return 0;
  const gone = await queryRows<{ n: number }>(
    db,
    sql`with gone as (delete from ${sql.identifier(t.table)} x using ${recordset(t.key, keys)} where ${keyMatch(t, 'x')} returning 1)
        select count(*)::int as n from gone`,
  );
  return Number(gone[0]?.n ?? 0);
}

/** The key values of an undo key made by keyText, for `t` (null when the key belongs to another table). */
export function keyValues(t: KeyedTable, text: string): Record<string, unknown> | null {
  const [table, ...parts] = JSON.parse(text) as unknown[];
  if (table !== t.table) return null;
  return Object.fromEntries(Object.keys(t.key).map((c, i) => [c, parts[i]]));
}
