import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { queryRows } from '@/db';
import type { ImportKind } from '@/domain/enums';
import { IMPORT_ISSUE_LIMIT } from '@/domain/import-kinds';
import type { StagedContext } from '@/server/imports/kinds/types';

// What the set-based kinds share: their staged rows joined with what the database holds are in the
// temporary table `import_resolved` (`line`, `raw`, `existing_id` and the kind's columns).

/**
 * Calls `report` for each resolved row matching `where`, in line order. Only the first rows (as many as a
 * report keeps) carry their cells; the others are counted and their lines marked rejected.
 */
export async function reportRows(ctx: Pick<StagedContext, 'db'>, where: SQL, report: (line: number, raw: Record<string, string> | undefined) => void): Promise<void> {
  const rows = await queryRows<{ line: number; raw: string | null }>(
    ctx.db,
    sql`select line, case when row_number() over (order by line) <= ${IMPORT_ISSUE_LIMIT} then raw end as raw
        from import_resolved where ${where} order by line`,
  );
  for (const row of rows) report(Number(row.line), row.raw ? (JSON.parse(row.raw) as Record<string, string>) : undefined);
}

/** One `import_update` audit entry per changed row, naming the fields that changed (as the pipeline does). */
export async function auditChanges(ctx: StagedContext, entity: ImportKind, where: SQL, differs: readonly (readonly [field: string, differs: SQL])[]): Promise<void> {
  const fields = sql`array_remove(array[${sql.join(
    differs.map(([field, d]) => sql`case when ${d} then ${field} end`),
    sql`, `,
  )}]::text[], null)`;
  await ctx.tx.execute(sql`
    insert into audit_log (user_id, actor_email, action, entity, entity_id, details, ip)
    select ${ctx.caller.userId}, ${ctx.caller.email}, 'import_update', ${entity}, existing_id::text,
      jsonb_build_object('importId', ${ctx.importId}::int, 'fields', to_jsonb(${fields})), ${ctx.ip}
    from import_resolved where ${where} order by line`);
}

/**
 * Refreshes the planner's statistics of `tables` when a file grew them by a large share (a first load
 * into a new database, say): the rollup's maintenance that follows in the same transaction joins them,
 * and planned for the tables as they were (empty) it takes minutes instead of seconds. ANALYZE counts
 * the rows this transaction wrote.
 */
export async function analyzeIfGrown(ctx: Pick<StagedContext, 'tx' | 'db'>, table: 'members' | 'contributions', added: number, alsoAnalyze: readonly string[] = []): Promise<void> {
  if (added < 10_000) return;
  const [row] = await queryRows<{ n: number }>(ctx.db, sql`select greatest(reltuples, 0)::bigint as n from pg_class where oid = ${table}::regclass`);
  if (added < Number(row?.n ?? 0) / 5) return;
  await ctx.tx.execute(sql.raw(`analyze ${[table, ...alsoAnalyze].join(', ')}`));
}
