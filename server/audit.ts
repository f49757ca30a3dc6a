import 'server-only';
import type { Database } from '@/db';
import { auditLog } from '@/db/schema';

export interface AuditEntry {
  userId?: number | null;
  actorEmail?: string | null;
  action: string;
  entity?: string;
  entityId?: string;
  /** Never personal data: ids and counts only. */
  details?: Record<string, unknown>;
  ip?: string | null;
}

export async function writeAudit(db: Database, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    userId: entry.userId ?? null,
    actorEmail: entry.actorEmail ?? null,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    details: entry.details,
    ip: entry.ip ?? null,
  });
}
