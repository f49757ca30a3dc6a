import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '@/db';
import { coverageTargets, regions } from '@/db/schema';
import type { Caller } from '@/server/auth/caller';
import { can } from '@/domain/permissions';
import { forbidden } from '@/domain/errors';
import type { CoverageTargetInput } from '@/domain/targets';
import { writeAudit } from '@/server/audit';

/** Saves a village's coverage target for a year, with its audit entry, in one transaction. */
export async function saveCoverageTarget(
  db: Database,
  args: { caller: Caller; input: CoverageTargetInput },
): Promise<{ saved: boolean; villageName: string | null; previous: number | null }> {
  const { caller, input } = args;
  if (!can(caller.role, 'manage:targets')) throw forbidden();
  if (caller.regionCode && !input.regionCode.startsWith(caller.regionCode)) throw forbidden();
  return db.transaction(async (tx) => {
    const [village] = await tx
      .select({ name: regions.name })
      .from(regions)
      .where(and(eq(regions.code, input.regionCode), eq(regions.level, 'village')))
      .limit(1);
    if (!village) return { saved: false, villageName: null, previous: null };
    const [before] = await tx
      .select({ rate: coverageTargets.targetRate })
      .from(coverageTargets)
      .where(and(eq(coverageTargets.regionCode, input.regionCode), eq(coverageTargets.year, input.year)));
    await tx
      .insert(coverageTargets)
      .values({ regionCode: input.regionCode, year: input.year, targetRate: input.targetRate })
      .onConflictDoUpdate({
        target: [coverageTargets.regionCode, coverageTargets.year],
        set: { targetRate: sql`excluded.target_rate` },
      });
    await writeAudit(tx as unknown as Database, {
      userId: caller.userId,
      actorEmail: caller.email,
      action: 'update',
      entity: 'coverage_target',
      entityId: `${input.regionCode}/${input.year}`,
      details: { from: before?.rate ?? null, to: input.targetRate },
    });
    return { saved: true, villageName: village.name, previous: before?.rate ?? null };
  });
}
