import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database } from '@/db';
import { type ClaimStatus, type Program } from '@/domain/enums';
import type { Caller } from '@/server/auth/caller';
import { can, suppressesSmallCells } from '@/domain/permissions';
import type { ClaimSort, ClaimStepInput, RecordClaimInput } from '@/domain/claims';
import { AppError, forbidden } from '@/domain/errors';
import { benefitRatesOn, coveredAtIncidentSql, getClaimSolidarity, getClaimsByVillage, getClaimsPaidByMonth, getClaimsSummaryCore, getRejectionReasons, getSolidaritySummary, type SolidarityRow } from '@/server/indicators/claims';
import { benefitRuling, benefitTypesOf, canTransition, type BenefitRuling } from '@/domain/claims';
import { todayInJakarta, type Period } from '@/domain/month';
import { memberScopeCondition, type IndicatorScope } from '@/server/indicators/scope';
import { getSummarySeries } from '@/server/indicators/series';
import { RollupTracker } from '@/db/rollups';
import { generateFollowupTasks } from '@/server/followup';
import { monthDate, toNumber } from '@/server/indicators/sql-helpers';
import { suppressSmall } from '@/server/privacy';
import { regionStates, shown } from '@/server/figures';
import { protectTable, type Additivity, type CellState, type ProtectedCell } from '@/domain/suppression';
import { monthsBetween } from '@/domain/month';
import { writeAudit } from '@/server/audit';
import { maskNikSql } from '@/server/members';
import { resolveScope } from '@/server/scope';
import type { ClaimBasis, ClaimListRow, ClaimsSummary } from '@/contracts/claims';
import type { ExplanationPart } from '@/contracts/explain';
import { anyProvisional, explanationOf } from '@/server/explain';
import { getDataAsOf } from '@/server/settings';
import { toSearch } from '@/contracts/params';
import { WITHHELD } from '@/domain/format';

export const CLAIMS_PAGE_SIZE = 25;

export interface ClaimListFilters {
  program?: Program | null;
  status?: ClaimStatus | null;
  /** A village code (or any region code) inside the caller's scope. */
  region?: string | null;
  community?: number | null;
  agent?: string | null;
  /** Which date the range reads: submission (default) or payment. */
  basis?: ClaimBasis;
  from: Period;
  to: Period;
}


const SORT_COLUMNS: Record<ClaimSort, string> = {
  number: 'cl.number',
  submittedOn: 'cl.submitted_on',
  incidentDate: 'cl.incident_date',
  paidOn: 'cl.paid_on',
  amount: 'cl.amount',
  status: 'cl.status',
  village: 'r.name',
  program: 'cl.program',
};

function filterConditions(filters: ClaimListFilters): SQL {
  const date = filters.basis === 'paid' ? sql`cl.paid_on` : sql`cl.submitted_on`;
  const conditions: SQL[] = [sql`${date} >= ${monthDate(filters.from)}`, sql`${date} < ${monthDate(filters.to, 1)}`];
  if (filters.program) conditions.push(sql`cl.program = ${filters.program}`);
  if (filters.status) conditions.push(sql`cl.status = ${filters.status}`);
  if (filters.community) conditions.push(sql`sm.community_id = ${filters.community}`);
  if (filters.agent) conditions.push(sql`cl.agent_code = ${filters.agent}`);
  return sql.join(conditions, sql` and `);
}

/**
 * The claim register: claims submitted in from..to of the members the caller may count, filtered,
 * sorted and paged, with the member's name, masked NIK, community and agent: for the roles that may see
 * persons (PRODUCT.md: district officials see aggregates only).
 */
export async function listClaims(
  db: Database,
  args: {
    caller: Caller;
    filters: ClaimListFilters;
    sort?: ClaimSort;
    direction?: 'asc' | 'desc';
    page?: number;
    /** All matching rows (exports), not one page. */
    all?: boolean;
  },
): Promise<{ rows: ClaimListRow[]; total: number; page: number; pageSize: number }> {
  const { caller, filters } = args;
  // The register is one row per claim: counting its rows would rebuild every claim figure that small-cell
  // suppression hides, so roles that see aggregates only (district officials) get the summary, not rows.
  if (!can(caller.role, 'view:personal-data')) throw forbidden();
  const { scope } = await resolveScope(db, caller, filters.region ?? null);
  const page = Math.max(1, args.page ?? 1);
  const direction = args.direction === 'asc' ? 'asc' : 'desc';
  const where = sql`${memberScopeCondition('sm', scope)} and ${filterConditions(filters)}`;
  const limit = args.all ? sql`` : sql`limit ${CLAIMS_PAGE_SIZE} offset ${(page - 1) * CLAIMS_PAGE_SIZE}`;
  // One pass over the matching claims, their members and villages (kept, for the count and the page);
  // the coverage check, names and communities are looked up for the page's rows only. The count comes
  // with a row even when the page is past the end.
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
      with matched as materialized (
        select cl.id, cl.number, cl.member_id, cl.program, cl.benefit_type, cl.status, cl.incident_date,
          cl.submitted_on, cl.paid_on, cl.amount, cl.agent_code, sm.village_code, sm.community_id,
          r.name as village_name, ${sql.raw(SORT_COLUMNS[args.sort ?? 'submittedOn'])} as sort_key
        from claims cl
        join members sm on sm.id = cl.member_id
        join regions r on r.code = sm.village_code
        where ${where}
      ),
      page as (
        select * from matched
        order by sort_key ${sql.raw(direction)} nulls last, number desc
        ${limit}
      )
      select t.total, cl.number, cl.program, cl.benefit_type, cl.status, cl.village_code, cl.village_name,
        cl.incident_date::text as incident_date, cl.submitted_on::text as submitted_on,
        cl.paid_on::text as paid_on, cl.amount, ${coveredAtIncidentSql('cl')} as covered,
        sm.name as member_name, ${maskNikSql(sql`sm.nik`)} as nik_masked, co.name as community_name,
        cl.agent_code
      from (select count(*) as total from matched) t
      left join page cl on true
      left join members sm on sm.id = cl.member_id
      left join communities co on co.id = cl.community_id
      order by cl.sort_key ${sql.raw(direction)} nulls last, cl.number desc`,
  );
  const total = toNumber(rows[0]?.total);
  return {
    rows: rows.filter((row) => row.number !== null && row.number !== undefined).map(
      (row): ClaimListRow => ({
        number: String(row.number),
        program: row.program as Program,
        benefitType: (row.benefit_type as string | null) ?? null,
        status: row.status as ClaimStatus,
        villageCode: String(row.village_code),
        villageName: String(row.village_name),
        incidentDate: String(row.incident_date),
        submittedOn: String(row.submitted_on),
        paidOn: (row.paid_on as string | null) ?? null,
        amount: row.amount === null || row.amount === undefined ? null : toNumber(row.amount),
        coveredAtIncident: row.covered === true || row.covered === 't',
        memberName: String(row.member_name),
        nikMasked: String(row.nik_masked),
        communityName: (row.community_name as string | null) ?? null,
        agentCode: (row.agent_code as string | null) ?? null,
      }),
    ),
    total,
    page,
    pageSize: CLAIMS_PAGE_SIZE,
  };
}

// ---------------------------------------------------------------- summary


/**
 * The claim figures of a range as the caller may see them: every count and sum built from fewer than
 * five claims (or persons) is "<5" for a district official.
 */
export async function getClaimsSummary(
  db: Database,
  args: { caller: Caller; from: Period; to: Period; program?: Program | null; region?: string | null; asOf?: string; explain?: boolean },
): Promise<ClaimsSummary> {
  const { caller, from, to, program } = args;
  if (!can(caller.role, 'view:aggregates')) throw forbidden();
  const { scope, region } = await resolveScope(db, caller, args.region ?? null);
  const range = { scope, from, to, program: program ?? null };
  const [core, byMonth, series, byVillage, reasons, solidarity, dataAsOf] = await Promise.all([
    getClaimsSummaryCore(db, range),
    getClaimsPaidByMonth(db, range),
    getSummarySeries(db, { from, to, scope, by: 'total' }),
    getClaimsByVillage(db, range),
    getRejectionReasons(db, range),
    getSolidaritySummary(db, { scope, asOf: args.asOf ?? todayInJakarta() }),
    args.explain ? getDataAsOf(db) : null,
  ]);
  const hide = suppressesSmallCells(caller.role);
  const s = <T extends number | null>(value: T, persons: number) => (hide ? suppressSmall(value, persons) : value);
  // The month totals are the region's own figures (summary, trend): hidden as the region's tables hide them.
  const monthStates = hide ? await regionStates(db, { caller, regionCode: scope.regionCode, months: monthsBetween(from, to) }) : null;
  const months = [...new Set(byMonth.map((m) => m.period))];
  const programs = core.byProgram.map((p) => p.program);
  const monthCell = new Map(series.map((cell) => [cell.period, cell]));
  /**
   * The paid claims as one table: the range's total = its programmes = its months × programmes = its
   * villages; a programme = its months; a month's total (the summary's) = its programmes (without a
   * programme filter). One protection for the counts, one for the amounts (hidden wherever the count is).
   */
  const paidStates = (metric: 'claimsPaidCount' | 'claimsPaidAmount', countStates?: CellState[]) => {
    const cells: ProtectedCell[] = [];
    const add = (persons: number, fixed?: CellState) => cells.push({ persons, fixed }) - 1;
    const at = (i: number, fixed?: CellState) => (countStates && countStates[i] !== 'shown' ? countStates[i] : fixed);
    const total = add(core.paidCount, at(0, from === to && !program ? monthStates?.get(from)?.[metric] : undefined));
    const programCells = core.byProgram.map((p) => add(p.count, at(cells.length)));
    const monthProgramCells = byMonth.map((m) => add(m.count, at(cells.length)));
    const villageCells = byVillage.map((v) => add(v.paidCount, at(cells.length)));
    const monthTotalCells = program
      ? []
      : months.map((period) => add(monthCell.get(period)?.claimsPaidCount ?? 0, at(cells.length, monthStates?.get(period)?.[metric])));
    const sums: Additivity[] = [
      { total, parts: programCells },
      { total, parts: monthProgramCells },
      { total, parts: villageCells },
      ...programs.map((p, i) => ({ total: programCells[i]!, parts: monthProgramCells.filter((_, j) => byMonth[j]!.program === p) })),
      ...monthTotalCells.map((cell, i) => ({ total: cell, parts: monthProgramCells.filter((_, j) => byMonth[j]!.period === months[i]) })),
    ];
    return { states: protectTable(cells, sums), total, programCells, monthProgramCells, villageCells, monthTotalCells };
  };
  const counts = hide ? paidStates('claimsPaidCount') : null;
  const amounts = hide ? paidStates('claimsPaidAmount', counts!.states) : null;
  const paid = <T extends number | null>(value: T, table: typeof counts, index: number | undefined) =>
    table && index !== undefined ? shown(value, table.states[index]!) : value;
  // Submitted claims: the statuses and the villages count the same claims; the rejected ones = their reasons.
  const statusCells = core.byStatus.map((b) => ({ persons: b.count }));
  const submitted = hide
    ? protectTable(
        [{ persons: 0, fixed: 'withheld' }, ...statusCells, ...byVillage.map((v) => ({ persons: v.submittedCount })), ...reasons.map((r) => ({ persons: r.count }))],
        [
          { total: 0, parts: statusCells.map((_, i) => 1 + i) },
          { total: 0, parts: byVillage.map((_, i) => 1 + statusCells.length + i) },
          ...core.byStatus.flatMap((b, i) =>
            b.status === 'rejected' ? [{ total: 1 + i, parts: reasons.map((_, j) => 1 + statusCells.length + byVillage.length + j) }] : [],
          ),
        ],
      )
    : null;
  const sub = (value: number, index: number) => (submitted ? shown(value, submitted[1 + index]!) : value);
  const byStatus = core.byStatus.map((b, i) => ({ status: b.status, count: sub(b.count, i) }));
  const paidCount = paid(core.paidCount, counts, counts?.total);
  const paidAmount = paid(core.paidAmount, amounts, amounts?.total);
  const turnaroundMedianDays = s(core.turnaroundMedianDays, core.paidCount);
  const turnaroundP90Days = s(core.turnaroundP90Days, core.paidCount);
  // A rate reveals its numerator as much as its denominator.
  const approvalRate = s(core.approvalRate, Math.min(core.approvedOrPaid, core.decided));
  const explanations = args.explain
    ? (() => {
        const base = {
          population: scope.agentCodes ? ('agents' as const) : ('region' as const),
          from,
          to,
          asOf: dataAsOf,
          provisional: anyProvisional(from, to, dataAsOf),
        };
        // The claims paid in the range, by payment date, as the payouts count them.
        const paidRows = can(caller.role, 'view:personal-data')
          ? `/claims?${toSearch({ from, to, region: args.region ?? null, program: program ?? null, basis: 'paid', status: 'paid' })}`
          : null;
        const make = explanationOf(base);
        // The approval rate's parts are the funnel's approved, paid and rejected counts: shown only where the
        // rate and each of those cells are, or the decided count would give a hidden funnel cell back.
        const decidedShown =
          typeof approvalRate === 'number' &&
          byStatus.filter((b) => b.status === 'approved' || b.status === 'paid' || b.status === 'rejected').every((b) => typeof b.count === 'number');
        const part = (value: number): ExplanationPart => ({
          value: !hide ? value : typeof approvalRate !== 'number' ? approvalRate : decidedShown ? value : WITHHELD,
          unit: 'count',
        });
        return {
          paidCount: make('claimsPaid', paidCount, 'count', { value: paidCount, unit: 'count' }, null, paidRows),
          paidAmount: make('claimsPaid', paidAmount, 'money', { value: paidAmount, unit: 'money' }, null, paidRows),
          turnaroundMedianDays: make('claimsTurnaround', turnaroundMedianDays, 'days', null, null, paidRows),
          turnaroundP90Days: make('claimsTurnaround', turnaroundP90Days, 'days', null, null, paidRows),
          approvalRate: make('approvalRate', approvalRate, 'percent', part(core.approvedOrPaid), part(core.decided), null),
        };
      })()
    : undefined;
  return {
    from,
    to,
    region: region.code,
    byProgram: core.byProgram.map((p, i) => ({
      program: p.program,
      count: paid(p.count, counts, counts?.programCells[i]),
      amount: paid(p.amount, amounts, amounts?.programCells[i]),
    })),
    byStatus,
    turnaroundMedianDays,
    turnaroundP90Days,
    approvalRate,
    paidCount,
    paidAmount,
    byMonth: byMonth.map((m, i) => ({
      ...m,
      count: paid(m.count, counts, counts?.monthProgramCells[i]),
      amount: paid(m.amount, amounts, amounts?.monthProgramCells[i]),
    })),
    payoutsVsContributions: series.map((cell) => {
      const states = monthStates?.get(cell.period);
      const i = months.indexOf(cell.period);
      const amountState = amounts && !program && i !== -1 ? amounts.states[amounts.monthTotalCells[i]!] : states?.claimsPaidAmount;
      return {
        period: cell.period,
        claimsPaidAmount: hide ? shown(cell.claimsPaidAmount, amountState ?? (cell.claimsPaidCount < 5 ? 'small' : 'shown')) : cell.claimsPaidAmount,
        contributionsCollected: hide
          ? shown(cell.contributionsCollected, states?.contributionsCollected ?? (cell.payingMembers < 5 ? 'small' : 'shown'))
          : cell.contributionsCollected,
      };
    }),
    byVillage: byVillage.map((v, i) => ({
      code: v.code,
      name: v.name,
      paidCount: paid(v.paidCount, counts, counts?.villageCells[i]),
      paidAmount: paid(v.paidAmount, amounts, amounts?.villageCells[i]),
      submittedCount: sub(v.submittedCount, statusCells.length + i),
    })),
    rejectionReasons: reasons.map((r, i) => ({ reason: r.reason, count: sub(r.count, statusCells.length + byVillage.length + i) })),
    solidarity: {
      claims: s(solidarity.claims, solidarity.claims),
      enrolmentsAfter: s(solidarity.enrolmentsAfter, solidarity.claims),
      baseline: s(solidarity.baseline, solidarity.claims),
      effect: s(solidarity.effect, solidarity.claims),
      claimsAboveBaseline: s(solidarity.claimsAboveBaseline, solidarity.claims),
    },
    ...(explanations ? { explanations } : {}),
  };
}

// ---------------------------------------------------------------- one claim

export interface ClaimDetail {
  id: number;
  number: string;
  version: number;
  program: Program;
  benefitType: string | null;
  status: ClaimStatus;
  incidentDate: string;
  submittedOn: string;
  verifiedOn: string | null;
  approvedOn: string | null;
  paidOn: string | null;
  rejectedOn: string | null;
  rejectionReason: string | null;
  amount: number | null;
  disabilityPercent: number | null;
  inabilityDays: number | null;
  amountOverrideReason: string | null;
  coverageOverrideReason: string | null;
  member: {
    id: number;
    name: string;
    nikMasked: string;
    kpj: string | null;
    villageName: string;
    communityId: number | null;
    communityName: string | null;
    declaredIncome: number;
    enrolledOn: string;
  };
  agent: { code: string; name: string } | null;
  coveredAtIncident: boolean;
  /** The amount the programme's rules give, from the rates in force on the incident date. */
  ruling: BenefitRuling;
  solidarity: SolidarityRow | null;
}

async function findClaimRow(db: Database, scope: IndicatorScope, number: string, lock = false) {
  const [row] = await queryRows<Record<string, unknown>>(
    db,
    sql`
      select cl.id, cl.number, cl.version, cl.program, cl.benefit_type, cl.status,
        cl.incident_date::text as incident_date, cl.submitted_on::text as submitted_on,
        cl.verified_on::text as verified_on, cl.approved_on::text as approved_on,
        cl.paid_on::text as paid_on, cl.rejected_on::text as rejected_on, cl.rejection_reason,
        cl.amount, cl.disability_percent, cl.inability_days, cl.amount_override_reason,
        cl.coverage_override_reason, cl.agent_code, a.name as agent_name,
        sm.id as member_id, sm.name as member_name, ${maskNikSql(sql`sm.nik`)} as nik_masked, sm.kpj,
        r.name as village_name, sm.community_id, co.name as community_name, sm.declared_income,
        sm.enrolled_on::text as enrolled_on, ${coveredAtIncidentSql('cl')} as covered
      from claims cl
      join members sm on sm.id = cl.member_id
      join regions r on r.code = sm.village_code
      left join communities co on co.id = sm.community_id
      left join agents a on a.code = cl.agent_code
      where cl.number = ${number} and ${memberScopeCondition('sm', scope)}
      ${lock ? sql`for update of cl` : sql``}`,
  );
  return row;
}

const nullableNumber = (value: unknown) => (value === null || value === undefined ? null : Number(value));

/**
 * One claim with its timeline, member, coverage at the incident date, the rule amount and its
 * solidarity effect. Personal data: admin, officers, and a supervisor for their agents' members (others
 * answer 404 so nobody can probe which claims exist).
 */
export async function getClaim(
  db: Database,
  args: { caller: Caller; number: string; asOf?: string },
): Promise<ClaimDetail | null> {
  const { caller } = args;
  if (!can(caller.role, 'view:personal-data')) throw forbidden();
  const { scope } = await resolveScope(db, caller, null);
  const row = await findClaimRow(db, scope, args.number);
  if (!row) return null;
  const id = toNumber(row.id);
  const [rates, solidarity] = await Promise.all([
    benefitRatesOn(db, String(row.incident_date)),
    getClaimSolidarity(db, { scope, claimId: id, asOf: args.asOf ?? todayInJakarta() }),
  ]);
  const program = row.program as Program;
  const detail: ClaimDetail = {
    id,
    number: String(row.number),
    version: toNumber(row.version),
    program,
    benefitType: (row.benefit_type as string | null) ?? null,
    status: row.status as ClaimStatus,
    incidentDate: String(row.incident_date),
    submittedOn: String(row.submitted_on),
    verifiedOn: (row.verified_on as string | null) ?? null,
    approvedOn: (row.approved_on as string | null) ?? null,
    paidOn: (row.paid_on as string | null) ?? null,
    rejectedOn: (row.rejected_on as string | null) ?? null,
    rejectionReason: (row.rejection_reason as string | null) ?? null,
    amount: nullableNumber(row.amount),
    disabilityPercent: nullableNumber(row.disability_percent),
    inabilityDays: nullableNumber(row.inability_days),
    amountOverrideReason: (row.amount_override_reason as string | null) ?? null,
    coverageOverrideReason: (row.coverage_override_reason as string | null) ?? null,
    member: {
      id: toNumber(row.member_id),
      name: String(row.member_name),
      nikMasked: String(row.nik_masked),
      kpj: (row.kpj as string | null) ?? null,
      villageName: String(row.village_name),
      communityId: nullableNumber(row.community_id),
      communityName: (row.community_name as string | null) ?? null,
      declaredIncome: toNumber(row.declared_income),
      enrolledOn: String(row.enrolled_on),
    },
    agent: row.agent_code ? { code: String(row.agent_code), name: String(row.agent_name ?? row.agent_code) } : null,
    coveredAtIncident: row.covered === true || row.covered === 't',
    ruling: { kind: 'as_billed' },
    solidarity,
  };
  detail.ruling = benefitRuling(rates, {
    program,
    benefitType: detail.benefitType,
    declaredIncome: detail.member.declaredIncome,
    disabilityPercent: detail.disabilityPercent,
    inabilityDays: detail.inabilityDays,
  });
  return detail;
}

// ---------------------------------------------------------------- recording and working claims

function assertCanManage(caller: Caller) {
  if (!can(caller.role, 'manage:claims')) throw forbidden();
}

/** Records a new claim (status submitted) for a member in the caller's scope; audited. */
export async function recordClaim(
  db: Database,
  args: { caller: Caller; input: RecordClaimInput; ip?: string | null; today?: string },
): Promise<{ number: string; coveredAtIncident: boolean }> {
  const { caller, input } = args;
  assertCanManage(caller);
  const today = args.today ?? todayInJakarta();
  if (!benefitTypesOf(input.program).includes(input.benefitType)) {
    throw new AppError('bad_benefit', 400, 'claimBadBenefit');
  }
  if (input.submittedOn < input.incidentDate) throw new AppError('bad_dates', 400, 'claimDateOrder');
  if (input.submittedOn > today || input.incidentDate > today) throw new AppError('future_date', 400, 'claimDateFuture');
  const { scope } = await resolveScope(db, caller, null);
  return db.transaction(async (transaction) => {
    const tx = transaction as unknown as Database;
    const [member] = await queryRows<{ id: unknown; agent_code: string | null }>(
      tx,
      sql`select sm.id, sm.agent_code from members sm
          where (sm.nik = ${input.member} or sm.kpj = ${input.member}) and ${memberScopeCondition('sm', scope)}
          limit 1`,
    );
    if (!member) throw new AppError('member_not_found', 404, 'claimMemberNotFound');
    const rollups = new RollupTracker(tx);
    await rollups.before([toNumber(member.id)], []);
    const agentCode = input.agentCode ?? member.agent_code;
    if (agentCode) {
      const [agent] = await queryRows<{ code: string }>(tx, sql`select code from agents where code = ${agentCode}`);
      if (!agent) throw new AppError('bad_agent', 400, 'claimBadAgent', { value: agentCode.slice(0, 20) });
    }
    const year = input.submittedOn.slice(0, 4);
    // Claim numbers run per year of submission; the row lock on the year's last number serialises
    // two officers recording at once (the unique index is the final guard).
    const [last] = await queryRows<{ n: unknown }>(
      tx,
      sql`select coalesce(max(substring(number from '^KLM-[0-9]{4}-([0-9]+)$')::int), 0) as n
          from claims where number like ${`KLM-${year}-%`}`,
    );
    const number = `KLM-${year}-${String(toNumber(last?.n) + 1).padStart(6, '0')}`;
    const [inserted] = await queryRows<{ id: unknown; covered: unknown }>(
      tx,
      sql`insert into claims as cl (number, member_id, program, benefit_type, incident_date, submitted_on, status,
            agent_code, disability_percent, inability_days)
          values (${number}, ${toNumber(member.id)}, ${input.program}, ${input.benefitType}, ${input.incidentDate}::date,
            ${input.submittedOn}::date, 'submitted', ${agentCode}, ${input.disabilityPercent}, ${input.inabilityDays})
          returning cl.id, ${coveredAtIncidentSql('cl')} as covered`,
    );
    const covered = inserted?.covered === true || inserted?.covered === 't';
    await rollups.finish();
    await writeAudit(tx, {
      userId: caller.userId,
      actorEmail: caller.email,
      action: 'claim_create',
      entity: 'claim',
      entityId: number,
      details: { program: input.program, benefitType: input.benefitType, coveredAtIncident: covered },
      ip: args.ip,
    });
    return { number, coveredAtIncident: covered };
  });
}

/**
 * Moves a claim one step along its lifecycle, in one transaction with its audit entry:
 * - only the allowed transitions (lib/indicators/claims.ts), each step's date on or after the last
 *   one and not in the future;
 * - approval and payment set the amount: the rule amount unless the officer writes why it differs;
 * - payment of a claim whose member was not covered at the incident date needs a written override;
 * - the edit names the version it read: if another officer changed the claim since, nothing is
 *   written and the answer is 409 with what to do.
 */
export async function advanceClaim(
  db: Database,
  args: { caller: Caller; input: ClaimStepInput; ip?: string | null; today?: string },
): Promise<{ number: string; status: ClaimStatus; version: number; amount: number | null }> {
  const { caller, input } = args;
  assertCanManage(caller);
  const today = args.today ?? todayInJakarta();
  const { scope } = await resolveScope(db, caller, null);
  return db.transaction(async (transaction) => {
    const tx = transaction as unknown as Database;
    const row = await findClaimRow(tx, scope, input.number, true);
    if (!row) throw new AppError('not_found', 404, 'claimNotFound');
    const version = toNumber(row.version);
    if (version !== input.version) throw new AppError('conflict', 409, 'claimConflict');
    const from = row.status as ClaimStatus;
    if (!canTransition(from, input.to)) {
      throw new AppError('bad_transition', 409, 'claimBadTransition', { from, to: input.to });
    }
    const lastDate = [row.submitted_on, row.verified_on, row.approved_on]
      .filter((d): d is string => typeof d === 'string')
      .sort()
      .at(-1) as string;
    if (input.date < lastDate) throw new AppError('bad_dates', 400, 'claimStepDateOrder', { date: lastDate });
    if (input.date > today) throw new AppError('future_date', 400, 'claimDateFuture');

    let amount = nullableNumber(row.amount);
    let amountOverrideReason = (row.amount_override_reason as string | null) ?? null;
    let coverageOverrideReason = (row.coverage_override_reason as string | null) ?? null;
    if (input.to === 'approved' || input.to === 'paid') {
      const rates = await benefitRatesOn(tx, String(row.incident_date));
      const ruling = benefitRuling(rates, {
        program: row.program as Program,
        benefitType: (row.benefit_type as string | null) ?? null,
        declaredIncome: toNumber(row.declared_income),
        disabilityPercent: nullableNumber(row.disability_percent),
        inabilityDays: nullableNumber(row.inability_days),
      });
      const asked = input.amount ?? amount ?? (ruling.kind === 'rule' ? ruling.total : null);
      if (asked === null || asked <= 0) throw new AppError('amount_required', 400, 'claimAmountRequired');
      if (input.amountOverrideReason) amountOverrideReason = input.amountOverrideReason;
      if (ruling.kind === 'rule' && asked !== ruling.total && !amountOverrideReason) {
        throw new AppError('amount_mismatch', 400, 'claimAmountMismatch', { rule: ruling.total });
      }
      if (ruling.kind === 'missing' && !amountOverrideReason) {
        throw new AppError('rule_input_missing', 400, 'claimRuleInputMissing');
      }
      amount = asked;
    }
    if (input.to === 'paid') {
      const covered = row.covered === true || row.covered === 't';
      if (input.coverageOverrideReason) coverageOverrideReason = input.coverageOverrideReason;
      if (!covered && !coverageOverrideReason) throw new AppError('not_covered', 409, 'claimNotCovered');
    }
    // A rejected claim carries no amount: `nominal` is the amount approved or paid (PRODUCT.md).
    if (input.to === 'rejected') amount = null;
    const rollups = new RollupTracker(tx);
    await rollups.before([toNumber(row.member_id)], []);
    const set: SQL[] = [
      sql`status = ${input.to}`,
      sql`version = version + 1`,
      sql`updated_at = now()`,
      sql`amount = ${amount}`,
      sql`amount_override_reason = ${amountOverrideReason}`,
      sql`coverage_override_reason = ${coverageOverrideReason}`,
    ];
    if (input.to === 'verified') set.push(sql`verified_on = ${input.date}::date`);
    if (input.to === 'approved') set.push(sql`approved_on = ${input.date}::date`);
    if (input.to === 'paid') set.push(sql`paid_on = ${input.date}::date`);
    if (input.to === 'rejected') {
      set.push(sql`rejected_on = ${input.date}::date`, sql`rejection_reason = ${input.rejectionReason}`);
    }
    const updated = await queryRows<{ version: unknown }>(
      tx,
      sql`update claims set ${sql.join(set, sql`, `)}
          where id = ${toNumber(row.id)} and version = ${input.version}
          returning version`,
    );
    // The row lock above makes this unreachable on one server; kept as the guard the rule relies on.
    if (updated.length === 0) throw new AppError('conflict', 409, 'claimConflict');
    await rollups.finish();
    await writeAudit(tx, {
      userId: caller.userId,
      actorEmail: caller.email,
      action: 'claim_transition',
      entity: 'claim',
      entityId: input.number,
      details: {
        from,
        to: input.to,
        date: input.date,
        version: input.version,
        amount: input.to === 'rejected' ? null : amount,
        amountOverride: Boolean(input.amountOverrideReason),
        coverageOverride: Boolean(input.coverageOverrideReason),
      },
      ip: args.ip,
    });
    // A payout opens the solidarity task of the beneficiary's community (idempotent by claim).
    if (input.to === 'paid') await generateFollowupTasks(tx, input.date);
    return {
      number: input.number,
      status: input.to,
      version: toNumber(updated[0]?.version),
      amount: input.to === 'rejected' ? null : amount,
    };
  });
}

// ---------------------------------------------------------------- filter choices

/** Villages, communities and agents of the caller's scope, for the register's filters. */
export async function getClaimFilterChoices(
  db: Database,
  args: { caller: Caller },
): Promise<{
  villages: Array<{ code: string; name: string }>;
  communities: Array<{ id: number; name: string }>;
  agents: Array<{ code: string; name: string }>;
}> {
  const { scope } = await resolveScope(db, args.caller, null);
  const personal = can(args.caller.role, 'view:personal-data');
  const like = `${scope.regionCode}.%`;
  const [villages, communities, agents] = await Promise.all([
    queryRows<{ code: string; name: string }>(
      db,
      sql`select code, name from regions where level = 'village' and (code = ${scope.regionCode} or code like ${like}) order by name`,
    ),
    personal
      ? queryRows<{ id: unknown; name: string }>(
          db,
          sql`select id, name from communities where village_code = ${scope.regionCode} or village_code like ${like} order by name`,
        )
      : Promise.resolve([]),
    personal
      ? queryRows<{ code: string; name: string }>(
          db,
          scope.agentCodes
            ? sql`select code, name from agents where code in (${sql.join(
                [...scope.agentCodes, ''].map((code) => sql`${code}`),
                sql`, `,
              )}) order by name`
            : sql`select code, name from agents where village_code = ${scope.regionCode} or village_code like ${like} order by name`,
        )
      : Promise.resolve([]),
  ]);
  return {
    villages,
    communities: communities.map((c) => ({ id: toNumber(c.id), name: c.name })),
    agents,
  };
}

