// The figure sets behind the main endpoints, computed straight from the raw tables with plain SQL, as an
// analyst with a BI tool would write them from PRODUCT.md's definitions: one reasonably written
// statement each, no rollup tables, no Payung code. Parameters: $1 the region code, $2 the first day of
// the period's month; the statements derive the other months from it.
import { addMonths } from '@/domain/month';

export type BaselineRegion = 'district' | 'regency' | 'province';

export interface BaselineQuery {
  /** The figure set, e.g. `summary`. */
  name: string;
  region: BaselineRegion;
  /** The API request that answers the same figures (officer, same region). */
  apiTargetName: string;
  apiPath: (regionCode: string, period: string) => string;
  sql: string;
  params: (regionCode: string, period: string) => string[];
  /** A mismatch here means wrong figures (a failed run); elsewhere only a warning. */
  strict: boolean;
}

const monthParams = (regionCode: string, period: string) => [regionCode, `${period}-01`];

// A member's coverage of month m and the months before it, from the contributions that cover them.
const FLAGS = `
  select c.member_id,
    bool_or($2::date between c.first_month and c.last_month) as in_m,
    bool_or(($2::date - interval '1 month')::date between c.first_month and c.last_month) as in_m1,
    bool_or(c.first_month <= ($2::date - interval '1 month')::date
            and c.last_month >= ($2::date - interval '3 months')::date) as in_m1_to_m3
  from contributions c
  join members mb on mb.id = c.member_id
  where mb.village_code like $1 || '.%'
    and c.first_month <= $2::date and c.last_month >= ($2::date - interval '3 months')::date
  group by c.member_id`;

const SUMMARY = `
  with flags as (${FLAGS})
  select
    (select count(*) filter (where in_m) from flags) as "activeMembers",
    (select sum(we.informal_workers) from workforce_estimates we join regions r on r.code = we.region_code
      where r.level = 'village' and r.code like $1 || '.%' and we.year = extract(year from $2::date)) as "informalWorkforce",
    (select count(*) from members mb
      where mb.village_code like $1 || '.%' and mb.enrolled_on >= $2::date
        and mb.enrolled_on < ($2::date + interval '1 month')::date) as "newEnrolments",
    (select count(*) filter (where not in_m and in_m1_to_m3) from flags) as "lapsedMembers",
    (select 100.0 * count(*) filter (where in_m1 and not in_m) / nullif(count(*) filter (where in_m1), 0) from flags) as "lapseRate",
    (select coalesce(sum(c.jkk_amount + c.jkm_amount), 0) from contributions c join members mb on mb.id = c.member_id
      where mb.village_code like $1 || '.%' and c.paid_on >= $2::date
        and c.paid_on < ($2::date + interval '1 month')::date) as "contributionsCollected",
    (select count(*) from claims cl join members mb on mb.id = cl.member_id
      where mb.village_code like $1 || '.%' and cl.paid_on >= $2::date
        and cl.paid_on < ($2::date + interval '1 month')::date) as "claimsPaidCount",
    (select coalesce(sum(cl.amount), 0) from claims cl join members mb on mb.id = cl.member_id
      where mb.village_code like $1 || '.%' and cl.paid_on >= $2::date
        and cl.paid_on < ($2::date + interval '1 month')::date) as "claimsPaidAmount"`;

// The regions one level below $1 (a district's villages, a regency's districts) with their figures.
const COVERAGE_BY_CHILD = `
  with flags as (
    select c.member_id, min(mb.village_code) as village_code,
      bool_or($2::date between c.first_month and c.last_month) as in_m,
      bool_or(c.first_month <= ($2::date - interval '1 month')::date
              and c.last_month >= ($2::date - interval '3 months')::date) as in_m1_to_m3
    from contributions c join members mb on mb.id = c.member_id
    where mb.village_code like $1 || '.%'
      and c.first_month <= $2::date and c.last_month >= ($2::date - interval '3 months')::date
    group by c.member_id
  ),
  children as (select code, name from regions where parent_code = $1),
  status as (
    select ch.code, count(*) filter (where f.in_m) as active, count(*) filter (where not f.in_m and f.in_m1_to_m3) as lapsed
    from flags f join children ch on f.village_code = ch.code or f.village_code like ch.code || '.%'
    group by ch.code
  ),
  workforce as (
    select ch.code, sum(we.informal_workers) as workers
    from children ch join regions r on r.level = 'village' and (r.code = ch.code or r.code like ch.code || '.%')
    join workforce_estimates we on we.region_code = r.code and we.year = extract(year from $2::date)
    group by ch.code
  )
  select ch.code as key, ch.name, coalesce(s.active, 0) as "activeMembers", w.workers as "informalWorkforce",
    100.0 * coalesce(s.active, 0) / nullif(w.workers, 0) as "coverageRate", coalesce(s.lapsed, 0) as "lapsedMembers"
  from children ch left join status s on s.code = ch.code left join workforce w on w.code = ch.code
  order by ch.code`;

// Active members in each of the 12 months up to the period (the contributions of the window first, so
// the join to the months stays small).
const TREND = `
  select to_char(g.m, 'YYYY-MM') as period, count(distinct c.member_id) as value
  from generate_series(($2::date - interval '11 months')::date, $2::date, interval '1 month') g(m)
  join (
    select c.member_id, c.first_month, c.last_month
    from contributions c join members mb on mb.id = c.member_id
    where mb.village_code like $1 || '.%'
      and c.last_month >= ($2::date - interval '11 months')::date and c.first_month <= $2::date
  ) c on g.m::date between c.first_month and c.last_month
  group by g.m
  order by g.m`;

// Every village of the region with its coverage rate (the map's default metric).
const MAP = `
  select r.code, r.name, 100.0 * coalesce(a.active, 0) / nullif(we.informal_workers, 0) as value
  from regions r
  left join (
    select mb.village_code, count(distinct c.member_id) as active
    from contributions c join members mb on mb.id = c.member_id
    where mb.village_code like $1 || '.%' and $2::date between c.first_month and c.last_month
    group by mb.village_code
  ) a on a.village_code = r.code
  left join workforce_estimates we on we.region_code = r.code and we.year = extract(year from $2::date)
  where r.level = 'village' and r.code like $1 || '.%'
  order by r.code`;

// The agents of the region: recruits, active members served, 6-month retention of the recruits of the 12
// cohorts that reached 6 months by the period, collections through the agent, claims assisted, target.
const AGENTS = `
  with ag as (select code, name from agents where village_code like $1 || '.%'),
  recruits as (
    select agent_code, count(*) as n from members
    where village_code like $1 || '.%' and enrolled_on >= $2::date and enrolled_on < ($2::date + interval '1 month')::date
    group by agent_code
  ),
  active as (
    select mb.agent_code, count(distinct c.member_id) as n
    from contributions c join members mb on mb.id = c.member_id
    where mb.village_code like $1 || '.%' and $2::date between c.first_month and c.last_month
    group by mb.agent_code
  ),
  retention as (
    select mb.agent_code, count(*) as cohort,
      count(*) filter (where exists (
        select 1 from contributions c where c.member_id = mb.id
          and (date_trunc('month', mb.enrolled_on) + interval '6 months')::date between c.first_month and c.last_month)) as retained
    from members mb
    where mb.village_code like $1 || '.%'
      and mb.enrolled_on >= ($2::date - interval '17 months')::date and mb.enrolled_on < ($2::date - interval '5 months')::date
    group by mb.agent_code
  ),
  collected as (
    select c.agent_code, sum(c.jkk_amount + c.jkm_amount) as amount
    from contributions c join members mb on mb.id = c.member_id
    where mb.village_code like $1 || '.%' and c.paid_on >= $2::date and c.paid_on < ($2::date + interval '1 month')::date
    group by c.agent_code
  ),
  assisted as (
    select cl.agent_code, count(*) as n from claims cl join members mb on mb.id = cl.member_id
    where mb.village_code like $1 || '.%' and cl.submitted_on >= $2::date and cl.submitted_on < ($2::date + interval '1 month')::date
    group by cl.agent_code
  )
  select ag.code, ag.name, coalesce(r.n, 0) as recruits, coalesce(a.n, 0) as "activeMembers",
    100.0 * rt.retained / nullif(rt.cohort, 0) as "retention6m", coalesce(co.amount, 0) as "contributionsCollected",
    coalesce(cl.n, 0) as "claimsAssisted", t.recruits_target as target,
    100.0 * coalesce(r.n, 0) / nullif(t.recruits_target, 0) as "targetAttainment"
  from ag
  left join recruits r on r.agent_code = ag.code
  left join active a on a.agent_code = ag.code
  left join retention rt on rt.agent_code = ag.code
  left join collected co on co.agent_code = ag.code
  left join assisted cl on cl.agent_code = ag.code
  left join agent_targets t on t.agent_code = ag.code and t.month = $2::date
  order by ag.code`;

// The claim figures of one month: payouts by programme (payment date), the status funnel of the claims
// submitted in it, turnaround percentiles of the claims paid in it, approval rate of those decided.
const CLAIMS_SUMMARY = `
  with scoped as (
    select cl.* from claims cl join members mb on mb.id = cl.member_id where mb.village_code like $1 || '.%'
  ),
  paid as (select * from scoped where paid_on >= $2::date and paid_on < ($2::date + interval '1 month')::date),
  submitted as (select * from scoped where submitted_on >= $2::date and submitted_on < ($2::date + interval '1 month')::date)
  select
    (select coalesce(json_agg(json_build_object('program', program, 'count', n, 'amount', amount) order by program), '[]')
       from (select program, count(*) as n, coalesce(sum(amount), 0) as amount from paid group by program) p) as "byProgram",
    (select coalesce(json_agg(json_build_object('status', status, 'count', n) order by status), '[]')
       from (select status, count(*) as n from submitted group by status) s) as "byStatus",
    (select percentile_cont(0.5) within group (order by paid_on - submitted_on) from paid) as "turnaroundMedianDays",
    (select percentile_cont(0.9) within group (order by paid_on - submitted_on) from paid) as "turnaroundP90Days",
    (select 100.0 * count(*) filter (where status in ('approved', 'paid'))
            / nullif(count(*) filter (where status in ('approved', 'paid', 'rejected')), 0) from submitted) as "approvalRate"`;

/** The baseline queries, each for the district or the regency; with `withProvince`, each regency one for the province too. */
export function baselineQueries(withProvince: boolean): BaselineQuery[] {
  const q = (
    name: string,
    region: BaselineRegion,
    apiTargetName: string,
    apiPath: (regionCode: string, period: string) => string,
    sql: string,
    strict: boolean,
  ): BaselineQuery => ({ name, region, apiTargetName, apiPath, sql, params: monthParams, strict });
  const queries = [
    q('summary', 'district', '/api/v1/summary', (r, p) => `/api/v1/summary?period=${p}&region=${r}`, SUMMARY, true),
    q('summary', 'regency', '/api/v1/summary', (r, p) => `/api/v1/summary?period=${p}&region=${r}`, SUMMARY, true),
    q('coverage by village', 'district', '/api/v1/coverage?by=village', (r, p) => `/api/v1/coverage?by=village&period=${p}&region=${r}`, COVERAGE_BY_CHILD, true),
    q('coverage by village', 'regency', '/api/v1/coverage?by=village', (r, p) => `/api/v1/coverage?by=village&period=${p}&region=${r}`, COVERAGE_BY_CHILD, true),
    q('trend, 12 months', 'regency', '/api/v1/trend (12 months)', (r, p) => `/api/v1/trend?metric=activeMembers&from=${addMonths(p, -11)}&to=${p}&region=${r}`, TREND, true),
    q('map values', 'regency', '/api/v1/map', (r, p) => `/api/v1/map?metric=coverageRate&period=${p}&region=${r}`, MAP, true),
    q('agents table', 'district', '/api/v1/agents', (_r, p) => `/api/v1/agents?period=${p}`, AGENTS, false),
    q('claims summary', 'district', '/api/v1/claims/summary', (r, p) => `/api/v1/claims/summary?from=${p}&to=${p}&region=${r}`, CLAIMS_SUMMARY, false),
    q('claims summary', 'regency', '/api/v1/claims/summary', (r, p) => `/api/v1/claims/summary?from=${p}&to=${p}&region=${r}`, CLAIMS_SUMMARY, false),
  ];
  if (!withProvince) return queries;
  return [...queries, ...queries.filter((query) => query.region === 'regency').map((query) => ({ ...query, region: 'province' as const }))];
}

export function regionCodeOf(query: BaselineQuery, codes: { districtCode: string; regencyCode: string; provinceCode: string | null }): string {
  if (query.region === 'province') {
    if (!codes.provinceCode) throw new Error('a province baseline without a province');
    return codes.provinceCode;
  }
  return query.region === 'district' ? codes.districtCode : codes.regencyCode;
}
