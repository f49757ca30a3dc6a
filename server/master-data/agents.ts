// Perisai agents kept in the app: created and edited (village, communities, supervisor, phone, active
// dates) by admins and officers within their region. An agent is never deleted: their members, targets
// and contributions refer to them, so an agent who stops is ended by an `active_to` date.
import 'server-only';
import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { queryRows, type Database } from '@/db';
import { agentCommunities, agents, communities, regions, users } from '@/db/schema';
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
import type { AgentInput, MasterResult } from '@/domain/master-data';

export interface ManagedAgentRow {
  code: string;
  name: string;
  villageCode: string;
  villageName: string;
  supervisorName: string | null;
  supervisorEmail: string | null;
  phone: string | null;
  activeFrom: string;
  activeTo: string | null;
  communities: string | null;
}

/** The agents of the caller's region with their village, supervisor and communities. */
export async function listManagedAgents(db: Database, { caller }: { caller: Caller }): Promise<ManagedAgentRow[]> {
  assertPermission(caller, 'manage:field-network');
  return queryRows<ManagedAgentRow>(
    db,
    sql`select a.code, a.name, a.village_code as "villageCode", coalesce(v.name, '') as "villageName",
        u.name as "supervisorName", u.email as "supervisorEmail", a.phone,
        to_char(a.active_from, 'YYYY-MM-DD') as "activeFrom", to_char(a.active_to, 'YYYY-MM-DD') as "activeTo",
        (select string_agg(c.name, ', ' order by c.name) from agent_communities ac
          join communities c on c.id = ac.community_id where ac.agent_code = a.code) as communities
      from agents a
      left join regions v on v.code = a.village_code
      left join users u on u.id = a.supervisor_id
      where ${callerRegionCondition(caller, sql`a.village_code`)}
      order by a.code`,
  );
}

/** One agent for its edit form; null when missing or outside the caller's region. */
export async function getManagedAgent(db: Database, { caller, code }: { caller: Caller; code: string }) {
  assertPermission(caller, 'manage:field-network');
  const [agent] = await db
    .select({
      code: agents.code,
      name: agents.name,
      villageCode: agents.villageCode,
      supervisorId: agents.supervisorId,
      phone: agents.phone,
      activeFrom: agents.activeFrom,
      activeTo: agents.activeTo,
    })
    .from(agents)
    .where(eq(agents.code, code));
  if (!agent || !inCallerRegion(caller, agent.villageCode)) return null;
  const links = await db
    .select({ id: agentCommunities.communityId })
    .from(agentCommunities)
    .where(eq(agentCommunities.agentCode, code))
    .orderBy(agentCommunities.communityId);
  return { ...agent, communityIds: links.map((link) => link.id) };
}

/** Creates an agent or edits one (`input.editing`), with its communities, in one transaction. */
export async function saveAgent(db: Database, { caller, input }: { caller: Caller; input: AgentInput }): Promise<MasterResult> {
  assertPermission(caller, 'manage:field-network');
  assertInCallerRegion(caller, input.villageCode);
  try {
    return await db.transaction(async (tx) => {
      const [village] = await tx
        .select({ code: regions.code })
        .from(regions)
        .where(and(eq(regions.code, input.villageCode), eq(regions.level, 'village')));
      if (!village) return { ok: false, reason: 'unknownVillage', field: 'villageCode' } as const;
      if (input.supervisorId !== null) {
        const [supervisor] = await tx
          .select({ id: users.id })
          .from(users)
          .where(and(eq(users.id, input.supervisorId), eq(users.role, 'supervisor')));
        if (!supervisor) return { ok: false, reason: 'unknownSupervisor', field: 'supervisorId' } as const;
      }
      if (input.communityIds.length > 0) {
        const found = await tx
          .select({ id: communities.id, villageCode: communities.villageCode })
          .from(communities)
          .where(inArray(communities.id, input.communityIds));
        // A community outside the caller's region is as unknown to them as a missing one.
        if (found.length !== input.communityIds.length || found.some((c) => !inCallerRegion(caller, c.villageCode))) {
          return { ok: false, reason: 'unknownCommunity', field: 'communityIds' } as const;
        }
      }
      const values = {
        name: input.name,
        villageCode: input.villageCode,
        supervisorId: input.supervisorId,
        phone: input.phone,
        activeFrom: input.activeFrom,
        activeTo: input.activeTo,
      };
      const after = { ...values, communityIds: [...input.communityIds].sort((a, b) => a - b) };

      const [before] = await tx
        .select({
          name: agents.name,
          villageCode: agents.villageCode,
          supervisorId: agents.supervisorId,
          phone: agents.phone,
          activeFrom: agents.activeFrom,
          activeTo: agents.activeTo,
        })
        .from(agents)
        .where(eq(agents.code, input.code))
        .for('update');
      if (!input.editing) {
        if (before) return { ok: false, reason: 'codeTaken', field: 'code', values: { code: input.code } } as const;
        await tx.insert(agents).values({ code: input.code, ...values });
      } else {
        if (!before) throw new AppError('not_found', 404, 'notFound');
        assertInCallerRegion(caller, before.villageCode);
        await tx.update(agents).set(values).where(eq(agents.code, input.code));
      }
      const previous = input.editing
        ? (await tx.select({ id: agentCommunities.communityId }).from(agentCommunities).where(eq(agentCommunities.agentCode, input.code))).map(
            (link) => link.id,
          )
        : [];
      if (input.editing) {
        await tx
          .delete(agentCommunities)
          .where(
            input.communityIds.length === 0
              ? eq(agentCommunities.agentCode, input.code)
              : and(eq(agentCommunities.agentCode, input.code), notInArray(agentCommunities.communityId, input.communityIds)),
          );
      }
      if (input.communityIds.length > 0) {
        await tx
          .insert(agentCommunities)
          .values(input.communityIds.map((communityId) => ({ agentCode: input.code, communityId })))
          .onConflictDoNothing();
      }
      await writeAudit(tx, {
        userId: caller.userId,
        actorEmail: caller.email,
        action: input.editing ? 'agent_update' : 'agent_create',
        entity: 'agent',
        entityId: input.code,
        details: input.editing ? { before: { ...before, communityIds: previous.sort((a, b) => a - b) }, after } : { after },
      });
      return { ok: true, created: !input.editing, id: input.code } as const;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: 'codeTaken', field: 'code', values: { code: input.code } };
    throw error;
  }
}
