// The demo's follow-up year (issue 20): tasks made month by month by the one generator
// (followup_tasks_generate), agents' visits and meetings, and what they cause, built in like the seed's
// other mechanisms so the follow-up page can reveal them:
//  (e) a visit to a member who has just entered arrears brings a payment within days in 40 % of visits
//      where the member had not paid anyway (VISIT_PAYS); who is visited does not depend on who would pay;
//  (f) a solidarity meeting after a paid claim raises the community's enrolments further for 90 days
//      (demo.ts applies the boost; meetingPlan() is the one rule both sides use).
// Every choice is a hash of the task's natural key or the claim's member and day: the same asOf gives
// the same rows.
import { sql } from 'drizzle-orm';
import type { Database } from '../index';
import { queryRows } from '../index';

/** Months of follow-up the demo holds, ending in the month of asOf. */
export const FOLLOWUP_MONTHS = 12;
const VISIT_SHARE = 65;
const VISIT_PAYS = 40;
const MEETING_SHARE = 55;

/** Whether the agent holds a meeting after the claim paid on `paidDay` (days since 1970), and on which day. */
export function meetingPlan(memberId: number, paidDay: number): number | null {
  if ((memberId * 7919 + paidDay) % 100 >= MEETING_SHARE) return null;
  return paidDay + 5 + ((memberId * 31 + paidDay) % 35);
}

/** A number 0–99 from a text and a salt: the seed's choices in SQL. */
const pct = (key: ReturnType<typeof sql>, salt: string) => sql`(('x' || substr(md5(${key} || ${salt}), 1, 7))::bit(28)::int % 100)`;

const REFUSALS = ['Belum ada uang', 'Tidak merasa perlu', 'Sudah punya asuransi lain', 'Menunggu panen'];

/**
 * Replays the last FOLLOWUP_MONTHS months: at each month's end (or asOf) the generator makes that month's
 * tasks, then the visits of the next days happen (those after asOf stay open), some bring a payment,
 * and each visit's outcome is what followed it; meetings follow meetingPlan.
 */
export async function seedFollowup(db: Database, asOf: string): Promise<void> {
  const months = await queryRows<{ day: string }>(
    db,
    sql`select least((date_trunc('month', ${asOf}::date) - make_interval(months => k) + interval '1 month' - interval '1 day')::date, ${asOf}::date)::text as day
        from generate_series(${FOLLOWUP_MONTHS - 1}, 0, -1) k`,
  );
  for (const { day } of months) {
    await db.execute(sql`select followup_tasks_generate(${day}::date)`);
    const key = sql`t.natural_key`;
    // Visits: an assigned task, for about two in three, on one of the 20 days after the list was made.
    await db.execute(sql`
      update followup_tasks t set done_on = ${day}::date + 1 + ${pct(key, 'day')} % 20
      where t.kind = 'revisit' and t.state = 'open' and t.done_on is null and t.agent_code is not null
        and t.created_at is not null and t.month = date_trunc('month', ${day}::date)::date
        and ${pct(key, 'visit')} < ${VISIT_SHARE}
        and ${day}::date + 1 + ${pct(key, 'day')} % 20 <= ${asOf}::date`);
    // (e) what a visit causes: the months owed paid to the agent, when the member had not paid them anyway.
    await db.execute(sql`
      insert into contributions (member_id, first_month, months_count, jkk_amount, jkm_amount, paid_on, agent_code)
      select t.member_id, t.month, n.months, a.jkk, a.jkm, least(t.done_on + ${pct(key, 'pay')} % 5, ${asOf}::date), t.agent_code
      from followup_tasks t
      join members mb on mb.id = t.member_id
      left join occupations o on o.code = mb.occupation_code
      cross join lateral (select (extract(year from age(date_trunc('month', t.done_on), t.month)) * 12
                                  + extract(month from age(date_trunc('month', t.done_on), t.month)))::int + 1 as months) n
      cross join lateral (
        select sum(round(greatest(least(mb.declared_income::numeric, coalesce(rate_in_force('max_declared_income', k), mb.declared_income)),
                                  coalesce(rate_in_force('min_declared_income', k), 0)) * rate_in_force('jkk_rate', k) / 100 * (1 - d.discount / 100)))::int as jkk,
               sum(round(rate_in_force('jkm_flat', k) * (1 - d.discount / 100)))::int as jkm
        from generate_series(t.month, t.month + make_interval(months => n.months - 1), interval '1 month') g(k0)
        cross join lateral (select g.k0::date as k) kk
        cross join lateral (select coalesce(rate_in_force(case when o.is_transport then 'discount_transport' else 'discount_non_transport' end, kk.k), 0) as discount) d
      ) a
      where t.kind = 'revisit' and t.state = 'open' and t.done_on is not null and t.month = date_trunc('month', ${day}::date)::date
        and ${pct(key, 'pays')} < ${VISIT_PAYS}
        and not exists (select 1 from contributions c where c.member_id = t.member_id
                          and c.last_month >= t.month and c.first_month <= date_trunc('month', t.done_on)::date)
      order by t.id`);
    // The outcome each agent records: what followed the visit.
    await db.execute(sql`
      update followup_tasks t set state = 'done', version = 2, updated_at = now(),
        outcome = case
          when exists (select 1 from contributions c where c.member_id = t.member_id and c.paid_on between t.done_on and t.done_on + 7) then 'paid'
          when ${pct(key, 'out')} < 40 then 'promised'
          when ${pct(key, 'out')} < 75 then 'refused'
          when ${pct(key, 'out')} < 90 then 'unreachable'
          else 'moved' end,
        promised_on = case when not exists (select 1 from contributions c where c.member_id = t.member_id and c.paid_on between t.done_on and t.done_on + 7)
                             and ${pct(key, 'out')} < 40 then t.done_on + 14 end,
        refusal_reason = case when not exists (select 1 from contributions c where c.member_id = t.member_id and c.paid_on between t.done_on and t.done_on + 7)
                                and ${pct(key, 'out')} >= 40 and ${pct(key, 'out')} < 75
                              then (${sql.raw(`array[${REFUSALS.map((r) => `'${r}'`).join(', ')}]`)})[1 + ${pct(key, 'why')} % ${REFUSALS.length}] end
      where t.kind = 'revisit' and t.state = 'open' and t.done_on is not null and t.month = date_trunc('month', ${day}::date)::date`);
  }
  // The supervisors close what was left open for a month past its due day: the worklists hold what can still be done.
  await db.execute(sql`update followup_tasks set state = 'cancelled', done_on = null, version = 2, updated_at = now()
                       where kind = 'revisit' and state = 'open' and due_on < ${asOf}::date - 30`);
  // (f) meetings, by the rule demo.ts boosted enrolments with; a task without an agent has none.
  await db.execute(sql`
    update followup_tasks t set state = 'done', outcome = 'meeting_held', version = 2, updated_at = now(),
      done_on = p.meeting, attendees = 8 + ${pct(sql`t.natural_key`, 'people')} % 33
    from claims cl
    cross join lateral (select cl.member_id * 7919 + (cl.paid_on - date '1970-01-01') as h,
                               cl.paid_on + 5 + ((cl.member_id * 31 + (cl.paid_on - date '1970-01-01')) % 35) as meeting) p
    where t.kind = 'solidarity' and cl.id = t.claim_id and t.agent_code is not null
      and p.h % 100 < ${MEETING_SHARE} and p.meeting <= ${asOf}::date`);
}
