// Communities kept in the app: listed, created and edited by admins and officers within their region,
// each change in one transaction with its audit entry. A community is known by its name within its
// village (the import's natural key), so a second one of the same name there is refused.
import 'server-only';
import { and, eq, ne, sql } from 'drizzle-orm';
import { queryRows, type Database } from '@/db';
import { communities, occupations, regions } from '@/db/schema';
import type { Caller } from '@/server/auth/caller';
import { writeAudit } from '@/server/audit';
import {
  assertInCallerRegion,
  assertPermission,
  callerRegionCondition,
  inCallerRegion,
  isUniqueViolation,
} from '@/server/master-data/access';
import { AppError } from '@/domain/errors';
import type { CommunityType } from '@/domain/enums';
import type { CommunityInput, MasterResult } from '@/domain/master-data';

export interface CommunityRow {
  id: number;
  name: string;
  type: CommunityType;
  villageCode: string;
  villageName: string;
  occupationCode: string | null;
  occupationNameId: string | null;
  occupationNameEn: string | null;
  foundedOn: string | null;
  agents: number;
}

/** The communities in the caller's region, with their village, occupation and number of agents. */
export async function listManagedCommunities(db: Database, { caller }: { caller: Caller }): Promise<CommunityRow[]> {
  assertPermission(caller, 'manage:field-network');
  return queryRows<CommunityRow>(
    db,
    sql`select c.id, c.name, c.type, c.village_code as "villageCode", coalesce(v.name, '') as "villageName",
        c.occupation_code as "occupationCode", o.name_id as "occupationNameId", o.name_en as "occupationNameEn",
        to_char(c.founded_on, 'YYYY-MM-DD') as "foundedOn",
        (select count(*) from agent_communities ac where ac.community_id = c.id)::int as agents
      from communities c
      left join regions v on v.code = c.village_code
      left join occupations o on o.code = c.occupation_code
      where ${callerRegionCondition(caller, sql`c.village_code`)}
      order by c.village_code, c.name`,
  );
}

/** One community for its edit form; null when it does not exist or lies outside the caller's region. */
export async function getManagedCommunity(db: Database, { caller, id }: { caller: Caller; id: number }) {
  assertPermission(caller, 'manage:field-network');
  const [row] = await db
    .select({
      id: communities.id,
      name: communities.name,
      type: communities.type,
      villageCode: communities.villageCode,
      occupationCode: communities.occupationCode,
      foundedOn: communities.foundedOn,
    })
    .from(communities)
    .where(eq(communities.id, id));
  return row && inCallerRegion(caller, row.villageCode) ? row : null;
}

/** Creates a community (no id) or edits one, refusing a duplicate name in the village. */
export async function saveCommunity(
  db: Database,
  { caller, input }: { caller: Caller; input: CommunityInput },
): Promise<MasterResult> {
  assertPermission(caller, 'manage:field-network');
  assertInCallerRegion(caller, input.villageCode);
  try {
    return await db.transaction(async (tx) => {
      const [village] = await tx
        .select({ code: regions.code })
        .from(regions)
        .where(and(eq(regions.code, input.villageCode), eq(regions.level, 'village')));
      if (!village) return { ok: false, reason: 'unknownVillage', field: 'villageCode' } as const;
      if (input.occupationCode) {
        const [occupation] = await tx.select({ code: occupations.code }).from(occupations).where(eq(occupations.code, input.occupationCode));
        if (!occupation) return { ok: false, reason: 'unknownOccupation', field: 'occupationCode' } as const;
      }
      const sameName = and(
        eq(communities.villageCode, input.villageCode),
        sql`lower(${communities.name}) = lower(${input.name})`,
        input.id === null ? sql`true` : ne(communities.id, input.id),
      );
      const [duplicate] = await tx.select({ id: communities.id }).from(communities).where(sameName);
      if (duplicate) return { ok: false, reason: 'duplicateCommunity', field: 'name', values: { name: input.name } } as const;

      const values = {
        name: input.name,
        type: input.type,
        villageCode: input.villageCode,
        occupationCode: input.occupationCode,
        foundedOn: input.foundedOn,
      };
      if (input.id === null) {
        const [created] = await tx.insert(communities).values(values).returning({ id: communities.id });
        const id = String(created!.id);
        await writeAudit(tx, {
          userId: caller.userId,
          actorEmail: caller.email,
          action: 'community_create',
          entity: 'community',
          entityId: id,
          details: { after: values },
        });
        return { ok: true, created: true, id } as const;
      }
      const [before] = await tx
        .select({
          name: communities.name,
          type: communities.type,
          villageCode: communities.villageCode,
          occupationCode: communities.occupationCode,
          foundedOn: communities.foundedOn,
        })
        .from(communities)
        .where(eq(communities.id, input.id))
        .for('update');
      if (!before) throw new AppError('not_found', 404, 'notFound');
      // Neither an edit from outside the caller's region nor one that moves the community out of it.
      assertInCallerRegion(caller, before.villageCode);
      await tx.update(communities).set(values).where(eq(communities.id, input.id));
      await writeAudit(tx, {
        userId: caller.userId,
        actorEmail: caller.email,
        action: 'community_update',
        entity: 'community',
        entityId: String(input.id),
        details: { before, after: values },
      });
      return { ok: true, created: false, id: String(input.id) } as const;
    });
  } catch (error) {
    // Two people saving the same name at once: the unique index decides, with the same answer.
    if (isUniqueViolation(error)) return { ok: false, reason: 'duplicateCommunity', field: 'name', values: { name: input.name } };
    throw error;
  }
}
