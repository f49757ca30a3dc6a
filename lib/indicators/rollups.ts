// The monthly rollup (db/schema.ts `rollup_monthly`): the summary indicators' counts per dimension,
// month, village and key, so a regency's figures are read from a few thousand rows instead of millions
// of contribution-months.
//
// How it is computed: each member's runs of consecutive covered months are read from coverage_spans
// (kept by triggers on contributions in the statement that writes them). A run [s, e] makes the member active in s..e, previously active in s+1..e+1, stopped in e+1, in
// arrears in e+1..min(e+3, next run-1), ended in e+4 (when no run starts by then) and reactivated in s
// (when it is not the member's first run): exactly the month rules of status.ts (coverageFlagColumns).
// The facts that last several months (active, previously active, in arrears) are written as events, +1
// in their first month and -1 in the month after their last, so a month's value is the running sum of
// the events up to it; one-month facts (enrolments, payments, stops, ...) are counted in their month.
// Events of many members add up, and the difference between a member's facts before and after a write
// is small: that is what keeps the rollup current inside every write transaction (RollupTracker) at the
// cost of the facts and months that changed.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database } from '@/db';
import { cachedRows } from '@/db/figures-cache';
import type { ROLLUP_DIMENSIONS } from '@/db/schema';

/** The key of members who belong to no community or have no occupation recorded. */
export const NONE_KEY = 'none';

/** The counted measures, in table column order. */
export const ROLLUP_MEASURES = [
  'active',
  'active_prev',
  'stopped',
  'lapsed',
  'ended',
  'reactivated',
  'new_enrolments',
  'pending',
  'payers',
  'collected',
  'claims_paid_count',
  'claims_paid_amount',
] as const;
export type RollupMeasure = (typeof ROLLUP_MEASURES)[number];
/** Measures that last over months (kept as +1/-1 events, summed over time). */
const RANGE_MEASURES: readonly RollupMeasure[] = ['active', 'active_prev', 'lapsed'];
/** Rupiah measures; the others count persons or claims (integers, summed without numeric arithmetic). */
const AMOUNTS: readonly RollupMeasure[] = ['collected', 'claims_paid_amount'];
/** A measure's sum as bigint: counts add up as int (fast), Rupiah as bigint (a numeric sum, cast back). */
const total = (value: SQL | ReturnType<typeof sql.identifier>, m: RollupMeasure) =>
  AMOUNTS.includes(m) ? sql`sum(${value})::bigint` : sql`sum((${value})::int)`;

const column = (m: RollupMeasure) => sql.identifier(m);
const measureList = (prefix = '') => sql.raw(ROLLUP_MEASURES.map((m) => `${prefix}${m}`).join(', '));
const eachMeasure = (f: (m: RollupMeasure) => SQL, separator = sql`, `) => sql.join(ROLLUP_MEASURES.map(f), separator);
const oneMonth = sql.raw(`interval '1 month'`);
const plus = (months: SQL, n: number) => sql`(${months} + ${sql.raw(`interval '${n} months'`)})::date`;
const monthOf = (date: SQL) => sql`(${date} - extract(day from ${date})::int + 1)`;

const idArray = (ids: readonly number[]) => sql`${`{${ids.join(',')}}`}::int[]`;

/** One fact of a member: the measures given change by their value in `month` (the others by 0). */
const fact = (month: SQL, values: Partial<Record<RollupMeasure, SQL>>) =>
  sql`(${month}, ${eachMeasure((m) => sql`(${values[m] ?? sql`0`})::${sql.raw(AMOUNTS.includes(m) ? 'bigint' : 'int')}`)})`;
/** Facts as a lateral row source `f`. */
const factRows = (facts: SQL[]) => sql`(values ${sql.join(facts, sql`, `)}) as f(month, ${measureList()})`;

/** The dimensions as grouping sets: grouping() of the five key columns tells which set a row is. */
const GROUPING_BITS: Record<(typeof ROLLUP_DIMENSIONS)[number], number> = {
  total: 0b11111,
  community: 0b01111,
  occupation: 0b10111,
  channel: 0b11011,
  agent: 0b11101,
  sex: 0b11110,
};

/** Which members: some by id, the members of a range of villages (a chunk of a rebuild) or all (null). */
type MemberSelection = readonly number[] | { villagesFrom: string; villagesTo: string } | null;

/**
 * Where a member's facts come from, each a row source: `spans (member_id, first_month, last_month)`, the
 * runs of covered months; `paid (member_id, month, collected)`, one row per member and month of payment;
 * `members (id, village_code, community_id, occupation_code, channel, agent_code, sex, enrolled_on)`;
 * `claims (member_id, paid_on, amount)`, the paid claims. The live tables, or the copies RollupTracker
 * keeps of the members' rows as they were before a write.
 */
interface FactSources {
  spans: SQL;
  paid: SQL;
  members: SQL;
  claims: SQL;
}

function liveSources(members: MemberSelection): FactSources {
  if (members !== null && !Array.isArray(members)) {
    // A range of villages: their members' rows, found through the members.
    const { villagesFrom, villagesTo } = members as { villagesFrom: string; villagesTo: string };
    const inVillages = sql`village_code between ${villagesFrom} and ${villagesTo}`;
    // The id range is implied by the list; members are mostly numbered village by village (a seed, a
    // district's file), so it lets each chunk read an index range of contributions instead of all of them.
    const chunk = (column: string) => sql`${sql.raw(column)} in (select id from members where ${inVillages})
      and ${sql.raw(column)} between (select min(id) from members where ${inVillages}) and (select max(id) from members where ${inVillages})`;
    return {
      spans: sql`(select member_id, first_month, last_month from coverage_spans where ${chunk('member_id')})`,
      paid: paidSql(sql`where ${chunk('c.member_id')}`),
      members: sql`(select id, village_code, community_id, occupation_code, channel, agent_code, sex, enrolled_on from members
        where village_code between ${villagesFrom} and ${villagesTo})`,
      claims: sql`(select member_id, paid_on, amount from claims where ${chunk('member_id')})`,
    };
  }
  const where = (column: string) =>
    members === null ? sql`` : sql`where ${sql.raw(column)} = any(${idArray(members as readonly number[])})`;
  return {
    // coverage_spans is kept by triggers on contributions in the statement that changes them: the runs as of now.
    spans: sql`(select member_id, first_month, last_month from coverage_spans ${where('member_id')})`,
    // Member by member for a list: one index range of contributions each (a list of thousands is otherwise
    // planned as a pass over every contribution).
    paid:
      members === null
        ? paidSql(sql``)
        : sql`(select c.member_id, ${monthOf(sql`c.paid_on`)}::date as month, sum(c.jkk_amount + c.jkm_amount) as collected
            from unnest(${idArray(members as readonly number[])}) as u(id)
            -- offset 0 keeps the lateral subquery as it is (pulled up, it becomes a hash join over every contribution)
            cross join lateral (select c.member_id, c.paid_on, c.jkk_amount, c.jkm_amount from contributions c where c.member_id = u.id offset 0) c
            group by 1, 2)`,
    members: sql`(select id, village_code, community_id, occupation_code, channel, agent_code, sex, enrolled_on from members ${where('id')})`,
    claims: sql`(select member_id, paid_on, amount from claims ${where('member_id')})`,
  };
}

/** A payer counts once in a month whatever the number of their contributions paid in it. */
const paidSql = (where: SQL) => sql`(
  select c.member_id, ${monthOf(sql`c.paid_on`)}::date as month, sum(c.jkk_amount + c.jkm_amount) as collected
  from contributions c ${where} group by 1, 2)`;

// The members' own columns are grouped (an integer and short texts, no expression per row); the key
// text ('none' for a member without community, occupation or agent) is made once per group.
const KEYS = sql`community_id, occupation_code, channel, agent_code, sex`;
const TUPLE = sql`month, village_code, ${KEYS}`;
const KEY_OF: Record<(typeof ROLLUP_DIMENSIONS)[number], SQL> = {
  total: sql`'all'`,
  community: sql`coalesce(community_id::text, ${NONE_KEY})`,
  occupation: sql`coalesce(occupation_code, ${NONE_KEY})`,
  channel: sql`channel::text`,
  agent: sql`coalesce(agent_code, ${NONE_KEY})`,
  sex: sql`sex::text`,
};

/** Facts (`member_id, month, ...`) with the member's village and keys (from the sources' members). */
function located(from: FactSources, facts: SQL): SQL {
  return sql`
    select f.*, sm.village_code, sm.community_id, sm.occupation_code, sm.channel, sm.agent_code, sm.sex
    from (${facts}) f join ${from.members} sm on sm.id = f.member_id`;
}

/** Located facts summed per dimension, month, village and key; the measures not named are 0. */
function grouped(locatedFacts: SQL, measures: readonly RollupMeasure[]): SQL {
  const entries = Object.entries(GROUPING_BITS) as [(typeof ROLLUP_DIMENSIONS)[number], number][];
  return sql`
    select case grouping(${KEYS}) ${sql.join(
      entries.map(([dimension, bits]) => sql`when ${sql.raw(String(bits))} then ${dimension}`),
      sql` `,
    )} end as dimension,
      month, village_code,
      case grouping(${KEYS}) ${sql.join(
        entries.map(([dimension, bits]) => sql`when ${sql.raw(String(bits))} then ${KEY_OF[dimension]}`),
        sql` `,
      )} end as key,
      ${eachMeasure((m) => (measures.includes(m) ? sql`${total(column(m), m)} as ${column(m)}` : sql`0::bigint as ${column(m)}`))}
    from (${locatedFacts}) located
    group by grouping sets (${sql.join(
      ['', 'community_id', 'occupation_code', 'channel', 'agent_code', 'sex'].map((k) =>
        sql.raw(k ? `(month, village_code, ${k})` : '(month, village_code)'),
      ),
      sql`, `,
    )})`;
}

/** Every fact of the members but their payments: `select member_id, month, <measures>` (payers and collected 0). */
function memberFactsSql(from: FactSources): SQL {
  const s = sql`r.s`;
  const e = sql`r.e`;
  const one = sql`1`;
  return sql`
    with runs as (
      select sp.member_id, sp.first_month as s, sp.last_month as e,
        lead(sp.first_month) over w as next_s, row_number() over w as run_no
      from ${from.spans} sp
      window w as (partition by sp.member_id order by sp.first_month)
    ),
    enrolled as (
      select sm.id as member_id, ${monthOf(sql`sm.enrolled_on`)}::date as em,
        coalesce(bool_or(r.s <= ${monthOf(sql`sm.enrolled_on`)} and r.e >= ${plus(monthOf(sql`sm.enrolled_on`), -3)}), false) as covered
      from ${from.members} sm left join runs r on r.member_id = sm.id
      group by sm.id, sm.enrolled_on
    )
    select r.member_id, f.* from runs r cross join lateral ${factRows([
      fact(s, { active: one, reactivated: sql`case when r.run_no > 1 then 1 else 0 end` }),
      fact(plus(s, 1), { active_prev: one }),
      fact(plus(e, 1), { active: sql`-1`, lapsed: one, stopped: one }),
      fact(plus(e, 2), { active_prev: sql`-1` }),
      // In arrears from e+1 until three months have passed or the next run starts.
      fact(sql`least(${plus(e, 4)}, r.next_s)`, { lapsed: sql`-1` }),
      fact(plus(e, 4), { ended: sql`case when r.next_s is null or r.next_s > ${plus(e, 4)} then 1 else 0 end` }),
    ])}
    union all
    -- Pending first payment: enrolled in m and not covered in m-3..m.
    select en.member_id, f.* from enrolled en cross join lateral ${factRows([
      fact(sql`en.em`, { new_enrolments: one, pending: sql`case when en.covered then 0 else 1 end` }),
    ])}
    union all
    select cl.member_id, f.* from ${from.claims} cl cross join lateral ${factRows([
      fact(sql`${monthOf(sql`cl.paid_on`)}::date`, { claims_paid_count: one, claims_paid_amount: sql`coalesce(cl.amount, 0)` }),
    ])}
    where cl.paid_on is not null`;
}

/**
 * The facts of the selected members, summed per dimension, month, village and key: `select dimension,
 * month, village_code, key, <measures>`, where range measures are event sums and the others counts of
 * that month. Payments are grouped apart from the other facts (they are most of the rows and touch two
 * measures only), so a (dimension, month, village, key) may come twice: callers sum the rows again.
 */
export function rollupEventsSql(members: MemberSelection): SQL {
  const from = liveSources(members);
  return sql`
    ${grouped(located(from, memberFactsSql(from)), ROLLUP_MEASURES.filter((m) => m !== 'payers' && m !== 'collected'))}
    union all
    ${grouped(located(from, sql`select member_id, month, 1 as payers, collected from ${from.paid} p`), ['payers', 'collected'])}`;
}

/**
 * What changed between two states of the same members, summed per dimension, month, village and key
 * (the shape of rollupEventsSql). Most of a member's facts are the same before and after a write (the
 * same runs, payments and keys but for a month or two): the facts of both states are first summed per
 * month and member keys, with the old ones negated, and only what does not cancel out is grouped.
 */
function changedSumsSql(now: FactSources, before: FactSources): SQL {
  const all = (from: FactSources) => located(from, sql`
    ${memberFactsSql(from)}
    union all
    select p.member_id, f.* from ${from.paid} p cross join lateral ${factRows([
      fact(sql`p.month`, { payers: sql`1`, collected: sql`p.collected` }),
    ])}`);
  return grouped(
    sql`
      select ${TUPLE}, ${eachMeasure((m) => sql`${total(column(m), m)} as ${column(m)}`)}
      from (
        select ${TUPLE}, ${measureList()} from (${all(now)}) n
        union all
        select ${TUPLE}, ${eachMeasure((m) => sql`-${column(m)}`)} from (${all(before)}) b
      ) signed
      group by ${TUPLE}
      having ${eachMeasure((m) => sql`${total(column(m), m)} <> 0`, sql` or `)}`,
    ROLLUP_MEASURES,
  );
}

/**
 * Turns summed facts (`select dimension, month, village_code, key, <measures>`) into month values:
 * range measures summed over time, the others as they are, one row for every month from a group's
 * first fact to the month before its last range event, leaving out months where every measure is zero.
 */
function monthValuesSql(facts: SQL): SQL {
  const value = (m: RollupMeasure) =>
    RANGE_MEASURES.includes(m) ? sql`s.${column(m)}` : sql`case when gs = s.month then s.${column(m)} else 0 end`;
  return sql`
    select s.dimension, gs::date as month, s.village_code, s.key, ${eachMeasure((m) => sql`${value(m)} as ${column(m)}`)}
    from (
      select dimension, village_code, key, month,
        ${eachMeasure((m) =>
          RANGE_MEASURES.includes(m) ? sql`sum(${column(m)}::int) over w as ${column(m)}` : sql`${column(m)}`,
        )},
        lead(month) over w as next_month
      from (
        select dimension, month, village_code, key, ${eachMeasure((m) => sql`${total(column(m), m)} as ${column(m)}`)}
        from (${facts}) facts group by 1, 2, 3, 4
        -- A fact row that changes nothing (an import's before and after cancelling out) would only be spread over months for nothing.
        having ${eachMeasure((m) => sql`${total(column(m), m)} <> 0`, sql` or `)}
      ) grouped
      window w as (partition by dimension, village_code, key order by month)
    ) s
    cross join lateral generate_series(s.month, coalesce(s.next_month - ${oneMonth}, s.month), ${oneMonth}) gs
    where ${eachMeasure((m) => sql`${value(m)} <> 0`, sql` or `)}`;
}

/** Writes of this transaction keep the rollup current themselves: the stale-marking trigger stands aside. */
async function declareMaintained(db: Database): Promise<void> {
  await db.execute(sql`select set_config('payung.rollups', 'maintained', true)`);
}

/** Two rebuilds at once would mix their chunks: the second waits (pg_advisory_xact_lock key). */
const REBUILD_LOCK = 7_210_014;

/**
 * Rebuilds the whole rollup in one transaction that holds a share lock on the rolled-up tables, so no
 * write can fall between the rebuild's reading and its marking the rollup fresh. Every row of the rollup
 * belongs to one village, so the villages are cut into chunks of about equal numbers of members whose
 * month values are complete on their own; with `workers` > 1 (a PostgreSQL server; PGlite has one
 * connection) that many other connections compute chunks at once into `rollup_build`. The locked
 * transaction then writes only the rows that differ from the rollup as it is: a rebuild of a current
 * rollup changes nothing, and leaves no dead rows behind (this server runs without autovacuum).
 */
export async function rebuildRollups(
  db: Database,
  options: { workers?: number; log?: (message: string) => void } = {},
): Promise<{ rows: number; ms: number }> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const workers = Math.max(1, options.workers ?? 1);
  const insertChunk = (selection: MemberSelection) => sql`
    insert into rollup_build (dimension, month, village_code, key, ${measureList()})
    ${monthValuesSql(rollupEventsSql(selection))}`;
  const rows = await db.transaction(async (transaction) => {
    const tx = transaction as unknown as Database;
    await tx.execute(sql`select pg_advisory_xact_lock(${REBUILD_LOCK})`);
    await tx.execute(sql`lock table members, contributions, claims in share mode`);
    await tx.execute(sql`set local work_mem = '256MB'`);
    // Left by a rebuild that failed after its chunks were written.
    await tx.execute(sql`delete from rollup_build`);
    if (workers === 1) {
      await tx.execute(insertChunk(null));
    } else {
      const villages = await queryRows<{ code: string; n: unknown }>(
        tx,
        sql`select village_code as code, count(*) as n from members group by village_code order by village_code`,
      );
      const total = villages.reduce((sum, v) => sum + Number(v.n), 0);
      const target = total / (workers * 3);
      const chunks: { villagesFrom: string; villagesTo: string }[] = [];
      let from: string | null = null;
      let size = 0;
      villages.forEach((v, i) => {
        from ??= v.code;
        size += Number(v.n);
        if (size >= target || i === villages.length - 1) {
          chunks.push({ villagesFrom: from, villagesTo: v.code });
          from = null;
          size = 0;
        }
      });
      const work = async () => {
        for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
          const selection = chunk;
          await db.transaction(async (worker) => {
            await worker.execute(sql`set local work_mem = '256MB'`);
            await worker.execute(insertChunk(selection));
          });
        }
      };
      await Promise.all(Array.from({ length: workers }, work));
    }
    log(`month values computed${workers > 1 ? ` on ${workers} connections` : ''} (${Date.now() - started} ms)`);
    await tx.execute(sql`analyze rollup_build`);
    const key = (t: string) => sql.raw(['dimension', 'month', 'village_code', 'key'].map((k) => `${t}.${k}`).join(', '));
    await tx.execute(sql`
      delete from rollup_monthly r
      where not exists (select 1 from rollup_build b where (${key('b')}) = (${key('r')}))`);
    await tx.execute(sql`
      insert into rollup_monthly as r (dimension, month, village_code, key, ${measureList()})
      select ${key('b')}, ${measureList('b.')}
      from rollup_build b left join rollup_monthly m on (${key('m')}) = (${key('b')})
      where m.dimension is null or (${measureList('m.')}) is distinct from (${measureList('b.')})
      on conflict (dimension, month, village_code, key) do update set ${eachMeasure((m) => sql`${column(m)} = excluded.${column(m)}`)}`);
    const [count] = await queryRows<{ n: unknown }>(tx, sql`select count(*) as n from rollup_build`);
    await tx.execute(sql`truncate rollup_build`);
    await tx.execute(sql`analyze rollup_monthly`);
    log(`rollup updated (${Date.now() - started} ms)`);
    await tx.execute(sql`
      insert into rollup_state (id, stale, built_at, build_ms) values (1, false, now(), ${Date.now() - started})
      on conflict (id) do update set stale = false, built_at = excluded.built_at, build_ms = excluded.build_ms`);
    return Number(count?.n ?? 0);
  });
  return { rows, ms: Date.now() - started };
}

/** True when the rollup holds every write (readers use the live SQL otherwise). */
export async function rollupsFresh(db: Database): Promise<boolean> {
  // rollup_state moves the data version (migration 0012): its reading is kept with the figures.
  const [state] = await cachedRows<{ stale: boolean }>(db, sql`select stale from rollup_state where id = 1`);
  return state !== undefined && !state.stale;
}

/**
 * Keeps the rollup current across the writes of one transaction: `before(ids)` keeps a copy of what the
 * members' facts are made of as it is now (call it before changing their rows, contributions or claims):
 * their runs, payments per month, attributes and paid claims; `added(ids)` names members created in this
 * transaction; `finish()` sums the facts of all of them as they are at the end, takes away those of the
 * copies and applies the difference, in one pass whatever the number of chunks. Months that did not
 * change are not touched.
 */
export class RollupTracker {
  private readonly members = new Set<number>();
  private started = false;

  constructor(private readonly tx: Database) {}

  private async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await declareMaintained(this.tx);
    await this.tx.execute(sql`
      create temp table if not exists rollup_old_spans (member_id integer not null, first_month date not null, last_month date not null)
        on commit drop`);
    await this.tx.execute(sql`
      create temp table if not exists rollup_old_paid (member_id integer not null, month date not null, collected bigint not null)
        on commit drop`);
    await this.tx.execute(sql`
      create temp table if not exists rollup_old_members on commit drop as
        select id, village_code, community_id, occupation_code, channel, agent_code, sex, enrolled_on from members with no data`);
    await this.tx.execute(sql`
      create temp table if not exists rollup_old_claims (member_id integer not null, paid_on date, amount bigint) on commit drop`);
  }

  async before(memberIds: readonly number[]): Promise<void> {
    const fresh = [...new Set(memberIds)].filter((id) => !this.members.has(id));
    await this.start();
    if (fresh.length === 0) return;
    for (const id of fresh) this.members.add(id);
    const ids = idArray(fresh);
    await this.tx.execute(sql`
      with spans as (
        insert into rollup_old_spans select member_id, first_month, last_month from coverage_spans where member_id = any(${ids})
      ),
      paid as (
        insert into rollup_old_paid select * from ${paidSql(sql`where c.member_id = any(${ids})`)} p
      ),
      claimed as (
        insert into rollup_old_claims select member_id, paid_on, amount from claims where member_id = any(${ids}) and paid_on is not null
      )
      insert into rollup_old_members
      select id, village_code, community_id, occupation_code, channel, agent_code, sex, enrolled_on from members where id = any(${ids})`);
  }

  async added(memberIds: readonly number[]): Promise<void> {
    await this.start();
    for (const id of memberIds) this.members.add(id);
  }

  async finish(): Promise<void> {
    if (!this.started) return;
    const ids = [...this.members];
    if (ids.length > 0) {
      // Room to hash the facts of thousands of members (the default 4 MB spills to disk), and the copies'
      // sizes for the planner (a temporary table has no statistics until analyzed).
      await this.tx.execute(sql`set local work_mem = '64MB'`);
      await this.tx.execute(sql`analyze rollup_old_spans, rollup_old_paid, rollup_old_members, rollup_old_claims`);
      const before: FactSources = {
        spans: sql`rollup_old_spans`,
        paid: sql`rollup_old_paid`,
        members: sql`rollup_old_members`,
        claims: sql`rollup_old_claims`,
      };
      await this.tx.execute(sql`
        create temp table rollup_changes on commit drop as
        ${monthValuesSql(changedSumsSql(liveSources(ids), before))}`);
      // In key order, so concurrent writers lock rows in the same order.
      await this.tx.execute(sql`
        insert into rollup_monthly as r (dimension, month, village_code, key, ${measureList()})
        select * from rollup_changes order by dimension, month, village_code, key
        on conflict (dimension, month, village_code, key) do update set ${eachMeasure(
          (m) => sql`${column(m)} = r.${column(m)} + excluded.${column(m)}`,
        )}`);
      // Months left with nothing to count are removed, as a rebuild would not write them.
      await this.tx.execute(sql`
        delete from rollup_monthly r using rollup_changes c
        where r.dimension = c.dimension and r.month = c.month and r.village_code = c.village_code and r.key = c.key
          and ${eachMeasure((m) => sql`r.${column(m)} = 0`, sql` and `)}`);
      await this.tx.execute(sql`drop table rollup_changes`);
    }
    await this.tx.execute(sql`drop table if exists rollup_old_spans, rollup_old_paid, rollup_old_members, rollup_old_claims`);
    this.members.clear();
    this.started = false;
  }
}

/** Runs `write` with a tracker and applies the rollup difference before the transaction commits. */
export async function maintainingRollups<T>(tx: Database, write: (tracker: RollupTracker) => Promise<T>): Promise<T> {
  const tracker = new RollupTracker(tx);
  const result = await write(tracker);
  await tracker.finish();
  return result;
}
