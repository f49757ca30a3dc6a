import 'server-only';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows } from '@/db';
import { claims, contributions, importChanges, members } from '@/db/schema';
import { AppError } from '@/domain/errors';
import type { UndoContext } from '@/server/imports/kinds/types';

/**
 * Undo for members, contributions and claims (integer ids, rows carrying their import's id): rows the
 * import created are removed, rows it changed get their previous values back. Refused (409) when later
 * data builds on it: a later import changed its rows, or contributions/claims not from this import belong
 * to members it created.
 */
export async function undoEntityImport(ctx: UndoContext, table: 'members' | 'contributions' | 'claims'): Promise<{ removed: number; restored: number }> {
  const { tx, db: t, importId: id, rollups } = ctx;
  const blockers = await queryRows<{ n: number }>(
    t,
    sql`select (
          select count(*) from import_changes c join imports i on i.id = c.import_id
          where c.import_id > ${id} and i.undone_at is null and c.entity = ${table}
            and (c.entity_id in (select entity_id from import_changes where import_id = ${id} and entity = ${table})
                 or c.entity_id in (select id from ${sql.identifier(table)} where import_id = ${id}))
        ) + (
          select count(*) from contributions x join members m on m.id = x.member_id
          where ${table} = 'members' and m.import_id = ${id} and x.import_id is distinct from ${id}
        ) + (
          select count(*) from claims x join members m on m.id = x.member_id
          where ${table} = 'members' and m.import_id = ${id} and x.import_id is distinct from ${id}
        ) as n`,
  );
  if (Number(blockers[0]?.n ?? 0) > 0) throw new AppError('import_undo_blocked', 409, 'importUndoBlocked');

  const changes = await tx.select({ entityId: importChanges.entityId, before: importChanges.before }).from(importChanges).where(and(eq(importChanges.importId, id), eq(importChanges.entity, table)));
  const changedIds = sql`${`{${changes.map((c) => c.entityId).join(',')}}`}::int[]`;
  const touched = await queryRows<{ id: number; member_id: number; paid_on: string | null }>(
    t,
    table === 'members'
      ? sql`select id, id as member_id, null as paid_on from members where import_id = ${id} or id = any(${changedIds})`
      : sql`select id, member_id, ${table === 'contributions' ? sql`paid_on::text` : sql`null`} as paid_on
            from ${sql.identifier(table)} where import_id = ${id} or id = any(${changedIds})`,
  );
  const touchedIds = touched.map((r) => Number(r.member_id));
  if (table === 'members') await rollups.before(touchedIds);
  else if (table === 'contributions') {
    // The payment days removed or left by the restored rows, and those the restored rows go back to.
    const memberOf = new Map(touched.map((r) => [Number(r.id), Number(r.member_id)]));
    const payments = [
      ...touched.map((r) => ({ memberId: Number(r.member_id), paidOn: r.paid_on! })),
      ...changes.flatMap((c) => {
        const memberId = memberOf.get(c.entityId);
        return memberId === undefined ? [] : [{ memberId, paidOn: String((c.before as { paidOn: unknown }).paidOn) }];
      }),
    ];
    await rollups.before(touchedIds, payments);
  } else {
    // A restored claim may go back to another member: that member's figures change too.
    await rollups.before([...touchedIds, ...changes.map((c) => Number((c.before as { memberId: unknown }).memberId))], []);
  }
  for (const change of changes) {
    const b = change.before as Record<string, string | number | null>;
    const restore: SQL =
      table === 'members'
        ? sql`update members set kpj = ${b.kpj}, name = ${b.name}, sex = ${b.sex}, birth_date = ${b.birthDate}::date, village_code = ${b.villageCode},
                occupation_code = ${b.occupationCode}, community_id = ${b.communityId}::int, agent_code = ${b.agentCode}, channel = ${b.channel},
                enrolled_on = ${b.enrolledOn}::date, declared_income = ${b.declaredIncome}::int where id = ${change.entityId}`
        : table === 'contributions'
          ? sql`update contributions set months_count = ${b.monthsCount}::int, jkk_amount = ${b.jkkAmount}::int, jkm_amount = ${b.jkmAmount}::int,
                  paid_on = ${b.paidOn}::date, agent_code = ${b.agentCode} where id = ${change.entityId}`
          : sql`update claims set member_id = ${b.memberId}::int, program = ${b.program}, incident_date = ${b.incidentDate}::date,
                  submitted_on = ${b.submittedOn}::date, status = ${b.status}, amount = ${b.amount}::int, paid_on = ${b.paidOn}::date,
                  rejection_reason = ${b.rejectionReason}, agent_code = ${b.agentCode}, version = version + 1, updated_at = now()
                where id = ${change.entityId}`;
    await tx.execute(restore);
  }
  let removed: number;
  if (table === 'members') removed = (await tx.delete(members).where(eq(members.importId, id)).returning({ id: members.id })).length;
  else if (table === 'contributions') removed = (await tx.delete(contributions).where(eq(contributions.importId, id)).returning({ id: contributions.id })).length;
  else removed = (await tx.delete(claims).where(eq(claims.importId, id)).returning({ id: claims.id })).length;
  return { removed, restored: changes.length };
}

/** Keeps the previous state of rows an import changed (members, contributions, claims). */
export async function recordEntityChanges(
  ctx: { tx: UndoContext['tx']; importId: number },
  entity: 'members' | 'contributions' | 'claims',
  changes: { entityId: number; before: Record<string, unknown> }[],
): Promise<void> {
  if (changes.length === 0) return;
  await ctx.tx
    .insert(importChanges)
    .values(changes.map((c) => ({ importId: ctx.importId, entity, entityId: c.entityId, before: c.before })))
    .onConflictDoNothing();
}
