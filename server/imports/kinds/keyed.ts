import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { queryRows } from '@/db';
import { importKeyChanges } from '@/db/schema';
import type { ImportKind } from '@/domain/enums';
import { AppError } from '@/domain/errors';
import { CHUNK, databaseErrorCode, type UndoContext, type Tx } from '@/server/imports/kinds/types';

// Undo for the master-data kinds, whose rows have text keys: each row an import touched leaves its key
// in import_key_changes with the row's previous values, or null when the import created it.

export async function recordKeyChanges(tx: Tx, importId: number, entity: ImportKind, changes: { key: string; before: Record<string, unknown> | null }[]): Promise<void> {
  for (let i = 0; i < changes.length; i += CHUNK) {
    await tx
      .insert(importKeyChanges)
      .values(changes.slice(i, i + CHUNK).map((c) => ({ importId, entity, key: c.key, before: c.before })))
      .onConflictDoNothing();
  }
}

export interface KeyedUndo {
  /** Rows (by key) that depend on the created rows and that undo would lose or break: more than 0 blocks. */
  dependents?: (created: string[]) => Promise<number>;
  /** Puts the previous values back, all rows in one statement. */
  restore: (changed: { key: string; before: Record<string, unknown> }[]) => Promise<void>;
  /** Removes the created rows; returns how many. */
  remove: (created: string[]) => Promise<number>;
}

export async function undoKeyed(ctx: UndoContext, entity: ImportKind, how: KeyedUndo): Promise<{ removed: number; restored: number }> {
  const { tx, db, importId } = ctx;
  const [later] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from import_key_changes c join imports i on i.id = c.import_id
        where c.import_id > ${importId} and i.undone_at is null and c.entity = ${entity}
          and c.key in (select key from import_key_changes where import_id = ${importId} and entity = ${entity})`,
  );
  if (Number(later?.n ?? 0) > 0) throw new AppError('import_undo_blocked', 409, 'importUndoBlocked');
  const rows = await tx
    .select({ key: importKeyChanges.key, before: importKeyChanges.before })
    .from(importKeyChanges)
    .where(and(eq(importKeyChanges.importId, importId), eq(importKeyChanges.entity, entity)));
  const created = rows.filter((r) => r.before === null).map((r) => r.key);
  const changed = rows.filter((r) => r.before !== null).map((r) => ({ key: r.key, before: r.before as Record<string, unknown> }));
  if (created.length > 0 && how.dependents && (await how.dependents(created)) > 0) throw new AppError('import_undo_blocked', 409, 'importUndoBlocked');
  try {
    if (changed.length > 0) await how.restore(changed);
    const removed = created.length > 0 ? await how.remove(created) : 0;
    return { removed, restored: changed.length };
  } catch (error) {
    // Rows made later refer to what this import created (a member in a new village, ...): undo those first.
    if (databaseErrorCode(error) === '23503') throw new AppError('import_undo_blocked', 409, 'importUndoBlocked');
    throw error;
  }
}
