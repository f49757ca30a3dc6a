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
import { breakdownStates, countIn, rateIn, regionStates, villageTreeStates, type CellStates } from '@/server/figures';
import { protectTable, type Additivity, type CellState } from '@/domain/suppression';
import { suppressesSmallCells } from '@/domain/permissions';
import type { SummaryCell } from '@/server/indicators/series';
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
  const hide = suppressesSmallCells(caller.role);
  const [cells, communities, villages, occupations, totals, members] = await Promise.all([
    getSummarySeries(db, { from: period, to: period, scope, by: 'village_occupation' }),
    getSummarySeries(db, { from: period, to: period, scope, by: 'community' }),
    // The margins of the village × occupation table, for a caller whose cells are protected.
    hide ? getSummarySeries(db, { from: period, to: period, scope, by: 'village' }) : Promise.resolve([]),
    hide ? getSummarySeries(db, { from: period, to: period, scope, by: 'occupation' }) : Promise.resolve([]),
    regionStates(db, { caller, regionCode: scope.regionCode, months: [period] }),
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
  const cellStates = hide ? villageOccupationStates(cells, villages, occupations, totals?.get(period) ?? null, scope.regionCode) : null;
  const communityStates = breakdownStates(role, communities, totals);
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
      uncoveredWorkers: uncovered === null ? null : rateIn(role, uncovered, cell.activeMembers, cellStates?.get(cell.key)?.activeMembers),
      lapsedMembers: countIn(role, cell.lapsedMembers, cellStates?.get(cell.key)?.lapsedMembers),
      activeMembers: countIn(role, cell.activeMembers, cellStates?.get(cell.key)?.activeMembers),
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
      lapsedMembers: countIn(role, cell.lapsedMembers, communityStates?.get(cell)?.lapsedMembers),
      activeMembers: countIn(role, cell.activeMembers, communityStates?.get(cell)?.activeMembers),
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

/**
 * Complementary suppression of the village × occupation table with its margins: the villages (as the
 * region's own tables hide them), the occupations (as coverage by occupation hides them) and the total.
 * A margin binds its cells only where they add up to it (members without an occupation are in no cell).
 */
function villageOccupationStates(
  cells: SummaryCell[],
  villages: SummaryCell[],
  occupations: SummaryCell[],
  rootStates: CellStates | null,
  regionCode: string,
): Map<string, Pick<CellStates, 'activeMembers' | 'lapsedMembers'>> {
  const villageStates = villageTreeStates(regionCode, rootStates, villages.map((v) => ({ ...v, code: v.key })));
  const occupationStates = breakdownStates('district_official', occupations, rootStates ? new Map([[occupations[0]?.period ?? '', rootStates]]) : null);
  const result = new Map<string, Pick<CellStates, 'activeMembers' | 'lapsedMembers'>>();
  const per: Record<'activeMembers' | 'lapsedMembers', CellState[]> = { activeMembers: [], lapsedMembers: [] };
  for (const metric of ['activeMembers', 'lapsedMembers'] as const) {
    const all = [...cells, ...villages, ...occupations];
    const fixed = (i: number): CellState | undefined => {
      if (i < cells.length) return undefined;
      if (i < cells.length + villages.length) return villageStates.get(villages[i - cells.length]!.key)?.[metric];
      return occupationStates?.get(occupations[i - cells.length - villages.length]!)?.[metric];
    };
    const sums: Additivity[] = [];
    const bind = (total: number, parts: number[]) => {
      const sum = parts.reduce((acc, i) => acc + all[i]![metric], 0);
      if (sum === all[total]![metric]) sums.push({ total, parts });
    };
    villages.forEach((v, i) => bind(cells.length + i, cells.flatMap((c, j) => (c.key.startsWith(`${v.key}|`) ? [j] : []))));
    occupations.forEach((o, i) => bind(cells.length + villages.length + i, cells.flatMap((c, j) => (c.key.endsWith(`|${o.key}`) ? [j] : []))));
    per[metric] = protectTable(all.map((c, i) => ({ persons: c[metric], fixed: fixed(i) })), sums);
  }
  cells.forEach((cell, i) => result.set(cell.key, { activeMembers: per.activeMembers[i]!, lapsedMembers: per.lapsedMembers[i]! }));
  return result;
}
