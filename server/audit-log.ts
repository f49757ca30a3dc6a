import 'server-only';
import { and, desc, eq, ilike, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database } from '@/db';
import { auditLog } from '@/db/schema';
import type { Caller } from '@/server/auth/caller';
import { can } from '@/domain/permissions';
import { forbidden } from '@/domain/errors';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilter {
  user?: string;
  action?: string;
  /** Days in Asia/Jakarta, YYYY-MM-DD, inclusive. */
  from?: string;
  to?: string;
  page?: number;
}

export async function listAuditEntries(db: Database, { caller, filter }: { caller: Caller; filter: AuditFilter }) {
  if (!can(caller.role, 'view:audit-log')) throw forbidden();
  const conditions: SQL[] = [];
  if (filter.user) conditions.push(ilike(auditLog.actorEmail, `%${filter.user.replace(/[%_\\]/g, '\\$&')}%`));
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  if (filter.from) conditions.push(sql`${auditLog.at} >= (${filter.from}::date)::timestamp at time zone 'Asia/Jakarta'`);
  if (filter.to) {
    conditions.push(sql`${auditLog.at} < (${filter.to}::date + 1)::timestamp at time zone 'Asia/Jakarta'`);
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const page = Math.max(1, filter.page ?? 1);
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        actorEmail: auditLog.actorEmail,
        action: auditLog.action,
        entity: auditLog.entity,
        entityId: auditLog.entityId,
        details: auditLog.details,
        ip: auditLog.ip,
      })
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(AUDIT_PAGE_SIZE)
      .offset((page - 1) * AUDIT_PAGE_SIZE),
    db.select({ total: sql<number>`count(*)::int` }).from(auditLog).where(where),
  ]);
  return { rows, total: Number(count?.total ?? 0), page, pageSize: AUDIT_PAGE_SIZE };
}

export async function listAuditActions(db: Database, { caller }: { caller: Caller }): Promise<string[]> {
  if (!can(caller.role, 'view:audit-log')) throw forbidden();
  // The few distinct actions of a long log, one step of audit_log_action_idx each (a loose index scan)
  // instead of reading every entry.
  const rows = await queryRows<{ action: string }>(
    db,
    sql`with recursive actions as (
          (select action from audit_log order by action limit 1)
          union all
          select (select a.action from audit_log a where a.action > actions.action order by a.action limit 1)
          from actions where actions.action is not null
        )
        select action from actions where action is not null order by action`,
  );
  return rows.map((row) => row.action);
}
