import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '@/db';
import { cachedRows } from '@/db/figures-cache';
import { agentTargets } from '@/db/schema';
import type { Caller } from '@/server/auth/caller';
import { can, suppressesSmallCells } from '@/domain/permissions';
import { AppError, forbidden } from '@/domain/errors';
import { getAgentFigures, INACTIVITY_MONTHS, type AgentMonthFigures } from '@/server/indicators/agents';
import { addMonths, monthsBetween, type Period } from '@/domain/month';
import { getAgentTieRetention, getGroupedRetention, type AgentTie } from '@/server/indicators/retention';
import { memberScopeCondition, regionMatch, type IndicatorScope } from '@/server/indicators/scope';
import { getSummarySeries, type SummaryCell } from '@/server/indicators/series';
import { monthDate, percentage, toNumber } from '@/server/indicators/sql-helpers';
import { getMemberStatusMix } from '@/server/indicators/status';
import { membersInArrearsSql } from '@/server/indicators/arrears';
import type { AgentTargetInput } from '@/domain/agents';
import { compareCodes, compareNames } from '@/domain/compare';
import { breakdownStates, countFor, countIn, groupStates, rateFor, regionStates, shown, type CellStates } from '@/server/figures';
import { protectBreakdown } from '@/domain/suppression';
import { maskNikSql } from '@/server/members';
import { resolveScope } from '@/server/scope';
import { writeAudit } from '@/server/audit';
import type { AgentDetail, AgentListView, AgentRow, CountedRate } from '@/contracts/agents';
import type { TrustFigures } from '@/contracts/agents';
import type { Explanation } from '@/contracts/explain';
import { anyProvisional } from '@/server/explain';
import { getDataAsOf } from '@/server/settings';

/** Retention is pooled over the twelve monthly cohorts that reached six months by the period (as for communities). */
const RETENTION_MONTHS = 6;
const RETENTION_COHORTS = 12;

export interface AgentFilters {
  supervisorId?: number;
  villageCode?: string;
  communityId?: number;
}

interface AgentFacts {
  code: string;
  name: string;
  villageCode: string;
  villageName: string;
  supervisorId: number | null;
  supervisorName: string | null;
  activeFrom: string;
  activeTo: string | null;
  communities: Array<{ id: number; name: string }>;
}





function parseJsonArray<T>(value: unknown): T[] {
  if (Array.isArray(value)) return value as T[];
  if (typeof value === 'string') return JSON.parse(value) as T[];
  return [];
}

/** The agents a caller may see: a supervisor their own, others those of their region (or serving it). */
async function listAgentFacts(db: Database, scope: IndicatorScope, code?: string): Promise<AgentFacts[]> {
  const own = scope.agentCodes
    ? scope.agentCodes.length === 0
      ? sql`false`
      : sql`a.code in (${sql.join(
          scope.agentCodes.map((c) => sql`${c}`),
          sql`, `,
        )})`
    : sql`true`;
  const rows = await cachedRows<Record<string, unknown>>(
    db,
    // The agents' communities in one grouped join (not one lookup per agent).
    sql`
      with tied as (
        select ac.agent_code, json_agg(json_build_object('id', co.id, 'name', co.name) order by co.name) as communities
        from agent_communities ac join communities co on co.id = ac.community_id
        ${code === undefined ? sql`` : sql`where ac.agent_code = ${code}`}
        group by ac.agent_code
      )
      select a.code, a.name, a.village_code, r.name as village_name, a.supervisor_id, u.name as supervisor_name,
        a.active_from::text as active_from, a.active_to::text as active_to,
        coalesce(t.communities, '[]'::json) as communities
      from agents a
      join regions r on r.code = a.village_code
      left join users u on u.id = a.supervisor_id
      left join tied t on t.agent_code = a.code
      where ${own} and ${code === undefined ? sql`true` : sql`a.code = ${code}`}
        and (${regionMatch(sql`a.village_code`, scope.regionCode)}
          or exists (select 1 from members sm where sm.agent_code = a.code and ${memberScopeCondition('sm', { regionCode: scope.regionCode })}))
      order by a.code`,
  );
  return rows.map((row) => ({
    code: String(row.code),
    name: String(row.name),
    villageCode: String(row.village_code),
    villageName: String(row.village_name),
    supervisorId: row.supervisor_id === null ? null : toNumber(row.supervisor_id),
    supervisorName: (row.supervisor_name as string | null) ?? null,
    activeFrom: String(row.active_from),
    activeTo: (row.active_to as string | null) ?? null,
    communities: parseJsonArray<{ id: number; name: string }>(row.communities).map((c) => ({ id: Number(c.id), name: c.name })),
  }));
}

type Retention = { cohortSize: number; retained: number; rate: number | null };
const EMPTY: Retention = { cohortSize: 0, retained: 0, rate: null };

function countedRate(role: Caller['role'], r: Retention): CountedRate {
  return {
    rate: rateFor(role, r.rate, Math.min(r.retained, r.cohortSize)),
    cohort: countFor(role, r.cohortSize),
    retained: countFor(role, r.retained),
  };
}

function buildRow(
  role: Caller['role'],
  period: Period,
  facts: AgentFacts,
  cell: SummaryCell | undefined,
  previous: SummaryCell | undefined,
  figures: AgentMonthFigures | undefined,
  retention: Retention,
  ties: Record<AgentTie, Retention>,
  states?: { now?: CellStates; before?: CellStates },
): AgentRow {
  const recruits = figures?.recruits ?? 0;
  const target = figures?.target ?? null;
  const attainment = target ? percentage(recruits, target) : null;
  const arrears = cell?.lapsedMembers ?? 0;
  const arrearsBefore = previous?.lapsedMembers ?? 0;
  const months = figures?.monthsSinceLastAcquisition ?? 0;
  const bonus = figures?.acquisitionBonus ?? 0;
  const fee = figures?.collectionFee ?? 0;
  const payers = figures?.collectingPayers ?? 0;
  // The fee reveals the collections (persons: the payers); the bonus only exists from the minimum of new NIKs up.
  const incentivePersons = payers + (bonus > 0 ? recruits : 0);
  const embedded = countedRate(role, ties.embedded);
  const outside = countedRate(role, ties.outside);
  const suppressing = suppressesSmallCells(role);
  const agentActive = facts.activeFrom < `${addMonths(period, 1)}-01` && (facts.activeTo === null || facts.activeTo >= `${period}-01`);
  return {
    key: facts.code,
    code: facts.code,
    name: facts.name,
    supervisor: facts.supervisorName,
    supervisorId: facts.supervisorId,
    village: facts.villageName,
    villageCode: facts.villageCode,
    communities: facts.communities.map((c) => c.name),
    // Recruits are the agent's new enrolments: hidden as the breakdown by agent hides those.
    recruits: countIn(role, recruits, cell && cell.newEnrolments === recruits ? states?.now?.newEnrolments : undefined),
    activeMembers: countIn(role, cell?.activeMembers ?? 0, states?.now?.activeMembers),
    retention6m: rateFor(role, retention.rate, Math.min(retention.retained, retention.cohortSize)),
    retention6mCohort: countFor(role, retention.cohortSize),
    membersInArrears: countIn(role, arrears, states?.now?.lapsedMembers),
    membersInArrearsPreviousMonth: countIn(role, arrearsBefore, states?.before?.lapsedMembers),
    // A trend of small counts would reveal them: a district official gets no flag from fewer than five.
    arrearsRising: agentActive && arrears > arrearsBefore && (!suppressing || arrears >= 5),
    contributionsCollected: rateFor(role, figures?.collected ?? 0, payers) ?? 0,
    claimsAssisted: countFor(role, figures?.claimsAssisted ?? 0),
    target,
    targetAttainment: rateFor(role, attainment, recruits),
    behindTarget: agentActive && target !== null && target > 0 && recruits < target,
    lastAcquisition: figures?.lastAcquisition ?? null,
    monthsSinceLastAcquisition: months,
    agentActive,
    inactivityFlag: agentActive && months >= INACTIVITY_MONTHS,
    nearInactivity: agentActive && months === INACTIVITY_MONTHS - 1,
    ...(can(role, 'view:agent-income')
      ? {
          acquisitionBonus: rateFor(role, bonus, bonus > 0 ? recruits : 5) ?? 0,
          collectionFee: rateFor(role, fee, payers) ?? 0,
          incentive: rateFor(role, bonus + fee, incentivePersons) ?? 0,
        }
      : {}),
    embeddedRetention6m: embedded.rate,
    embeddedCohort: embedded.cohort,
    embeddedRetained: embedded.retained,
    outsideRetention6m: outside.rate,
    outsideCohort: outside.cohort,
    outsideRetained: outside.retained,
  };
}

function tiesOf(map: Map<string, Retention>, code: string): Record<AgentTie, Retention> {
  return {
    embedded: map.get(`${code}|embedded`) ?? EMPTY,
    outside: map.get(`${code}|outside`) ?? EMPTY,
    no_community: map.get(`${code}|no_community`) ?? EMPTY,
  };
}

function sumRetention(list: Retention[]): Retention {
  const cohortSize = list.reduce((sum, r) => sum + r.cohortSize, 0);
  const retained = list.reduce((sum, r) => sum + r.retained, 0);
  return { cohortSize, retained, rate: percentage(retained, cohortSize) };
}

function applyFilters(facts: AgentFacts[], filters: AgentFilters): AgentFacts[] {
  return facts.filter(
    (a) =>
      (filters.supervisorId === undefined || a.supervisorId === filters.supervisorId) &&
      (filters.villageCode === undefined || a.villageCode === filters.villageCode) &&
      (filters.communityId === undefined || a.communities.some((c) => c.id === filters.communityId)),
  );
}

/**
 * The agents table for a month: four statements whatever the number of agents (facts; member figures
 * for the month and the one before; pooled retention; retention by tie) plus the agent figures.
 */
export async function listAgents(
  db: Database,
  args: { caller: Caller; period: Period; filters?: AgentFilters; explain?: boolean },
): Promise<AgentListView> {
  const { caller, period } = args;
  const { scope, region } = await resolveScope(db, caller, null);
  const all = await listAgentFacts(db, scope);
  const facts = applyFilters(all, args.filters ?? {});
  const codes = facts.map((a) => a.code);
  const [cells, totals, retention, ties, figures, asOf] = await Promise.all([
    getSummarySeries(db, { months: [addMonths(period, -1), period], scope, by: 'agent' }),
    // The rows are the breakdown by agent ("no agent" included, as coverage by agent shows it): hidden the same way.
    regionStates(db, { caller, regionCode: scope.regionCode, months: [addMonths(period, -1), period] }),
    getGroupedRetention(db, { period, months: RETENTION_MONTHS, cohorts: RETENTION_COHORTS, scope, by: 'agent' }),
    getAgentTieRetention(db, { period, months: RETENTION_MONTHS, cohorts: RETENTION_COHORTS, scope }),
    getAgentFigures(db, { from: period, to: period, agentCodes: codes, scope }),
    args.explain ? getDataAsOf(db) : null,
  ]);
  const cellOf = new Map(cells.map((c) => [`${c.period}|${c.key}`, c]));
  const states = breakdownStates(caller.role, cells, totals);
  const stateOf = (key: string) => {
    const cell = cellOf.get(key);
    return cell ? states?.get(cell) : undefined;
  };
  const figuresOf = new Map(figures.map((f) => [f.agentCode, f]));
  const previous = addMonths(period, -1);
  const rows = facts.map((a) =>
    buildRow(
      caller.role,
      period,
      a,
      cellOf.get(`${period}|${a.code}`),
      cellOf.get(`${previous}|${a.code}`),
      figuresOf.get(a.code),
      retention.get(a.code) ?? EMPTY,
      tiesOf(ties, a.code),
      { now: stateOf(`${period}|${a.code}`), before: stateOf(`${previous}|${a.code}`) },
    ),
  );
  const tieList = facts.map((a) => tiesOf(ties, a.code));
  const trust: TrustFigures = {
    embedded: countedRate(caller.role, sumRetention(tieList.map((t) => t.embedded))),
    outside: countedRate(caller.role, sumRetention(tieList.map((t) => t.outside))),
    noCommunity: countedRate(caller.role, sumRetention(tieList.map((t) => t.no_community))),
  };
  if (suppressesSmallCells(caller.role)) protectTies(rows, trust, tieList);
  // Each trust rate over the months its cohorts were measured in (e + 6 = period-11 .. period).
  const explain = (value: CountedRate): Explanation => {
    const from = addMonths(period, -(RETENTION_COHORTS - 1));
    return {
      indicator: 'retention',
      value: value.rate,
      unit: 'percent',
      numerator: { value: value.retained, unit: 'count' },
      denominator: { value: value.cohort, unit: 'count' },
      population: scope.agentCodes ? 'agents' : 'region',
      from,
      to: period,
      asOf,
      provisional: anyProvisional(from, period, asOf),
      rowsHref: null,
    };
  };
  const explanations = args.explain
    ? { embedded: explain(trust.embedded), outside: explain(trust.outside), noCommunity: explain(trust.noCommunity) }
    : undefined;
  const unique = <T, K>(list: T[], key: (t: T) => K) => [...new Map(list.map((t) => [key(t), t])).values()];
  return {
    period,
    region: region.code,
    regionName: region.name,
    rows,
    trust,
    ...(explanations ? { explanations } : {}),
    options: {
      supervisors: unique(
        all.filter((a) => a.supervisorId !== null).map((a) => ({ id: a.supervisorId!, name: a.supervisorName ?? '' })),
        (s) => s.id,
      ).sort((x, y) => compareNames(x.name, y.name)),
      villages: unique(all.map((a) => ({ code: a.villageCode, name: a.villageName })), (v) => v.code).sort((x, y) =>
        compareCodes(x.code, y.code),
      ),
      communities: unique(all.flatMap((a) => a.communities), (c) => c.id).sort((x, y) => compareNames(x.name, y.name)),
    },
  };
}





/**
 * The district's embedded and outside cohorts are the sums of the agents' rows: a row's "<5" would come
 * back as total − the others, so each column is protected as a breakdown of its total, and a rate is
 * hidden with its cohort or its retained members (either gives the other back through it).
 */
function protectTies(rows: AgentRow[], trust: TrustFigures, ties: Array<Record<AgentTie, Retention>>) {
  for (const tie of ['embedded', 'outside'] as const) {
    const prefix = tie;
    const states = (['cohort', 'retained'] as const).map((field) => {
      const values = ties.map((t) => (field === 'cohort' ? t[tie].cohortSize : t[tie].retained));
      return protectBreakdown({ persons: values.reduce((a, b) => a + b, 0) }, values.map((persons) => ({ persons })));
    });
    const [cohort, retained] = states as [ReturnType<typeof protectBreakdown>, ReturnType<typeof protectBreakdown>];
    rows.forEach((row, i) => {
      const t = ties[i]![tie];
      const c = cohort.parts[i]!;
      const r = retained.parts[i]!;
      row[`${prefix}Cohort`] = shown(t.cohortSize, c);
      row[`${prefix}Retained`] = shown(t.retained, r);
      const hiddenBy = c !== 'shown' ? c : r !== 'shown' ? r : null;
      if (hiddenBy && row[`${prefix}Retention6m`] !== null) row[`${prefix}Retention6m`] = shown(0, hiddenBy);
    });
    const total = trust[tie];
    if (typeof total.cohort === 'number' && cohort.total !== 'shown') total.cohort = shown(0, cohort.total!);
    if (typeof total.retained === 'number' && retained.total !== 'shown') total.retained = shown(0, retained.total!);
    if (typeof total.rate === 'number' && (cohort.total !== 'shown' || retained.total !== 'shown')) total.rate = shown(0, cohort.total !== 'shown' ? cohort.total! : retained.total!);
  }
}

/** `code` of an agent from a URL: letters, digits and dashes, or 404 (never echoed). */
export function parseAgentCode(value: string): string {
  const code = decodeURIComponent(value);
  if (!/^[A-Za-z0-9-]{1,32}$/.test(code)) throw new AppError('not_found', 404, 'notFound');
  return code;
}

/**
 * One agent with its monthly series (the 12 months to `period`), status mix, communities, members in
 * arrears and claims assisted; null when the agent does not exist or is not the caller's to see (a
 * supervisor asking for another supervisor's agent gets the same answer as for a missing one).
 */
export async function getAgentDetail(
  db: Database,
  args: { caller: Caller; code: string; period: Period; months?: number },
): Promise<AgentDetail | null> {
  const { caller, code, period } = args;
  const role = caller.role;
  const { scope } = await resolveScope(db, caller, null);
  const [facts] = await listAgentFacts(db, scope, code);
  if (!facts) return null;
  const from = addMonths(period, -((args.months ?? 12) - 1));
  const own: IndicatorScope = { regionCode: scope.regionCode, agentCodes: [code] };
  const personal = can(role, 'view:personal-data');
  const [cells, states, figures, retention, ties, mix, communityRows, arrears, claims] = await Promise.all([
    getSummarySeries(db, { from, to: period, scope: own, by: 'total' }),
    // The agent's months hide what its row in the breakdown by agent hides, month by month.
    groupStates(db, { caller, scope, by: 'agent', key: code, months: monthsBetween(from, period) }),
    getAgentFigures(db, { from, to: period, agentCodes: [code], scope }),
    getGroupedRetention(db, { period, months: RETENTION_MONTHS, cohorts: RETENTION_COHORTS, scope: own, by: 'agent' }),
    getAgentTieRetention(db, { period, months: RETENTION_MONTHS, cohorts: RETENTION_COHORTS, scope: own }),
    getMemberStatusMix(db, { period, scope: own }),
    cachedRows<{ id: unknown; name: string; belongs: boolean; members: unknown }>(
      db,
      sql`
        select co.id, co.name, exists (select 1 from agent_communities ac where ac.agent_code = ${code} and ac.community_id = co.id) as belongs,
          (select count(*) from members sm where sm.community_id = co.id and ${memberScopeCondition('sm', own)}
            and sm.enrolled_on < ${monthDate(period, 1)}) as members
        from communities co
        where co.id in (select community_id from agent_communities where agent_code = ${code})
           or co.id in (select sm.community_id from members sm where ${memberScopeCondition('sm', own)} and sm.enrolled_on < ${monthDate(period, 1)})
        order by 3 desc, 4 desc, co.name`,
    ),
    personal
      ? cachedRows<Record<string, unknown>>(
          db,
          sql`
            with arrears as (${membersInArrearsSql(period, own)})
            select m.id, ${maskNikSql(sql`m.nik`)} as nik_masked, m.name, r.name as village, co.name as community,
              to_char(ar.last_month, 'YYYY-MM') as last_covered
            from arrears ar
            join members m on m.id = ar.member_id
            join regions r on r.code = m.village_code
            left join communities co on co.id = m.community_id
            order by last_covered, m.name, m.id
            limit 200`,
        )
      : Promise.resolve(null),
    cachedRows<Record<string, unknown>>(
      db,
      sql`
        select cl.number, cl.program, cl.status, cl.submitted_on::text as submitted_on, cl.paid_on::text as paid_on,
          case when cl.paid_on is not null then cl.paid_on - cl.submitted_on end as turnaround
        from claims cl join members sm on sm.id = cl.member_id
        where cl.agent_code = ${code} and ${memberScopeCondition('sm', { regionCode: scope.regionCode })}
          and cl.submitted_on >= ${monthDate(from)} and cl.submitted_on < ${monthDate(period, 1)}
        order by cl.submitted_on desc, cl.number`,
    ),
  ]);
  const byPeriod = new Map(cells.map((c) => [c.period, c]));
  const current = byPeriod.get(period);
  const previous = byPeriod.get(addMonths(period, -1));
  const currentFigures = figures.find((f) => f.period === period);
  const row = buildRow(role, period, facts, current, previous, currentFigures, retention.get(code) ?? EMPTY, tiesOf(ties, code), {
    now: states?.get(period),
    before: states?.get(addMonths(period, -1)),
  });
  const turnarounds = claims
    .map((c) => (c.turnaround === null || c.turnaround === undefined ? null : toNumber(c.turnaround)))
    .filter((d): d is number => d !== null)
    .sort((a, b) => a - b);
  return {
    ...row,
    activeFrom: facts.activeFrom,
    activeTo: facts.activeTo,
    communityList: communityRows.map((c) => ({
      id: toNumber(c.id),
      name: c.name,
      belongs: c.belongs === true,
      members: countFor(role, toNumber(c.members)),
    })),
    series: figures.map((f) => {
      const cell = byPeriod.get(f.period);
      const state = states?.get(f.period);
      return {
        period: f.period,
        recruits: countIn(role, f.recruits, cell && cell.newEnrolments === f.recruits ? state?.newEnrolments : undefined),
        activeMembers: countIn(role, cell?.activeMembers ?? 0, state?.activeMembers),
        membersInArrears: countIn(role, cell?.lapsedMembers ?? 0, state?.lapsedMembers),
        contributionsCollected: rateFor(role, f.collected, f.collectingPayers) ?? 0,
        claimsAssisted: countFor(role, f.claimsAssisted),
        target: f.target,
        ...(can(role, 'view:agent-income')
          ? { incentive: rateFor(role, f.acquisitionBonus + f.collectionFee, f.collectingPayers + (f.acquisitionBonus > 0 ? f.recruits : 0)) ?? 0 }
          : {}),
      };
    }),
    statusMix: {
      aktif: countIn(role, mix.aktif, current && current.activeMembers === mix.aktif ? states?.get(period)?.activeMembers : undefined),
      menunggak: countIn(role, mix.menunggak, current && current.lapsedMembers === mix.menunggak ? states?.get(period)?.lapsedMembers : undefined),
      nonaktif: countFor(role, mix.nonaktif),
      baru: countFor(role, mix.baru),
    },
    arrears: arrears
      ? arrears.map((m) => ({
          id: toNumber(m.id),
          nikMasked: String(m.nik_masked),
          name: String(m.name),
          village: String(m.village),
          community: (m.community as string | null) ?? null,
          lastCoveredMonth: (m.last_covered as string | null) ?? null,
        }))
      : null,
    claims: suppressesSmallCells(role)
      ? null
      : claims.map((c) => ({
          number: String(c.number),
          program: String(c.program),
          status: String(c.status),
          submittedOn: String(c.submitted_on),
          paidOn: (c.paid_on as string | null) ?? null,
          turnaroundDays: c.turnaround === null || c.turnaround === undefined ? null : toNumber(c.turnaround),
        })),
    claimsCount: countFor(role, claims.length),
    turnaroundMedianDays: suppressesSmallCells(role) && turnarounds.length < 5 ? null : median(turnarounds),
  };
}

/** The median as PostgreSQL's percentile_cont(0.5) computes it (interpolating between the two middle values). */
function median(sorted: number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = (sorted.length - 1) / 2;
  const low = sorted[Math.floor(mid)]!;
  const high = sorted[Math.ceil(mid)]!;
  return low + (high - low) * (mid - Math.floor(mid));
}

/**
 * Sets an agent's recruit target for a month, with its audit entry, in one transaction. Officers and
 * admins only (`manage:targets`); the agent must be one the caller may see.
 */
export async function saveAgentTarget(
  db: Database,
  args: { caller: Caller; input: AgentTargetInput },
): Promise<{ saved: boolean; agentName: string | null; previous: number | null }> {
  const { caller, input } = args;
  if (!can(caller.role, 'manage:targets')) throw forbidden();
  const { scope } = await resolveScope(db, caller, null);
  const [facts] = await listAgentFacts(db, scope, input.agentCode);
  if (!facts) return { saved: false, agentName: null, previous: null };
  const month = `${input.month}-01`;
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ target: agentTargets.recruitsTarget })
      .from(agentTargets)
      .where(and(eq(agentTargets.agentCode, input.agentCode), eq(agentTargets.month, month)));
    await tx
      .insert(agentTargets)
      .values({ agentCode: input.agentCode, month, recruitsTarget: input.recruitsTarget })
      .onConflictDoUpdate({
        target: [agentTargets.agentCode, agentTargets.month],
        set: { recruitsTarget: sql`excluded.recruits_target` },
      });
    await writeAudit(tx as unknown as Database, {
      userId: caller.userId,
      actorEmail: caller.email,
      action: 'update',
      entity: 'agent_target',
      entityId: `${input.agentCode}/${input.month}`,
      details: { from: before?.target ?? null, to: input.recruitsTarget },
    });
    return { saved: true, agentName: facts.name, previous: before?.target ?? null };
  });
}
