// PRODUCT.md "Claims in a period or range" and "Solidarity effect": the one definition of the claim
// figures (pages, API, exports and tests all call these). The lifecycle and benefit rules: domain/claims.ts.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database } from '@/db';
import { cachedRows } from '@/db/figures-cache';
import { CLAIM_STATUSES, PROGRAMS, type ClaimStatus, type Program } from '@/domain/enums';
import { monthDate, percentage, toNumber } from '@/server/indicators/sql-helpers';
import { memberScopeCondition, regionMatch, type IndicatorScope } from '@/server/indicators/scope';
import type { Period } from '@/domain/month';
import type { RateInForce } from '@/domain/claims';

/** The benefit rates in force on a day (the latest effective_from wins), one query. */
export async function benefitRatesOn(db: Database, day: string): Promise<RateInForce[]> {
  const rows = await queryRows<{ key: string; value: unknown }>(
    db,
    sql`select distinct on (key) key, value from reference_rates
        where category = 'benefit' and effective_from <= ${day}::date
          and (effective_to is null or effective_to >= ${day}::date)
        order by key, effective_from desc`,
  );
  return rows.map((row) => ({ key: row.key, value: toNumber(row.value) }));
}

// ---------------------------------------------------------------- coverage at the incident

/**
 * Whether the member of claim alias `cl` was covered at the incident date: a contribution covers the
 * incident's month (PRODUCT.md member status, the `in_m` flag of lib/indicators/status.ts).
 */
export function coveredAtIncidentSql(claimAlias = 'cl'): SQL {
  const cl = sql.raw(claimAlias);
  return sql`exists (
    select 1 from contributions cc
    where cc.member_id = ${cl}.member_id
      and date_trunc('month', ${cl}.incident_date)::date between cc.first_month and cc.last_month)`;
}

// ---------------------------------------------------------------- summary

export interface ClaimFilters {
  program?: Program | null;
}

const programCondition = (filters: ClaimFilters) =>
  filters.program ? sql`cl.program = ${filters.program}` : sql`true`;

/**
 * Claims paid or submitted in [start, end): every claim a range's figures count, and no other, so that
 * only they are read (an index range on each date) before the join to their members.
 */
const inRangeCondition = (start: SQL, end: SQL) =>
  sql`((cl.paid_on >= ${start} and cl.paid_on < ${end}) or (cl.submitted_on >= ${start} and cl.submitted_on < ${end}))`;

export interface ClaimsSummaryCore {
  from: Period;
  to: Period;
  /** Claims paid in the range (payment date), by programme, with their paid amounts. */
  byProgram: Array<{ program: Program; count: number; amount: number }>;
  paidCount: number;
  paidAmount: number;
  /** Claims submitted in the range, by current status (every status, zero included). */
  byStatus: Array<{ status: ClaimStatus; count: number }>;
  submittedCount: number;
  /** Days from submission to payment over the claims paid in the range: percentile_cont(0.5) / (0.9). */
  turnaroundMedianDays: number | null;
  turnaroundP90Days: number | null;
  /** Of the claims submitted in the range and decided (approved, paid, rejected), the share approved or paid. */
  approvalRate: number | null;
  approvedOrPaid: number;
  decided: number;
}

/**
 * The core claim figures of a range: one SQL statement (payouts by programme, status funnel, turnaround
 * percentiles, approval rate), so the page, the API and the tests read the same numbers.
 */
export async function getClaimsSummaryCore(
  db: Database,
  args: { scope: IndicatorScope; from: Period; to: Period } & ClaimFilters,
): Promise<ClaimsSummaryCore> {
  const { scope, from, to } = args;
  const start = monthDate(from);
  const end = monthDate(to, 1);
  const rows = await cachedRows<Record<string, unknown>>(
    db,
    sql`
      with scoped as (
        select cl.program, cl.status, cl.submitted_on, cl.paid_on, cl.amount
        from claims cl join members sm on sm.id = cl.member_id
        where ${memberScopeCondition('sm', scope)} and ${programCondition(args)}
          and ${inRangeCondition(start, end)}
      ),
      paid as (select * from scoped where paid_on >= ${start} and paid_on < ${end}),
      submitted as (select * from scoped where submitted_on >= ${start} and submitted_on < ${end})
      select 'program' as part, p.program as key, count(pd.program) as n, coalesce(sum(pd.amount), 0) as amount,
        null::float8 as median, null::float8 as p90
      from (values ${sql.join(
        PROGRAMS.map((program) => sql`(${program}::text)`),
        sql`, `,
      )}) as p(program) left join paid pd on pd.program = p.program
      group by p.program
      union all
      select 'status', s.status, count(sb.status), null, null, null
      from (values ${sql.join(
        CLAIM_STATUSES.map((status) => sql`(${status}::text)`),
        sql`, `,
      )}) as s(status) left join submitted sb on sb.status = s.status
      group by s.status
      union all
      select 'turnaround', null, count(*), null,
        percentile_cont(0.5) within group (order by (paid_on - submitted_on)),
        percentile_cont(0.9) within group (order by (paid_on - submitted_on))
      from paid`,
  );
  const byProgram = PROGRAMS.map((program) => {
    const row = rows.find((r) => r.part === 'program' && r.key === program);
    return { program, count: toNumber(row?.n), amount: toNumber(row?.amount) };
  });
  const byStatus = CLAIM_STATUSES.map((status) => {
    const row = rows.find((r) => r.part === 'status' && r.key === status);
    return { status, count: toNumber(row?.n) };
  });
  const turnaround = rows.find((r) => r.part === 'turnaround');
  const count = (status: ClaimStatus) => byStatus.find((s) => s.status === status)?.count ?? 0;
  const approvedOrPaid = count('approved') + count('paid');
  const decided = approvedOrPaid + count('rejected');
  const num = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  return {
    from,
    to,
    byProgram,
    paidCount: byProgram.reduce((sum, p) => sum + p.count, 0),
    paidAmount: byProgram.reduce((sum, p) => sum + p.amount, 0),
    byStatus,
    submittedCount: byStatus.reduce((sum, s) => sum + s.count, 0),
    turnaroundMedianDays: num(turnaround?.median),
    turnaroundP90Days: num(turnaround?.p90),
    approvalRate: percentage(approvedOrPaid, decided),
    approvedOrPaid,
    decided,
  };
}

/** Claims paid in each month of the range by programme (payment date), one statement. */
export async function getClaimsPaidByMonth(
  db: Database,
  args: { scope: IndicatorScope; from: Period; to: Period } & ClaimFilters,
): Promise<Array<{ period: string; program: Program; count: number; amount: number }>> {
  const rows = await cachedRows<Record<string, unknown>>(
    db,
    sql`
      select to_char(mo.m, 'YYYY-MM') as period, p.program, count(cl.id) as n, coalesce(sum(cl.amount), 0) as amount
      from generate_series(${monthDate(args.from)}, ${monthDate(args.to)}, interval '1 month') mo(m)
      cross join (values ${sql.join(
        PROGRAMS.filter((p) => !args.program || p === args.program).map((p) => sql`(${p}::text)`),
        sql`, `,
      )}) as p(program)
      left join (
        select cl.id, cl.program, cl.paid_on, cl.amount from claims cl join members sm on sm.id = cl.member_id
        where ${memberScopeCondition('sm', args.scope)}
          and cl.paid_on >= ${monthDate(args.from)} and cl.paid_on < ${monthDate(args.to, 1)}
      ) cl on cl.program = p.program and cl.paid_on >= mo.m::date and cl.paid_on < (mo.m + interval '1 month')::date
      group by mo.m, p.program
      order by mo.m, p.program`,
  );
  return rows.map((row) => ({
    period: String(row.period),
    program: row.program as Program,
    count: toNumber(row.n),
    amount: toNumber(row.amount),
  }));
}

/** Per village of the scope: claims paid in the range (count, amount) and claims submitted in it. */
export async function getClaimsByVillage(
  db: Database,
  args: { scope: IndicatorScope; from: Period; to: Period } & ClaimFilters,
): Promise<Array<{ code: string; name: string; paidCount: number; paidAmount: number; submittedCount: number }>> {
  const start = monthDate(args.from);
  const end = monthDate(args.to, 1);
  const rows = await cachedRows<Record<string, unknown>>(
    db,
    // The range's claims are counted per village first, then set against every village of the scope:
    // a plan that starts from the villages would read every member of each one.
    sql`
      with counted as (
        select sm.village_code,
          count(*) filter (where cl.paid_on >= ${start} and cl.paid_on < ${end}) as paid_count,
          coalesce(sum(cl.amount) filter (where cl.paid_on >= ${start} and cl.paid_on < ${end}), 0) as paid_amount,
          count(*) filter (where cl.submitted_on >= ${start} and cl.submitted_on < ${end}) as submitted_count
        from claims cl join members sm on sm.id = cl.member_id
        where ${memberScopeCondition('sm', args.scope)} and ${programCondition(args)} and ${inRangeCondition(start, end)}
        group by sm.village_code
      )
      select r.code, r.name, coalesce(c.paid_count, 0) as paid_count, coalesce(c.paid_amount, 0) as paid_amount,
        coalesce(c.submitted_count, 0) as submitted_count
      from regions r
      left join counted c on c.village_code = r.code
      where r.level = 'village' and ${regionMatch(sql`r.code`, args.scope.regionCode)}
      order by r.code`,
  );
  return rows.map((row) => ({
    code: String(row.code),
    name: String(row.name),
    paidCount: toNumber(row.paid_count),
    paidAmount: toNumber(row.paid_amount),
    submittedCount: toNumber(row.submitted_count),
  }));
}

/** Rejection reasons of the claims submitted in the range and rejected, most frequent first. */
export async function getRejectionReasons(
  db: Database,
  args: { scope: IndicatorScope; from: Period; to: Period } & ClaimFilters,
): Promise<Array<{ reason: string; count: number }>> {
  const rows = await cachedRows<Record<string, unknown>>(
    db,
    sql`
      select coalesce(cl.rejection_reason, '') as reason, count(*) as n
      from claims cl join members sm on sm.id = cl.member_id
      where ${memberScopeCondition('sm', args.scope)} and ${programCondition(args)}
        and cl.status = 'rejected'
        and cl.submitted_on >= ${monthDate(args.from)} and cl.submitted_on < ${monthDate(args.to, 1)}
      group by 1 order by n desc, reason`,
  );
  return rows.map((row) => ({ reason: String(row.reason), count: toNumber(row.n) }));
}

// ---------------------------------------------------------------- solidarity effect

/** Days after a payout whose enrolments count, and the year before it whose average they are set against. */
export const SOLIDARITY_WINDOW_DAYS = 90;
export const SOLIDARITY_BASELINE_DAYS = 365;

export interface SolidarityRow {
  claimId: number;
  communityId: number;
  paidOn: string;
  /** Members of the community enrolled on days t+1 .. t+90 after the payment day t. */
  enrolmentsAfter: number;
  /** Members of the community enrolled on days t-364 .. t (the year up to the payment). */
  enrolmentsYearBefore: number;
  /** The year's average per 90 days: enrolmentsYearBefore × 90 / 365. */
  baseline: number;
  /** enrolmentsAfter / baseline; null when the community had no enrolment in the year before. */
  effect: number | null;
  /** Whether the 90 days after payment have all passed by `asOf` (an open window undercounts). */
  windowComplete: boolean;
}

function solidaritySql(scope: IndicatorScope, asOf: string, where: SQL): SQL {
  return sql`
    select cl.id as claim_id, sm.community_id, cl.paid_on::text as paid_on, w.after_n, w.before_n,
      (cl.paid_on + ${SOLIDARITY_WINDOW_DAYS}::int <= ${asOf}::date) as complete
    from claims cl join members sm on sm.id = cl.member_id
    -- One index range (members_community_enrolled_idx) per claim: the year before and the 90 days after.
    cross join lateral (
      select count(*) filter (where e.enrolled_on > cl.paid_on) as after_n,
        count(*) filter (where e.enrolled_on <= cl.paid_on) as before_n
      from members e
      where e.community_id = sm.community_id
        and e.enrolled_on > cl.paid_on - ${SOLIDARITY_BASELINE_DAYS}::int
        and e.enrolled_on <= cl.paid_on + ${SOLIDARITY_WINDOW_DAYS}::int
    ) w
    where cl.status = 'paid' and sm.community_id is not null
      and ${memberScopeCondition('sm', scope)} and ${where}`;
}

function toSolidarityRow(row: Record<string, unknown>): SolidarityRow {
  const after = toNumber(row.after_n);
  const before = toNumber(row.before_n);
  const baseline = (before * SOLIDARITY_WINDOW_DAYS) / SOLIDARITY_BASELINE_DAYS;
  return {
    claimId: toNumber(row.claim_id),
    communityId: toNumber(row.community_id),
    paidOn: String(row.paid_on),
    enrolmentsAfter: after,
    enrolmentsYearBefore: before,
    baseline,
    effect: baseline > 0 ? after / baseline : null,
    windowComplete: row.complete === true || row.complete === 't',
  };
}

/** The solidarity effect of one paid claim (null when it is not paid or its member has no community). */
export async function getClaimSolidarity(
  db: Database,
  args: { scope: IndicatorScope; claimId: number; asOf: string },
): Promise<SolidarityRow | null> {
  const [row] = await queryRows<Record<string, unknown>>(
    db,
    solidaritySql(args.scope, args.asOf, sql`cl.id = ${args.claimId}`),
  );
  return row ? toSolidarityRow(row) : null;
}

export interface SolidaritySummary {
  /** Paid claims with a community whose 90-day window has closed by `asOf`. */
  claims: number;
  enrolmentsAfter: number;
  baseline: number;
  /**
   * Sum of enrolments after over sum of baselines (higher levels sum numerators and denominators, never
   * average the ratios); null without a baseline.
   */
  effect: number | null;
  /** Share of those claims whose community enrolled more than its baseline in the 90 days after. */
  claimsAboveBaseline: number;
}

/**
 * The district figure over all paid claims (every payment date) whose 90-day window has closed: one
 * statement over the per-claim rows.
 */
export async function getSolidaritySummary(
  db: Database,
  args: { scope: IndicatorScope; asOf: string },
): Promise<SolidaritySummary> {
  const [row] = await cachedRows<Record<string, unknown>>(
    db,
    sql`
      with per_claim as (${solidaritySql(args.scope, args.asOf, sql`true`)})
      select count(*) as claims, coalesce(sum(after_n), 0) as after_n, coalesce(sum(before_n), 0) as before_n,
        count(*) filter (where after_n * ${SOLIDARITY_BASELINE_DAYS}::int > before_n * ${SOLIDARITY_WINDOW_DAYS}::int) as above
      from per_claim where complete`,
  );
  const after = toNumber(row?.after_n);
  const baseline = (toNumber(row?.before_n) * SOLIDARITY_WINDOW_DAYS) / SOLIDARITY_BASELINE_DAYS;
  return {
    claims: toNumber(row?.claims),
    enrolmentsAfter: after,
    baseline,
    effect: baseline > 0 ? after / baseline : null,
    claimsAboveBaseline: toNumber(row?.above),
  };
}
