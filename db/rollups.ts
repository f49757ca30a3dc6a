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

/** Which members: those of a range of villages (a chunk of a rebuild) or all (null). */
type MemberSelection = { villagesFrom: string; villagesTo: string } | null;

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
  if (members === null) {
    return {
      // coverage_spans is kept by triggers on contributions in the statement that changes them: the runs as of now.
      spans: sql`coverage_spans`,
      paid: paidSql(sql``),
      members: sql`members`,
      claims: sql`claims`,
    };
  }
  // A range of villages: their members' rows, found through the members.
  const { villagesFrom, villagesTo } = members;
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

/** A payer counts once in a month whatever the number of their contributions paid in it. */
const paidSql = (where: SQL) => sql`(
  select c.member_id, ${monthOf(sql`c.paid_on`)}::date as month, sum(c.jkk_amount + c.jkm_amount) as collected
  from contributions c ${where} group by 1, 2)`;

/** What `row` (a member_id and a month) collected in its month, null when nothing was paid in it. */
const paidInMonthSql = (row: SQL) => sql`(
  select sum(c.jkk_amount + c.jkm_amount) as collected from contributions c
  where c.member_id = ${row}.member_id and c.paid_on >= ${row}.month and c.paid_on < ${plus(sql`${row}.month`, 1)})`;

// The members' own columns are grouped (an integer and short texts, no expression per row); the key
// text ('none' for a member without community, occupation or agent) is made once per group.
const KEYS_LIST = ['community_id', 'occupation_code', 'channel', 'agent_code', 'sex'] as const;
const KEYS = sql.raw(KEYS_LIST.join(', '));
const TUPLE = sql`month, village_code, ${KEYS}`;
const KEY_OF: Record<(typeof ROLLUP_DIMENSIONS)[number], SQL> = {
  total: sql`'all'`,
  community: sql`coalesce(community_id::text, ${NONE_KEY})`,
  occupation: sql`coalesce(occupation_code, ${NONE_KEY})`,
  channel: sql`channel::text`,
  agent: sql`coalesce(agent_code, ${NONE_KEY})`,
  sex: sql`sex::text`,
};

/** The member's village and keys, carried by every part of their facts. */
const LOCATION = sql`sm.village_code, sm.community_id, sm.occupation_code, sm.channel, sm.agent_code, sm.sex`;

/**
 * What the members' facts are made of, one row source per kind, each row with the member's village and
 * keys, its own columns and `n`, the times it counts (1):
 * - runs `(s, e, reactivated, arrears_end, ended)`: covered months s..e, 1 when it is not the member's
 *   first run, the month the arrears after it end (e+4, or the next run's start when sooner), and 1 when
 *   it ends the membership (no run starts by e+4);
 * - enrolments `(month, pending)`: the month enrolled in, and 1 when not covered in m-3..m;
 * - claims `(month, amount)`: a claim paid in that month;
 * - payments `(month, collected)`: a month paid in.
 * Equal rows give equal facts: the rows of two states of the same members cancel out but for what
 * changed in between, before any fact is made of them.
 */
interface Parts {
  runs: SQL;
  enrolments: SQL;
  claims: SQL;
  payments: SQL;
}
const PART_KINDS = ['runs', 'enrolments', 'claims', 'payments'] as const;
const PART_COLUMNS: Record<keyof Parts, string> = {
  runs: 's, e, reactivated, arrears_end, ended',
  enrolments: 'month, pending',
  claims: 'month, amount',
  payments: 'month, collected',
};

function partsSql(from: FactSources): Parts {
  const enrolled = sql`${monthOf(sql`sm.enrolled_on`)}::date`;
  const next = sql`lead(sp.first_month) over w`;
  return {
    runs: sql`
      select ${LOCATION}, r.s, r.e, r.reactivated, r.arrears_end, r.ended, 1 as n
      from (
        select sp.member_id, sp.first_month as s, sp.last_month as e,
          case when lag(sp.first_month) over w is null then 0 else 1 end as reactivated,
          least(${plus(sql`sp.last_month`, 4)}, ${next}) as arrears_end,
          case when ${next} is null or ${next} > ${plus(sql`sp.last_month`, 4)} then 1 else 0 end as ended
        from ${from.spans} sp
        window w as (partition by sp.member_id order by sp.first_month)
      ) r join ${from.members} sm on sm.id = r.member_id`,
    enrolments: sql`
      select ${LOCATION}, ${enrolled} as month, case when count(sp.member_id) = 0 then 1 else 0 end as pending, 1 as n
      from ${from.members} sm
      left join ${from.spans} sp on sp.member_id = sm.id and sp.first_month <= ${enrolled} and sp.last_month >= ${plus(enrolled, -3)}
      group by sm.id, ${LOCATION}, sm.enrolled_on`,
    claims: sql`
      select ${LOCATION}, ${monthOf(sql`cl.paid_on`)}::date as month, coalesce(cl.amount, 0) as amount, 1 as n
      from ${from.claims} cl join ${from.members} sm on sm.id = cl.member_id
      where cl.paid_on is not null`,
    payments: sql`
      select ${LOCATION}, p.month, p.collected, 1 as n
      from ${from.paid} p join ${from.members} sm on sm.id = p.member_id`,
  };
}

/** The facts a part `p` of a kind makes, each counted p.n times. */
function partFacts(kind: keyof Parts): SQL[] {
  const n = sql`p.n`;
  const minusN = sql`-p.n`;
  switch (kind) {
    case 'runs':
      return [
        fact(sql`p.s`, { active: n, reactivated: sql`p.reactivated * p.n` }),
        fact(plus(sql`p.s`, 1), { active_prev: n }),
        fact(plus(sql`p.e`, 1), { active: minusN, lapsed: n, stopped: n }),
        fact(plus(sql`p.e`, 2), { active_prev: minusN }),
        // In arrears from e+1 until three months have passed or the next run starts.
        fact(sql`p.arrears_end`, { lapsed: minusN }),
        fact(plus(sql`p.e`, 4), { ended: sql`p.ended * p.n` }),
      ];
    case 'enrolments':
      return [fact(sql`p.month`, { new_enrolments: n, pending: sql`p.pending * p.n` })];
    case 'claims':
      return [fact(sql`p.month`, { claims_paid_count: n, claims_paid_amount: sql`p.amount * p.n` })];
    case 'payments':
      return [fact(sql`p.month`, { payers: n, collected: sql`p.collected * p.n` })];
  }
}

/** Facts located in their village and keys: `select month, village_code, <keys>, <measures>`. */
function factsOf(kinds: readonly (keyof Parts)[], parts: Parts): SQL {
  return sql.join(
    kinds.map((kind) => sql`
      select f.month, p.village_code, ${sql.raw(KEYS_LIST.map((k) => `p.${k}`).join(', '))}, ${measureList('f.')}
      from (${parts[kind]}) p cross join lateral ${factRows(partFacts(kind))}`),
    sql` union all `,
  );
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

/**
 * The facts of the selected members, summed per dimension, month, village and key: `select dimension,
 * month, village_code, key, <measures>`, where range measures are event sums and the others counts of
 * that month. Payments are grouped apart from the other facts (they are most of the rows and touch two
 * measures only), then the two are summed per key.
 */
export function rollupEventsSql(members: MemberSelection): SQL {
  const parts = partsSql(liveSources(members));
  return sql`
    select dimension, month, village_code, key, ${eachMeasure((m) => sql`${total(column(m), m)} as ${column(m)}`)}
    from (
      ${grouped(factsOf(['runs', 'enrolments', 'claims'], parts), ROLLUP_MEASURES.filter((m) => m !== 'payers' && m !== 'collected'))}
      union all
      ${grouped(factsOf(['payments'], parts), ['payers', 'collected'])}
    ) events
    group by dimension, month, village_code, key`;
}

/**
 * What changed between two states of the same members, summed per dimension, month, village and key
 * (the shape of rollupEventsSql). Most of the members' parts are the same before and after a write (the
 * same runs, claims and keys, all but a payment or two): the parts of both states are counted, the old
 * ones negatively, and only those that do not cancel out make facts; the facts are summed per month and
 * member keys and what does not cancel out is grouped.
 */
function changedSumsSql(now: FactSources, before: FactSources): SQL {
  const [nowParts, beforeParts] = [partsSql(now), partsSql(before)];
  const changed = Object.fromEntries(
    PART_KINDS.map((kind) => {
      const columns = sql.raw(`village_code, ${KEYS_LIST.join(', ')}, ${PART_COLUMNS[kind]}`);
      return [
        kind,
        sql`
          select ${columns}, sum(n)::int as n from (
            select ${columns}, n from (${nowParts[kind]}) a
            union all
            select ${columns}, -n from (${beforeParts[kind]}) b
          ) signed
          group by ${columns} having sum(n) <> 0`,
      ];
    }),
  ) as unknown as Parts;
  return grouped(
    sql`
      select ${TUPLE}, ${eachMeasure((m) => sql`${total(column(m), m)} as ${column(m)}`)}
      from (${factsOf(PART_KINDS, changed)}) facts
      group by ${TUPLE}
      having ${eachMeasure((m) => sql`${total(column(m), m)} <> 0`, sql` or `)}`,
    ROLLUP_MEASURES,
  );
}

/**
 * Turns summed facts (`select dimension, month, village_code, key, <measures>`, one row per key) into
 * month values: range measures summed over time, the others as they are, one row for every month from a
 * group's first fact to the month before its last range event, leaving out months where every measure is zero.
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
      from (${facts}) facts
      -- A fact row that changes nothing (an import's before and after cancelling out) would only be spread over months for nothing.
      where ${eachMeasure((m) => sql`${column(m)} <> 0`, sql` or `)}
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

/** A contribution a write adds, changes or removes: whose, and the day it was (or is) paid. */
export interface PaymentDay {
  memberId: number;
  paidOn: string;
}

/**
 * Keeps the rollup current across the writes of one transaction: `before(ids, payments)` keeps a copy of
 * what the members' facts are made of as it is now (call it before changing their rows, contributions or
 * claims): their runs, attributes and paid claims, and their payments in the months that may change;
 * `added(ids)` names members created in this transaction; `finish()` sums the facts of all of them as
 * they are at the end, takes away those of the copies and applies the difference, in one pass whatever
 * the number of chunks. Months that did not change are not touched.
 */
/** Fewer members than this are always kept current by the difference of their facts. */
export const RECOMPUTE_MIN_MEMBERS = 2_000;
/**
 * Above it, the villages are computed afresh when the members touched are at least 1/RECOMPUTE_SHARE of
 * the villages' (a member's difference costs about ten times a member's share of a recomputation).
 */
export const RECOMPUTE_SHARE = 10;

export class RollupTracker {
  private started = false;
  /** Members named so far this transaction (rollup_members' size). */
  private tracked = 0;
  /**
   * Set once the members named are enough of their villages' for `finish` to compute those villages
   * afresh: from then on no copy of their facts is needed (on a large file the copies cost more than the
   * rest of the rollup's upkeep), and `finish` recomputes whatever the share has become.
   */
  private wholeVillages = false;

  constructor(private readonly tx: Database) {}

  private async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await declareMaintained(this.tx);
    // The members whose facts are recomputed at the end: a table, so a file of a million rows names them
    // with a query instead of a list.
    await this.tx.execute(sql`create temp table if not exists rollup_members (id integer primary key) on commit drop`);
    // The members a `beforeRows` call named for the first time (the ones whose facts it copies).
    await this.tx.execute(sql`create temp table if not exists rollup_fresh (id integer primary key) on commit drop`);
    await this.tx.execute(sql`
      create temp table if not exists rollup_old_spans (member_id integer not null, first_month date not null, last_month date not null)
        on commit drop`);
    // One row per member and month whose payments may change (collected null: nothing paid in it then);
    // the first copy of a month is the one kept.
    await this.tx.execute(sql`
      create temp table if not exists rollup_old_paid (member_id integer not null, month date not null, collected bigint,
        primary key (member_id, month)) on commit drop`);
    await this.tx.execute(sql`
      create temp table if not exists rollup_old_members on commit drop as
        select id, village_code, community_id, occupation_code, channel, agent_code, sex, enrolled_on from members with no data`);
    await this.tx.execute(sql`
      create temp table if not exists rollup_old_claims (member_id integer not null, paid_on date, amount bigint) on commit drop`);
  }

  /**
   * `payments`: when the members' own rows stay as they are, the contributions the write adds, changes
   * or removes (as they are before and after it): only the months they are paid in can change the
   * members' payment facts ([] for a write to claims). Omitted: every month they paid in, as a write to
   * members may move all their facts to another village or key.
   */
  async before(memberIds: readonly number[], payments?: readonly PaymentDay[]): Promise<void> {
    if (memberIds.length === 0 && (payments === undefined || payments.length === 0)) {
      await this.start();
      return;
    }
    await this.beforeRows(
      sql`select unnest(${idArray(memberIds)}) as id`,
      payments === undefined
        ? undefined
        : sql`select * from unnest(${idArray(payments.map((p) => p.memberId))}, ${`{${payments.map((p) => p.paidOn).join(',')}}`}::date[]) as p(member_id, paid_on)`,
    );
  }

  /**
   * The same as `before` for rows named by queries: `members` selects `id`, `payments` selects
   * `member_id, paid_on` (the days a write's contributions are paid on, before and after it).
   */
  async beforeRows(members: SQL, payments?: SQL): Promise<void> {
    await this.start();
    // Only members not copied yet this transaction: their first copy is their state before every write.
    // Their own rows are always copied (the villages they were in bound a recomputation).
    await this.tx.execute(sql`delete from rollup_fresh`);
    const [named] = await queryRows<{ n: number }>(
      this.tx,
      sql`
        with fresh as (
          insert into rollup_members select distinct id from (${members}) m where id is not null on conflict do nothing returning id
        ),
        kept as (insert into rollup_fresh select id from fresh returning id),
        copied as (
          insert into rollup_old_members
          select id, village_code, community_id, occupation_code, channel, agent_code, sex, enrolled_on from members where id in (select id from fresh)
        )
        select count(*)::int as n from kept`,
    );
    this.tracked += Number(named?.n ?? 0);
    if (!this.wholeVillages && this.tracked > RECOMPUTE_MIN_MEMBERS) this.wholeVillages = await this.manyOfTheirVillages(this.tracked);
    if (this.wholeVillages) return;
    await this.tx.execute(sql`
      with spans as (
        insert into rollup_old_spans select member_id, first_month, last_month from coverage_spans where member_id in (select id from rollup_fresh)
      )
      insert into rollup_old_claims select member_id, paid_on, amount from claims where member_id in (select id from rollup_fresh) and paid_on is not null`);
    if (payments === undefined) {
      await this.tx.execute(sql`
        insert into rollup_old_paid select * from ${paidSql(sql`where c.member_id in (select distinct id from (${members}) m)`)} p
        on conflict do nothing`);
    } else {
      await this.tx.execute(sql`
        insert into rollup_old_paid
        select m.member_id, m.month, ${paidInMonthSql(sql`m`)}
        from (select distinct member_id, ${monthOf(sql`p.paid_on`)}::date as month from (${payments}) p where p.paid_on is not null) m
        on conflict do nothing`);
    }
  }

  async added(memberIds: readonly number[]): Promise<void> {
    await this.addedRows(sql`select unnest(${idArray(memberIds)}) as id`);
  }

  /** Members a write created (nothing to copy of them), named by a query selecting `id`. */
  async addedRows(members: SQL): Promise<void> {
    await this.start();
    const [named] = await queryRows<{ n: number }>(
      this.tx,
      sql`with fresh as (insert into rollup_members select distinct id from (${members}) m where id is not null on conflict do nothing returning id)
          select count(*)::int as n from fresh`,
    );
    this.tracked += Number(named?.n ?? 0);
  }

  /**
   * A write that touched many of its villages' members (a large import) costs less by computing those
   * villages' month values afresh, as a rebuild does for a chunk, than by the difference of each member's
   * facts: the villages from the lowest to the highest code the members were or are in. Returns false
   * (nothing done) when the members are too few a share of those villages'.
   */
  private async villageRange(): Promise<{ villagesFrom: string; villagesTo: string } | null> {
    const [range] = await queryRows<{ from: string | null; to: string | null }>(
      this.tx,
      sql`select min(v) as from, max(v) as to from (
            select village_code as v from members where id in (select id from rollup_members)
            union all select village_code from rollup_old_members) x`,
    );
    return range?.from && range.to ? { villagesFrom: range.from, villagesTo: range.to } : null;
  }

  /** Whether `touched` members are at least 1/RECOMPUTE_SHARE of the members of their villages' range. */
  private async manyOfTheirVillages(touched: number): Promise<boolean> {
    const selection = await this.villageRange();
    if (!selection) return false;
    const [members] = await queryRows<{ n: number }>(
      this.tx,
      sql`select count(*)::int as n from members where village_code between ${selection.villagesFrom} and ${selection.villagesTo}`,
    );
    return touched * RECOMPUTE_SHARE >= Number(members?.n ?? 0);
  }

  private async recomputeVillages(): Promise<void> {
    const selection = await this.villageRange();
    if (!selection) return;
    await this.tx.execute(sql`set local work_mem = '256MB'`);
    await this.tx.execute(sql`
      create temp table rollup_recomputed on commit drop as
      select * from rollup_monthly with no data`);
    await this.tx.execute(sql`
      insert into rollup_recomputed (dimension, month, village_code, key, ${measureList()})
      ${monthValuesSql(rollupEventsSql(selection))}`);
    await this.tx.execute(sql`analyze rollup_recomputed`);
    // Only the rows that differ are written (as a rebuild does): no dead rows for the unchanged ones.
    const key = (t: string) => sql.raw(['dimension', 'month', 'village_code', 'key'].map((k) => `${t}.${k}`).join(', '));
    await this.tx.execute(sql`
      delete from rollup_monthly r
      where r.village_code between ${selection.villagesFrom} and ${selection.villagesTo}
        and not exists (select 1 from rollup_recomputed b where (${key('b')}) = (${key('r')}))`);
    await this.tx.execute(sql`
      insert into rollup_monthly as r (dimension, month, village_code, key, ${measureList()})
      select ${key('b')}, ${measureList('b.')}
      from rollup_recomputed b left join rollup_monthly m on (${key('m')}) = (${key('b')})
      where m.dimension is null or (${measureList('m.')}) is distinct from (${measureList('b.')})
      order by b.dimension, b.village_code, b.key, b.month
      on conflict (dimension, month, village_code, key) do update set ${eachMeasure((m) => sql`${column(m)} = excluded.${column(m)}`)}`);
    await this.tx.execute(sql`drop table rollup_recomputed`);
  }

  async finish(): Promise<void> {
    if (!this.started) return;
    const count = this.tracked;
    if (this.wholeVillages || (count > RECOMPUTE_MIN_MEMBERS && (await this.manyOfTheirVillages(count)))) {
      await this.recomputeVillages();
    } else if (count > 0) {
      // Room to hash the facts of thousands of members (the default 4 MB spills to disk), and the copies'
      // sizes for the planner (a temporary table has no statistics until analyzed).
      await this.tx.execute(sql`set local work_mem = '64MB'`);
      await this.tx.execute(sql`analyze rollup_members, rollup_old_spans, rollup_old_paid, rollup_old_members, rollup_old_claims`);
      const before: FactSources = {
        spans: sql`rollup_old_spans`,
        paid: sql`(select member_id, month, collected from rollup_old_paid where collected is not null)`,
        members: sql`rollup_old_members`,
        claims: sql`rollup_old_claims`,
      };
      const now: FactSources = {
        spans: sql`now_spans`,
        // The same months as the copy, as they are now.
        paid: sql`(select o.member_id, o.month, p.collected from rollup_old_paid o
          cross join lateral ${paidInMonthSql(sql`o`)} p where p.collected is not null)`,
        members: sql`now_members`,
        claims: sql`(select member_id, paid_on, amount from claims where member_id in (select id from rollup_members))`,
      };
      // The month values that changed, added to the rollup in one order (so concurrent writers lock rows in
      // the same order): a group's months one after the other, the order they are made in. The members'
      // rows and runs are read by several parts: once, at the top.
      const key = sql`dimension, month, village_code, key`;
      const emptied = await queryRows<{ dimension: string; month: string; village_code: string; key: string }>(
        this.tx,
        sql`
          with now_members as (
            select id, village_code, community_id, occupation_code, channel, agent_code, sex, enrolled_on from members where id in (select id from rollup_members)
          ),
          now_spans as (select member_id, first_month, last_month from coverage_spans where member_id in (select id from rollup_members)),
          applied as (
            insert into rollup_monthly as r (${key}, ${measureList()})
            select * from (${monthValuesSql(changedSumsSql(now, before))}) changes order by dimension, village_code, key, month
            on conflict (${key}) do update set ${eachMeasure((m) => sql`${column(m)} = r.${column(m)} + excluded.${column(m)}`)}
            returning ${key}, ${eachMeasure((m) => sql`${column(m)} = 0`, sql` and `)} as empty
          )
          select dimension, month::text as month, village_code, key from applied where empty`,
      );
      // Months left with nothing to count are removed, as a rebuild would not write them.
      if (emptied.length > 0) {
        await this.tx.execute(sql`
          delete from rollup_monthly r
          using json_to_recordset(${JSON.stringify(emptied)}::json) as e(dimension text, month date, village_code text, key text)
          where (r.dimension, r.month, r.village_code, r.key) = (e.dimension, e.month, e.village_code, e.key)
            and ${eachMeasure((m) => sql`r.${column(m)} = 0`, sql` and `)}`);
      }
    }
    await this.tx.execute(sql`drop table if exists rollup_members, rollup_fresh, rollup_old_spans, rollup_old_paid, rollup_old_members, rollup_old_claims`);
    this.started = false;
    this.tracked = 0;
    this.wholeVillages = false;
  }
}

/** Runs `write` with a tracker and applies the rollup difference before the transaction commits. */
export async function maintainingRollups<T>(tx: Database, write: (tracker: RollupTracker) => Promise<T>): Promise<T> {
  const tracker = new RollupTracker(tx);
  const result = await write(tracker);
  await tracker.finish();
  return result;
}
