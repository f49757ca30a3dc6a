// Workforce estimates, the coverage rate's denominators, kept by admins: per region and year, and
// optionally per occupation, each with its source and whether it is an estimate (marked in the source
// text, as the shipped ones are). Saving the same region, year (and occupation) again edits it.
import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Database } from '@/db';
import { occupations, regions, workforceEstimates, workforceEstimatesByOccupation } from '@/db/schema';
import type { Caller } from '@/server/auth/caller';
import { writeAudit } from '@/server/audit';
import { assertInCallerRegion, assertPermission, callerRegionCondition } from '@/server/master-data/access';
import { isEstimateSource, markEstimate, type MasterResult, type WorkforceInput } from '@/domain/master-data';

export interface WorkforceRow {
  regionCode: string;
  regionName: string;
  level: string;
  year: number;
  occupationCode: string | null;
  occupationNameId: string | null;
  occupationNameEn: string | null;
  informalWorkers: number;
  source: string | null;
  estimate: boolean;
}

/** The estimates of one year in the caller's region (optionally within `regionCode`), totals first. */
export async function listWorkforceEstimates(
  db: Database,
  { caller, year, regionCode }: { caller: Caller; year: number; regionCode?: string | null },
): Promise<WorkforceRow[]> {
  assertPermission(caller, 'manage:reference-data');
  if (regionCode) assertInCallerRegion(caller, regionCode);
  const within = regionCode ? sql`(e.region_code = ${regionCode} or e.region_code like ${`${regionCode}.%`})` : sql`true`;
  const rows = await queryRows<Omit<WorkforceRow, 'estimate'>>(
    db,
    sql`select e.region_code as "regionCode", coalesce(r.name, '') as "regionName", coalesce(r.level, '') as level, e.year,
        e.occupation_code as "occupationCode", o.name_id as "occupationNameId", o.name_en as "occupationNameEn",
        e.informal_workers as "informalWorkers", e.source
      from (
        select region_code, year, null::text as occupation_code, informal_workers, source from workforce_estimates
        union all
        select region_code, year, occupation_code, informal_workers, source from workforce_estimates_by_occupation
      ) e
      left join regions r on r.code = e.region_code
      left join occupations o on o.code = e.occupation_code
      where e.year = ${year} and ${callerRegionCondition(caller, sql`e.region_code`)} and ${within}
      order by e.region_code, e.occupation_code nulls first`,
  );
  return rows.map((row) => ({ ...row, estimate: isEstimateSource(row.source) }));
}

/** The years any estimate exists for, in the caller's region (for the list's year choice). */
export async function listWorkforceYears(db: Database, { caller }: { caller: Caller }): Promise<number[]> {
  assertPermission(caller, 'manage:reference-data');
  const rows = await queryRows<{ year: number }>(
    db,
    sql`select distinct year from workforce_estimates where ${callerRegionCondition(caller, sql`region_code`)} order by year`,
  );
  return rows.map((row) => Number(row.year));
}

/** Adds or edits one estimate, with its audit entry, in one transaction. */
export async function saveWorkforceEstimate(
  db: Database,
  { caller, input }: { caller: Caller; input: WorkforceInput },
): Promise<MasterResult> {
  assertPermission(caller, 'manage:reference-data');
  assertInCallerRegion(caller, input.regionCode);
  const source = markEstimate(input.source, input.estimate);
  const id = [input.regionCode, input.year, input.occupationCode].filter((part) => part !== null).join('/');
  return db.transaction(async (tx) => {
    const [region] = await tx.select({ code: regions.code }).from(regions).where(eq(regions.code, input.regionCode));
    if (!region) return { ok: false, reason: 'unknownRegion', field: 'regionCode' } as const;
    let before: { informalWorkers: number; source: string | null } | undefined;
    if (input.occupationCode === null) {
      [before] = await tx
        .select({ informalWorkers: workforceEstimates.informalWorkers, source: workforceEstimates.source })
        .from(workforceEstimates)
        .where(and(eq(workforceEstimates.regionCode, input.regionCode), eq(workforceEstimates.year, input.year)))
        .for('update');
      await tx
        .insert(workforceEstimates)
        .values({ regionCode: input.regionCode, year: input.year, informalWorkers: input.informalWorkers, source })
        .onConflictDoUpdate({
          target: [workforceEstimates.regionCode, workforceEstimates.year],
          set: { informalWorkers: input.informalWorkers, source },
        });
    } else {
      const [occupation] = await tx.select({ code: occupations.code }).from(occupations).where(eq(occupations.code, input.occupationCode));
      if (!occupation) return { ok: false, reason: 'unknownOccupation', field: 'occupationCode' } as const;
      const table = workforceEstimatesByOccupation;
      [before] = await tx
        .select({ informalWorkers: table.informalWorkers, source: table.source })
        .from(table)
        .where(and(eq(table.regionCode, input.regionCode), eq(table.year, input.year), eq(table.occupationCode, input.occupationCode)))
        .for('update');
      await tx
        .insert(table)
        .values({
          regionCode: input.regionCode,
          year: input.year,
          occupationCode: input.occupationCode,
          informalWorkers: input.informalWorkers,
          source,
        })
        .onConflictDoUpdate({
          target: [table.regionCode, table.year, table.occupationCode],
          set: { informalWorkers: input.informalWorkers, source },
        });
    }
    await writeAudit(tx, {
      userId: caller.userId,
      actorEmail: caller.email,
      action: before ? 'workforce_update' : 'workforce_create',
      entity: 'workforce_estimate',
      entityId: id,
      details: { before: before ?? null, after: { informalWorkers: input.informalWorkers, source } },
    });
    return { ok: true, created: !before, id } as const;
  });
}
