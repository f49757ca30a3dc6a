import 'server-only';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '@/db';
import type { Caller } from '@/server/auth/caller';
import { can } from '@/domain/permissions';
import type { Figure } from '@/domain/format';
import type { Locale } from '@/i18n';
import { membersInArrearsSql } from '@/server/indicators/arrears';
import { getSummarySeries } from '@/server/indicators/series';
import { maskNik } from '@/server/privacy';
import { countFor, rateFor } from '@/server/figures';
import { groupName } from '@/server/coverage';
import { resolveScope } from '@/server/scope';

export interface WorklistCell {
  key: string;
  name: string;
  uncoveredWorkers: Figure | null;
  lapsedMembers: Figure;
  activeMembers: Figure;
  informalWorkforce: number | null;
}

export interface WorklistMember {
  key: string;
  name: string;
  nik: string;
  phone: string | null;
  villageName: string;
  communityName: string | null;
  agentName: string | null;
  lastCovered: string;
}

export interface Worklist {
  period: string;
  region: string;
  regionName: string;
  cells: WorklistCell[];
  communities: WorklistCell[];
  /** Null when the caller may not see personal data (a district official). */
  members: WorklistMember[] | null;
}

const TOP_CELLS = 20;
const TOP_COMMUNITIES = 10;
const TOP_MEMBERS = 50;

/**
 * Where to act: the village × occupation cells with the most uncovered workers, the communities with the
 * most members in arrears, and (for roles that may see personal data) the members in arrears to
 * visit, most recently lapsed first. A supervisor's scope holds only their agents' members.
 */
export async function getWorklist(
  db: Database,
  args: { caller: Caller; period: string; regionCode?: string | null; locale: Locale },
): Promise<Worklist> {
  const { caller, period, locale } = args;
  const { scope, region } = await resolveScope(db, caller, args.regionCode);
  const personal = can(caller.role, 'view:personal-data');
  const [cells, communities, members] = await Promise.all([
    getSummarySeries(db, { from: period, to: period, scope, by: 'village_occupation' }),
    getSummarySeries(db, { from: period, to: period, scope, by: 'community' }),
    personal
      ? queryRows<Record<string, unknown>>(
          db,
          sql`
            with arrears as (${membersInArrearsSql(period, scope)}),
            top as (
              select m.id, m.name, m.nik, m.phone, m.community_id, m.agent_code, r.name as village_name, ar.last_month
              from arrears ar
              join members m on m.id = ar.member_id
              join regions r on r.code = m.village_code
              order by ar.last_month desc, r.name, m.name, m.id
              limit ${TOP_MEMBERS}
            )
            select t.id, t.name, t.nik, t.phone, t.village_name, co.name as community_name,
              a.name as agent_name, to_char(t.last_month, 'YYYY-MM') as last_covered
            from top t
            left join communities co on co.id = t.community_id
            left join agents a on a.code = t.agent_code
            order by t.last_month desc, t.village_name, t.name, t.id`,
        )
      : Promise.resolve(null),
  ]);
  const role = caller.role;
  const cellRows = cells
    .map((cell) => {
      const uncovered = cell.informalWorkforce === null ? null : Math.max(cell.informalWorkforce - cell.activeMembers, 0);
      return { cell, uncovered };
    })
    .filter(({ cell, uncovered }) => (uncovered ?? 0) > 0 || cell.lapsedMembers > 0)
    .sort((a, b) => (b.uncovered ?? 0) - (a.uncovered ?? 0) || b.cell.lapsedMembers - a.cell.lapsedMembers)
    .slice(0, TOP_CELLS)
    .map(({ cell, uncovered }) => ({
      key: cell.key,
      name: (locale === 'en' ? cell.nameEn : cell.name) ?? cell.key,
      uncoveredWorkers: uncovered === null ? null : rateFor(role, uncovered, cell.activeMembers),
      lapsedMembers: countFor(role, cell.lapsedMembers),
      activeMembers: countFor(role, cell.activeMembers),
      informalWorkforce: cell.informalWorkforce,
    }));
  const communityRows = communities
    .filter((cell) => cell.key !== 'none' && cell.lapsedMembers > 0)
    .sort((a, b) => b.lapsedMembers - a.lapsedMembers)
    .slice(0, TOP_COMMUNITIES)
    .map((cell) => ({
      key: cell.key,
      name: groupName('community', cell, locale),
      uncoveredWorkers: null,
      lapsedMembers: countFor(role, cell.lapsedMembers),
      activeMembers: countFor(role, cell.activeMembers),
      informalWorkforce: null,
    }));
  return {
    period,
    region: scope.regionCode,
    regionName: region.name,
    cells: cellRows,
    communities: communityRows,
    members:
      members?.map((m) => ({
        key: String(m.id),
        name: String(m.name),
        // NIK masked by default (PRODUCT.md); revealing one is a separate, audited action.
        nik: maskNik(String(m.nik)),
        phone: (m.phone as string | null) ?? null,
        villageName: String(m.village_name),
        communityName: (m.community_name as string | null) ?? null,
        agentName: (m.agent_name as string | null) ?? null,
        lastCovered: String(m.last_covered),
      })) ?? null,
  };
}
