import 'server-only';
// Follow-up tasks (issue 20): the worklists of agents, what supervisors and officers change, and what the
// follow-ups achieve. Tasks are created set-based by followup_tasks_generate (db/sql/04_followup_tasks.sql);
// every read here is narrowed by the caller (taskScopeSql), every change is audited in its transaction.
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '@/db';
import { queryRows } from '@/db';
import type { Caller } from '@/server/auth/caller';
import { writeAudit } from '@/server/audit';
import { DEFAULT_REGION_CODE } from '@/server/config';
import { maskNikSql } from '@/server/members';
import { regionMatch } from '@/server/indicators/scope';
import { getSummary } from '@/server/indicators/summary';
import { resolveAgentScope } from '@/server/scope';
import { percentage, toNumber } from '@/server/indicators/sql-helpers';
import { can } from '@/domain/permissions';
import { AppError, forbidden } from '@/domain/errors';
import { MEETING_WINDOW_DAYS, RECOVERY_WINDOW_DAYS, type NewTask, type TaskChange } from '@/domain/followup';
import type { Program, TaskKind, TaskOutcome, TaskState } from '@/domain/enums';
import type { TaskRowDto } from '@/contracts/followup';
import { periodStart, addMonths, type Period } from '@/domain/month';

/** Creates the tasks due on `asOf` (idempotent): revisits of the members who entered arrears, solidarity meetings. */
export async function generateFollowupTasks(db: Database, asOf: string): Promise<{ revisits: number; solidarity: number }> {
  const [row] = await queryRows<{ revisits: unknown; solidarity: unknown }>(db, sql`select * from followup_tasks_generate(${asOf}::date)`);
  return { revisits: toNumber(row?.revisits), solidarity: toNumber(row?.solidarity) };
}

/**
 * Sign-ins for the agents that have an e-mail and no account yet (after an agents import): the account
 * cannot sign in until an admin sets its first password (`!` matches no bcrypt hash).
 */
/** The password hash of a sign-in provisioned for an agent and waiting for its first password: no password matches it. */
export const UNSET_PASSWORD = '!';

export async function provisionAgentAccounts(db: Database, args: { caller: Caller; ip?: string | null }): Promise<number> {
  const created = await queryRows<{ id: number; agent_code: string }>(
    db,
    sql`insert into users (email, name, password_hash, role, region_code, agent_code)
        select lower(a.email), a.name, ${UNSET_PASSWORD}, 'agent', ${args.caller.regionCode}, a.code
        from agents a
        where a.email is not null
          and not exists (select 1 from users u where u.agent_code = a.code)
          and not exists (select 1 from users u where lower(u.email) = lower(a.email))
        returning id, agent_code`,
  );
  if (created.length > 0) {
    await writeAudit(db, {
      userId: args.caller.userId,
      actorEmail: args.caller.email,
      action: 'user_create',
      entity: 'user',
      details: { role: 'agent', agentCodes: created.map((row) => row.agent_code), fromImport: true },
      ip: args.ip ?? null,
    });
  }
  return created.length;
}

const ownAgentsSql = (caller: Caller) => sql`(select code from agents where supervisor_id = ${caller.userId})`;

/**
 * The tasks a caller may see, as a condition on `t` (followup_tasks), `mb` (its member, left-joined) and
 * `co` (its community, left-joined): an agent their own; a supervisor those of their agents and the
 * unassigned ones of their agents' members or communities; officers every task of their region.
 */
function taskScopeSql(caller: Caller): SQL {
  if (caller.role === 'agent') return caller.agentCode ? sql`t.agent_code = ${caller.agentCode}` : sql`false`;
  if (!can(caller.role, 'manage:followup')) throw forbidden();
  const region = regionMatch(sql`coalesce(mb.village_code, co.village_code)`, caller.regionCode ?? DEFAULT_REGION_CODE);
  if (caller.role !== 'supervisor') return region;
  const own = ownAgentsSql(caller);
  return sql`${region} and (t.agent_code in ${own} or (t.agent_code is null and (mb.agent_code in ${own}
    or exists (select 1 from agent_communities ac where ac.community_id = t.community_id and ac.agent_code in ${own}))))`;
}

const taskFrom = sql`followup_tasks t left join members mb on mb.id = t.member_id left join communities co on co.id = t.community_id`;

export type TaskRow = TaskRowDto;

/** The caller's tasks, open first by due day; an agent's read of their members' phones is audited. */
export async function listTasks(
  db: Database,
  args: { caller: Caller; state?: TaskState | null; today: string; ip?: string | null; limit?: number },
): Promise<TaskRow[]> {
  const { caller } = args;
  if (!can(caller.role, 'work:own-tasks') && !can(caller.role, 'manage:followup')) throw forbidden();
  const isAgent = caller.role === 'agent';
  const officer = can(caller.role, 'view:personal-data') && caller.role !== 'supervisor';
  const beneficiaryVisible = isAgent
    ? sql`exists (select 1 from agent_communities ac where ac.community_id = t.community_id and ac.agent_code = ${caller.agentCode ?? ''})`
    : sql`${officer}`;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select t.id, t.kind, t.state, t.outcome, t.agent_code, a.name as agent_name, t.member_id, mb.name as member_name,
          case when mb.id is null then null else ${maskNikSql(sql`mb.nik`)} end as nik_masked,
          ${isAgent ? sql`mb.phone` : sql`null::text`} as phone, r.name as village_name,
          coalesce(t.community_id, mb.community_id) as community_id, coalesce(co.name, mco.name) as community_name,
          t.month::text as month, t.months_owed, t.amount_owed, cl.program as claim_program, cl.amount as claim_amount,
          cl.paid_on::text as claim_paid_on,
          case when cl.id is not null and ${beneficiaryVisible} then bm.name end as beneficiary_name,
          t.due_on::text as due_on, t.done_on::text as done_on, t.promised_on::text as promised_on, t.refusal_reason,
          t.attendees, t.note, t.version, (t.state = 'open' and t.due_on < ${args.today}::date) as overdue
        from ${taskFrom}
        left join agents a on a.code = t.agent_code
        left join regions r on r.code = coalesce(mb.village_code, co.village_code)
        left join communities mco on mco.id = mb.community_id
        left join claims cl on cl.id = t.claim_id
        left join members bm on bm.id = cl.member_id
        where ${taskScopeSql(caller)} ${args.state ? sql`and t.state = ${args.state}` : sql``}
        order by (t.state = 'open') desc, t.due_on, t.id
        limit ${args.limit ?? 500}`,
  );
  const tasks = rows.map(toTaskRow);
  const shown = tasks.filter((task) => task.phone).map((task) => task.memberId);
  if (isAgent && shown.length > 0) {
    // PRODUCT.md: the agent sees the phones of the members they serve, and each showing is in the audit log.
    await writeAudit(db, {
      userId: caller.userId,
      actorEmail: caller.email,
      action: 'member_phone_view',
      entity: 'member',
      details: { memberIds: shown },
      ip: args.ip ?? null,
    });
  }
  return tasks;
}

function toTaskRow(row: Record<string, unknown>): TaskRow {
  const text = (value: unknown) => (value === null || value === undefined ? null : String(value));
  const num = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  return {
    id: toNumber(row.id),
    kind: row.kind as TaskKind,
    state: row.state as TaskState,
    outcome: (row.outcome as TaskOutcome | null) ?? null,
    agentCode: text(row.agent_code),
    agentName: text(row.agent_name),
    memberId: num(row.member_id),
    memberName: text(row.member_name),
    nikMasked: text(row.nik_masked),
    phone: text(row.phone),
    villageName: text(row.village_name),
    communityId: num(row.community_id),
    communityName: text(row.community_name),
    month: text(row.month)?.slice(0, 7) ?? null,
    monthsOwed: num(row.months_owed),
    amountOwed: num(row.amount_owed),
    claimProgram: (row.claim_program as Program | null) ?? null,
    claimAmount: num(row.claim_amount),
    claimPaidOn: text(row.claim_paid_on),
    beneficiaryName: text(row.beneficiary_name),
    dueOn: String(row.due_on),
    doneOn: text(row.done_on),
    promisedOn: text(row.promised_on),
    refusalReason: text(row.refusal_reason),
    attendees: num(row.attendees),
    note: text(row.note),
    version: toNumber(row.version),
    overdue: row.overdue === true || row.overdue === 't',
  };
}

/** An agent the caller may give a task to: a supervisor's own, an officer's within their region; active on `today`. */
async function assertAssignable(db: Database, caller: Caller, agentCode: string, today: string): Promise<void> {
  const [agent] = await queryRows<{ code: string }>(
    db,
    sql`select a.code from agents a
        where a.code = ${agentCode} and a.active_from <= ${today}::date and (a.active_to is null or a.active_to >= ${today}::date)
          and ${regionMatch(sql`a.village_code`, caller.regionCode ?? DEFAULT_REGION_CODE)}
          ${caller.role === 'supervisor' ? sql`and a.supervisor_id = ${caller.userId}` : sql``}`,
  );
  if (!agent) throw new AppError('bad_agent', 400, 'taskBadAgent', { value: agentCode.slice(0, 32) });
}

/** The agents a caller may assign tasks to, for the reassign and add forms. */
export async function listAssignableAgents(db: Database, args: { caller: Caller; today: string }): Promise<{ code: string; name: string }[]> {
  if (!can(args.caller.role, 'manage:followup')) throw forbidden();
  return queryRows<{ code: string; name: string }>(
    db,
    sql`select a.code, a.name from agents a
        where a.active_from <= ${args.today}::date and (a.active_to is null or a.active_to >= ${args.today}::date)
          and ${regionMatch(sql`a.village_code`, args.caller.regionCode ?? DEFAULT_REGION_CODE)}
          ${args.caller.role === 'supervisor' ? sql`and a.supervisor_id = ${args.caller.userId}` : sql``}
        order by a.code`,
  );
}

/**
 * Records an outcome or a meeting (the assigned agent, or a supervisor or officer on their behalf),
 * reassigns or cancels a task (supervisors and officers). The change names the version it read: if
 * someone changed the task since, nothing is written and the answer is 409. A task outside the
 * caller's scope is not found.
 */
export async function changeTask(
  db: Database,
  args: { caller: Caller; taskId: number; change: TaskChange; today: string; ip?: string | null },
): Promise<TaskRow> {
  const { caller, change, today } = args;
  if (!can(caller.role, 'work:own-tasks') && !can(caller.role, 'manage:followup')) throw forbidden();
  if ((change.action === 'reassign' || change.action === 'cancel') && !can(caller.role, 'manage:followup')) throw forbidden();
  await db.transaction(async (transaction) => {
    const tx = transaction as unknown as Database;
    const [row] = await queryRows<Record<string, unknown>>(
      tx,
      sql`select t.id, t.kind, t.state, t.outcome, t.agent_code, t.member_id, t.community_id, t.version, t.done_on::text as done_on
          from ${taskFrom} where t.id = ${args.taskId} and ${taskScopeSql(caller)} for update of t`,
    );
    if (!row) throw new AppError('not_found', 404, 'notFound');
    if (toNumber(row.version) !== change.version) throw new AppError('conflict', 409, 'taskConflict');
    const kind = row.kind as TaskKind;
    if (row.state === 'cancelled') throw new AppError('task_closed', 409, 'taskClosed');
    let set: SQL[];
    if (change.action === 'record') {
      if (kind === 'solidarity' || row.member_id === null) throw new AppError('wrong_kind', 409, 'taskWrongKind');
      assertDay(change.doneOn, today);
      if (change.promisedOn && change.promisedOn < change.doneOn) throw new AppError('bad_date', 400, 'taskBadDate');
      set = [
        sql`state = 'done'`,
        sql`outcome = ${change.outcome}`,
        sql`done_on = ${change.doneOn}::date`,
        sql`promised_on = ${change.outcome === 'promised' ? (change.promisedOn ?? null) : null}::date`,
        sql`refusal_reason = ${change.outcome === 'refused' ? (change.refusalReason ?? null) : null}`,
        sql`attendees = null`,
      ];
    } else if (change.action === 'meeting') {
      if (kind === 'revisit' || row.community_id === null) throw new AppError('wrong_kind', 409, 'taskWrongKind');
      assertDay(change.doneOn, today);
      set = [sql`state = 'done'`, sql`outcome = 'meeting_held'`, sql`done_on = ${change.doneOn}::date`, sql`attendees = ${change.attendees}`];
    } else if (change.action === 'reassign') {
      if (row.state !== 'open') throw new AppError('task_closed', 409, 'taskClosed');
      await assertAssignable(tx, caller, change.agentCode, today);
      set = [sql`agent_code = ${change.agentCode}`];
    } else {
      if (row.state !== 'open') throw new AppError('task_closed', 409, 'taskClosed');
      set = [sql`state = 'cancelled'`];
    }
    const updated = await queryRows<{ id: number }>(
      tx,
      sql`update followup_tasks set ${sql.join(set, sql`, `)}, version = version + 1, updated_at = now(), updated_by = ${caller.userId}
          where id = ${args.taskId} and version = ${change.version} returning id`,
    );
    if (updated.length === 0) throw new AppError('conflict', 409, 'taskConflict');
    await writeAudit(tx, {
      userId: caller.userId,
      actorEmail: caller.email,
      action: `task_${change.action}`,
      entity: 'followup_task',
      entityId: String(args.taskId),
      // Ids, codes and dates only: a refusal's reason is the member's words, not logged.
      details: {
        kind,
        version: change.version,
        before: { state: row.state, outcome: row.outcome, agentCode: row.agent_code, doneOn: row.done_on },
        after:
          change.action === 'record'
            ? { outcome: change.outcome, doneOn: change.doneOn, promisedOn: change.promisedOn ?? null, refusalReason: Boolean(change.refusalReason) }
            : change.action === 'meeting'
              ? { doneOn: change.doneOn, attendees: change.attendees }
              : change.action === 'reassign'
                ? { agentCode: change.agentCode }
                : { state: 'cancelled' },
      },
      ip: args.ip ?? null,
    });
  });
  const [task] = (await listTasksById(db, caller, args.taskId, today)) ?? [];
  if (!task) throw new AppError('not_found', 404, 'notFound');
  return task;
}

function assertDay(day: string, today: string) {
  if (Number.isNaN(Date.parse(day)) || day > today) throw new AppError('bad_date', 400, 'taskBadDate');
}

async function listTasksById(db: Database, caller: Caller, id: number, today: string): Promise<TaskRow[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select t.id, t.kind, t.state, t.outcome, t.agent_code, a.name as agent_name, t.member_id, mb.name as member_name,
          case when mb.id is null then null else ${maskNikSql(sql`mb.nik`)} end as nik_masked, null::text as phone,
          null::text as village_name, coalesce(t.community_id, mb.community_id) as community_id, co.name as community_name,
          t.month::text as month, t.months_owed, t.amount_owed, null::text as claim_program, null::int as claim_amount,
          null::text as claim_paid_on, null::text as beneficiary_name, t.due_on::text as due_on, t.done_on::text as done_on,
          t.promised_on::text as promised_on, t.refusal_reason, t.attendees, t.note, t.version,
          (t.state = 'open' and t.due_on < ${today}::date) as overdue
        from ${taskFrom} left join agents a on a.code = t.agent_code
        where t.id = ${id} and ${taskScopeSql(caller)}`,
  );
  return rows.map(toTaskRow);
}

/** A task added by hand by a supervisor or officer, for a member or a community of their scope. */
export async function addTask(
  db: Database,
  args: { caller: Caller; input: NewTask; today: string; ip?: string | null },
): Promise<number> {
  const { caller, input, today } = args;
  if (!can(caller.role, 'manage:followup')) throw forbidden();
  if (input.dueOn < today) throw new AppError('bad_date', 400, 'taskBadDate');
  return db.transaction(async (transaction) => {
    const tx = transaction as unknown as Database;
    const region = caller.regionCode ?? DEFAULT_REGION_CODE;
    const own = ownAgentsSql(caller);
    const supervisor = caller.role === 'supervisor';
    const [target] = input.memberId
      ? await queryRows<{ member_id: number; community_id: number | null; agent_code: string | null }>(
          tx,
          sql`select m.id as member_id, m.community_id, m.agent_code from members m
              where m.id = ${input.memberId} and ${regionMatch(sql`m.village_code`, region)}
                ${supervisor ? sql`and m.agent_code in ${own}` : sql``}`,
        )
      : await queryRows<{ member_id: number | null; community_id: number; agent_code: string | null }>(
          tx,
          sql`select null::int as member_id, c.id as community_id, null::text as agent_code from communities c
              where c.id = ${input.communityId ?? 0} and ${regionMatch(sql`c.village_code`, region)}
                ${supervisor ? sql`and exists (select 1 from agent_communities ac where ac.community_id = c.id and ac.agent_code in ${own})` : sql``}`,
        );
    if (!target) throw new AppError('not_found', 404, 'notFound');
    if (input.agentCode) await assertAssignable(tx, caller, input.agentCode, today);
    const [created] = await queryRows<{ id: number; agent_code: string | null }>(
      tx,
      sql`insert into followup_tasks (kind, member_id, community_id, agent_code, due_on, note, created_by, updated_by)
          values ('manual', ${target.member_id}, ${target.community_id},
            ${input.agentCode ? sql`${input.agentCode}` : sql`followup_assignee(${target.agent_code}, ${target.community_id}, ${today}::date)`},
            ${input.dueOn}::date, ${input.note}, ${caller.userId}, ${caller.userId})
          returning id, agent_code`,
    );
    await writeAudit(tx, {
      userId: caller.userId,
      actorEmail: caller.email,
      action: 'task_create',
      entity: 'followup_task',
      entityId: String(created?.id),
      details: { memberId: target.member_id, communityId: target.community_id, agentCode: created?.agent_code ?? null, dueOn: input.dueOn },
      ip: args.ip ?? null,
    });
    return toNumber(created?.id);
  });
}

// ---------------------------------------------------------------- what the follow-ups achieve

export interface FollowupEffect {
  /** Tasks due in the range by `asOf`, and those done on or before their due day. */
  tasksDue: number;
  tasksDoneOnTime: number;
  onTimeRate: number | null;
  /** Members who entered arrears in the range and were visited, whose 60 days after the visit have passed. */
  revisited: number;
  revisitedRecovered: number;
  recoveryRate: number | null;
  /** The same months' members in arrears not visited (open, cancelled or unreachable): 60 days from the month's first day. */
  notRevisited: number;
  notRevisitedRecovered: number;
  recoveryRateNotRevisited: number | null;
  /** recoveryRate − recoveryRateNotRevisited, in percentage points. */
  uplift: number | null;
  /** Paid claims of the range whose community held a meeting, 90 days after the meeting passed. */
  meetings: number;
  enrolmentsAfterMeetings: number;
  /** Paid claims of the range with no meeting, 90 days after payment passed. */
  claimsWithoutMeeting: number;
  enrolmentsAfterClaimsWithoutMeeting: number;
  enrolmentsPerMeeting: number | null;
  enrolmentsPerClaimWithoutMeeting: number | null;
}

export interface FollowupSummary {
  from: Period;
  to: Period;
  asOf: string;
  district: FollowupEffect;
  byAgent: (FollowupEffect & { code: string | null; name: string | null })[];
  byCommunity: (FollowupEffect & { id: number; name: string })[];
}

const GROUPS = sql`grouping sets ((agent_code), (community_id), ())`;

/** One statement per figure set, each grouped by agent, by community and for the whole scope. */
export async function getFollowupSummary(
  db: Database,
  args: { caller: Caller; from: Period; to: Period; asOf: string },
): Promise<FollowupSummary> {
  const { caller, asOf } = args;
  if (!can(caller.role, 'work:own-tasks') && !can(caller.role, 'manage:followup')) throw forbidden();
  const scope = taskScopeSql(caller);
  const start = periodStart(args.from);
  const end = periodStart(addMonths(args.to, 1));
  const [onTime, recovery, meetings] = await Promise.all([
    queryRows<Record<string, unknown>>(
      db,
      sql`select grouping(agent_code) as ga, grouping(community_id) as gc, agent_code, community_id,
            count(*) as due, count(*) filter (where state = 'done' and done_on <= due_on) as on_time
          from (select t.agent_code, coalesce(t.community_id, mb.community_id) as community_id, t.state, t.done_on, t.due_on
                from ${taskFrom}
                where t.due_on >= ${start}::date and t.due_on < ${end}::date and t.due_on <= ${asOf}::date
                  and t.state <> 'cancelled' and ${scope}) x
          group by ${GROUPS}`,
    ),
    queryRows<Record<string, unknown>>(
      db,
      sql`with r as (
            select t.agent_code, coalesce(t.community_id, mb.community_id) as community_id, t.member_id,
              (t.state = 'done' and t.outcome <> 'unreachable') as visited,
              case when t.state = 'done' and t.outcome <> 'unreachable' then t.done_on else t.month end as ref_day
            from ${taskFrom}
            where t.kind = 'revisit' and t.month >= ${start}::date and t.month < ${end}::date
              -- Members who moved away or died cannot come back: in neither group.
              and t.outcome is distinct from 'moved' and t.outcome is distinct from 'deceased' and ${scope}
          ), w as (
            select r.*, exists (select 1 from contributions c where c.member_id = r.member_id
                and c.paid_on >= r.ref_day and c.paid_on <= r.ref_day + ${RECOVERY_WINDOW_DAYS}::int) as recovered
            from r where r.ref_day + ${RECOVERY_WINDOW_DAYS}::int <= ${asOf}::date
          )
          select grouping(agent_code) as ga, grouping(community_id) as gc, agent_code, community_id,
            count(*) filter (where visited) as revisited, count(*) filter (where visited and recovered) as revisited_recovered,
            count(*) filter (where not visited) as not_revisited, count(*) filter (where not visited and recovered) as not_revisited_recovered
          from w group by ${GROUPS}`,
    ),
    queryRows<Record<string, unknown>>(
      db,
      sql`with s as (
            select t.agent_code, t.community_id, (t.state = 'done' and t.outcome = 'meeting_held') as met,
              case when t.state = 'done' and t.outcome = 'meeting_held' then t.done_on else cl.paid_on end as ref_day
            from ${taskFrom} join claims cl on cl.id = t.claim_id
            where t.kind = 'solidarity' and cl.paid_on >= ${start}::date and cl.paid_on < ${end}::date and ${scope}
          ), w as (
            select s.*, e.n from s
            -- One index range (members_community_enrolled_idx) per claim.
            cross join lateral (select count(*) as n from members m where m.community_id = s.community_id
                and m.enrolled_on > s.ref_day and m.enrolled_on <= s.ref_day + ${MEETING_WINDOW_DAYS}::int) e
            where s.ref_day + ${MEETING_WINDOW_DAYS}::int <= ${asOf}::date
          )
          select grouping(agent_code) as ga, grouping(community_id) as gc, agent_code, community_id,
            count(*) filter (where met) as meetings, coalesce(sum(n) filter (where met), 0) as after_meetings,
            count(*) filter (where not met) as without_meeting, coalesce(sum(n) filter (where not met), 0) as after_without
          from w group by ${GROUPS}`,
    ),
  ]);

  const effects = new Map<string, FollowupEffect>();
  const keyOf = (row: Record<string, unknown>) =>
    toNumber(row.ga) === 0 ? `a:${String(row.agent_code ?? '')}` : toNumber(row.gc) === 0 ? `c:${String(row.community_id ?? '')}` : 'd';
  const effectFor = (key: string) => {
    let effect = effects.get(key);
    if (!effect) {
      effect = emptyEffect();
      effects.set(key, effect);
    }
    return effect;
  };
  for (const row of onTime) {
    const e = effectFor(keyOf(row));
    e.tasksDue = toNumber(row.due);
    e.tasksDoneOnTime = toNumber(row.on_time);
  }
  for (const row of recovery) {
    const e = effectFor(keyOf(row));
    e.revisited = toNumber(row.revisited);
    e.revisitedRecovered = toNumber(row.revisited_recovered);
    e.notRevisited = toNumber(row.not_revisited);
    e.notRevisitedRecovered = toNumber(row.not_revisited_recovered);
  }
  for (const row of meetings) {
    const e = effectFor(keyOf(row));
    e.meetings = toNumber(row.meetings);
    e.enrolmentsAfterMeetings = toNumber(row.after_meetings);
    e.claimsWithoutMeeting = toNumber(row.without_meeting);
    e.enrolmentsAfterClaimsWithoutMeeting = toNumber(row.after_without);
  }
  for (const e of effects.values()) finishEffect(e);

  const agentCodes = [...effects.keys()].filter((k) => k.startsWith('a:') && k.length > 2).map((k) => k.slice(2));
  const communityIds = [...effects.keys()].filter((k) => k.startsWith('c:') && k.length > 2).map((k) => Number(k.slice(2)));
  const [agentNames, communityNames] = await Promise.all([
    agentCodes.length
      ? queryRows<{ code: string; name: string }>(db, sql`select code, name from agents where code in (${sql.join(agentCodes.map((c) => sql`${c}`), sql`, `)})`)
      : Promise.resolve([]),
    communityIds.length
      ? queryRows<{ id: number; name: string }>(db, sql`select id, name from communities where id in (${sql.join(communityIds.map((c) => sql`${c}`), sql`, `)})`)
      : Promise.resolve([]),
  ]);
  const agentName = new Map(agentNames.map((a) => [a.code, a.name]));
  const communityName = new Map(communityNames.map((c) => [toNumber(c.id), c.name]));
  return {
    from: args.from,
    to: args.to,
    asOf,
    district: effects.get('d') ?? finishEffect(emptyEffect()),
    byAgent: [...effects.entries()]
      .filter(([k]) => k.startsWith('a:'))
      .map(([k, e]) => ({ code: k.length > 2 ? k.slice(2) : null, name: k.length > 2 ? (agentName.get(k.slice(2)) ?? null) : null, ...e }))
      .sort((a, b) => (a.code ?? '~').localeCompare(b.code ?? '~')),
    byCommunity: [...effects.entries()]
      .filter(([k]) => k.startsWith('c:') && k.length > 2)
      .map(([k, e]) => ({ id: Number(k.slice(2)), name: communityName.get(Number(k.slice(2))) ?? '', ...e }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

function emptyEffect(): FollowupEffect {
  return {
    tasksDue: 0,
    tasksDoneOnTime: 0,
    onTimeRate: null,
    revisited: 0,
    revisitedRecovered: 0,
    recoveryRate: null,
    notRevisited: 0,
    notRevisitedRecovered: 0,
    recoveryRateNotRevisited: null,
    uplift: null,
    meetings: 0,
    enrolmentsAfterMeetings: 0,
    claimsWithoutMeeting: 0,
    enrolmentsAfterClaimsWithoutMeeting: 0,
    enrolmentsPerMeeting: null,
    enrolmentsPerClaimWithoutMeeting: null,
  };
}

function finishEffect(e: FollowupEffect): FollowupEffect {
  e.onTimeRate = percentage(e.tasksDoneOnTime, e.tasksDue);
  e.recoveryRate = percentage(e.revisitedRecovered, e.revisited);
  e.recoveryRateNotRevisited = percentage(e.notRevisitedRecovered, e.notRevisited);
  e.uplift = e.recoveryRate !== null && e.recoveryRateNotRevisited !== null ? e.recoveryRate - e.recoveryRateNotRevisited : null;
  e.enrolmentsPerMeeting = e.meetings > 0 ? e.enrolmentsAfterMeetings / e.meetings : null;
  e.enrolmentsPerClaimWithoutMeeting = e.claimsWithoutMeeting > 0 ? e.enrolmentsAfterClaimsWithoutMeeting / e.claimsWithoutMeeting : null;
  return e;
}

/** An agent's own member figures for a month: the summary indicators over the members they recruited. */
export async function getAgentOwnFigures(db: Database, args: { caller: Caller; period: Period }) {
  const { scope, agentCode } = resolveAgentScope(args.caller);
  const summary = await getSummary(db, { period: args.period, scope });
  return {
    agentCode,
    activeMembers: summary.activeMembers,
    lapsedMembers: summary.lapsedMembers,
    newEnrolments: summary.newEnrolments,
    contributionsCollected: summary.contributionsCollected,
  };
}

/** The communities a caller may add a task for: their region's, or a supervisor's agents'. */
export async function listTaskCommunities(db: Database, args: { caller: Caller }): Promise<{ id: number; name: string }[]> {
  const { caller } = args;
  if (!can(caller.role, 'manage:followup')) throw forbidden();
  const rows = await queryRows<{ id: unknown; name: string }>(
    db,
    sql`select c.id, c.name from communities c
        where ${regionMatch(sql`c.village_code`, caller.regionCode ?? DEFAULT_REGION_CODE)}
          ${caller.role === 'supervisor' ? sql`and exists (select 1 from agent_communities ac where ac.community_id = c.id and ac.agent_code in ${ownAgentsSql(caller)})` : sql``}
        order by c.name`,
  );
  return rows.map((row) => ({ id: toNumber(row.id), name: row.name }));
}

/** How many tasks of the caller's scope are open (and overdue), done and cancelled. */
export async function getTaskCounts(db: Database, args: { caller: Caller; today: string }) {
  const [row] = await queryRows<Record<string, unknown>>(
    db,
    sql`select count(*) filter (where t.state = 'open') as open, count(*) filter (where t.state = 'open' and t.due_on < ${args.today}::date) as overdue,
          count(*) filter (where t.state = 'done') as done, count(*) filter (where t.state = 'cancelled') as cancelled
        from ${taskFrom} where ${taskScopeSql(args.caller)}`,
  );
  return { open: toNumber(row?.open), overdue: toNumber(row?.overdue), done: toNumber(row?.done), cancelled: toNumber(row?.cancelled) };
}
