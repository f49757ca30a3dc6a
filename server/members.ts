import 'server-only';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '@/db';
import type { Caller } from '@/server/auth/caller';
import { can } from '@/domain/permissions';
import { AppError, forbidden } from '@/domain/errors';
import { memberScopeCondition } from '@/server/indicators/scope';
import { coverageFlagColumns, literalMonth } from '@/server/indicators/status';
import type { SQL } from 'drizzle-orm';
import type { MemberFilterStatus, MemberListRow } from '@/contracts/members';
import { monthDate, toNumber } from '@/server/indicators/sql-helpers';
import { resolveScope } from '@/server/scope';
import { writeAudit } from '@/server/audit';

export const MEMBERS_PAGE_SIZE = 25;

/** The NIK shown by default: first four and last four digits. */
export const maskNikSql = (column: ReturnType<typeof sql>) =>
  sql`left(${column}, 4) || '••••••••' || right(${column}, 4)`;

function assertCanSeePersonalData(caller: Caller) {
  if (!can(caller.role, 'view:personal-data')) throw forbidden();
}

/**
 * Members a caller may see (officer/admin: their region; supervisor: members their agents recruited),
 * searched by name, KPJ or NIK digits, with their status in `period`.
 */
export interface MemberFilters {
  region?: string | null;
  status?: MemberFilterStatus | null;
  enrolled?: boolean;
  paid?: boolean;
  agent?: string | null;
  community?: number | null;
}

/**
 * The filters that pick the members a figure of `period` counts, with the status rules of
 * server/indicators/series.ts (coverage over m, m-1, m-3..m-1, m-4), read from the contributions.
 */
function filterCondition(period: string, filters: MemberFilters): SQL {
  const covered = (from: number, to: number) =>
    sql`exists (select 1 from contributions c where c.member_id = m.id
      and c.first_month <= ${monthDate(period, to)} and c.last_month >= ${monthDate(period, from)})`;
  const conditions: SQL[] = [];
  if (filters.agent) conditions.push(sql`m.agent_code = ${filters.agent}`);
  if (filters.community) conditions.push(sql`m.community_id = ${filters.community}`);
  const enrolledInMonth = sql`(m.enrolled_on >= ${monthDate(period)} and m.enrolled_on < ${monthDate(period, 1)})`;
  if (filters.enrolled) conditions.push(enrolledInMonth);
  if (filters.paid) {
    conditions.push(sql`exists (select 1 from contributions c where c.member_id = m.id
      and c.paid_on >= ${monthDate(period)} and c.paid_on < ${monthDate(period, 1)})`);
  }
  switch (filters.status) {
    case 'active':
      conditions.push(covered(0, 0));
      break;
    case 'lapsed':
      conditions.push(sql`not ${covered(0, 0)} and ${covered(-3, -1)}`);
      break;
    case 'ended':
      conditions.push(sql`${covered(-4, -4)} and not ${covered(-3, 0)}`);
      break;
    case 'pending':
      conditions.push(sql`${enrolledInMonth} and not ${covered(-3, 0)}`);
      break;
    case 'stopped':
      conditions.push(sql`${covered(-1, -1)} and not ${covered(0, 0)}`);
      break;
    case 'reactivated':
      // Covered before m-1: a contribution starting by m-2 (m-1 itself is not covered).
      conditions.push(sql`${covered(0, 0)} and not ${covered(-1, -1)} and exists (select 1 from contributions c
        where c.member_id = m.id and c.first_month <= ${monthDate(period, -2)})`);
      break;
    default:
      break;
  }
  return conditions.length > 0 ? sql.join(conditions, sql` and `) : sql`true`;
}

export async function listMembers(
  db: Database,
  args: { caller: Caller; query?: string; page?: number; period: string; filters?: MemberFilters },
): Promise<{ rows: MemberListRow[]; total: number; page: number; pageSize: number }> {
  assertCanSeePersonalData(args.caller);
  // The region filter goes through the scope check: outside the caller's region is refused (403).
  const { scope } = await resolveScope(db, args.caller, args.filters?.region ?? null);
  const page = Math.max(1, args.page ?? 1);
  const text = (args.query ?? '').trim().slice(0, 60);
  const digits = /^\d{4,16}$/.test(text) ? text : null;
  const search = !text
    ? sql`true`
    : digits
      ? sql`(m.nik like ${`%${digits}`} or m.kpj = ${digits})`
      : sql`(m.name ilike ${`%${text.replace(/[%_\\]/g, '\\$&')}%`} or m.kpj = ${text})`;
  const where = sql`${memberScopeCondition('m', scope)} and ${search} and ${filterCondition(args.period, args.filters ?? {})}`;
  // The page first (sorted on the members table alone), then the status of its 25 members only: the
  // flags of the whole region would cost one pass over every member's contributions.
  const [rows, [counted]] = await Promise.all([
    queryRows<Record<string, unknown>>(
      db,
      sql`
        with page as (
          select m.id, m.nik, m.kpj, m.name, m.village_code, m.occupation_code, m.agent_code, m.enrolled_on
          from members m
          where ${where}
          order by m.name, m.id
          limit ${MEMBERS_PAGE_SIZE} offset ${(page - 1) * MEMBERS_PAGE_SIZE}
        )
        select m.id, ${maskNikSql(sql`m.nik`)} as nik_masked, m.kpj, m.name, r.name as village_name,
          o.name_id as occupation, m.agent_code, m.enrolled_on::text as enrolled_on,
          case
            when f.in_m then 'aktif'
            when f.in_m1_to_m3 then 'menunggak'
            when m.enrolled_on >= ${monthDate(args.period, 1)} then null
            when m.enrolled_on >= ${monthDate(args.period)} then 'baru'
            else 'nonaktif'
          end as status
        from page m
        join regions r on r.code = m.village_code
        left join occupations o on o.code = m.occupation_code
        left join lateral (
          select ${coverageFlagColumns(literalMonth(args.period))}
          from contributions c
          where c.member_id = m.id and c.last_month >= ${monthDate(args.period, -4)} and c.first_month <= ${monthDate(args.period)}
        ) f on true
        order by m.name, m.id`,
    ),
    queryRows<{ total: unknown }>(db, sql`select count(*) as total from members m where ${where}`),
  ]);
  return {
    rows: rows.map((row) => ({
      id: toNumber(row.id),
      nikMasked: String(row.nik_masked),
      kpj: (row.kpj as string | null) ?? null,
      name: String(row.name),
      villageName: String(row.village_name),
      occupation: (row.occupation as string | null) ?? null,
      agentCode: (row.agent_code as string | null) ?? null,
      enrolledOn: String(row.enrolled_on),
      status: (row.status as MemberListRow['status']) ?? null,
    })),
    total: toNumber(counted?.total),
    page,
    pageSize: MEMBERS_PAGE_SIZE,
  };
}

/** The full NIK of one member the caller may see; every reveal is audited. */
export async function revealNik(
  db: Database,
  { caller, memberId, ip }: { caller: Caller; memberId: number; ip?: string | null },
): Promise<string> {
  if (!can(caller.role, 'reveal:nik')) throw forbidden();
  const { scope } = await resolveScope(db, caller, null);
  const [row] = await queryRows<{ nik: string }>(
    db,
    sql`select m.nik from members m where m.id = ${memberId} and ${memberScopeCondition('m', scope)}`,
  );
  // Out of scope and missing answer alike: no probing for which members exist.
  if (!row) throw new AppError('not_found', 404, 'notFound');
  await writeAudit(db, {
    userId: caller.userId,
    actorEmail: caller.email,
    action: 'nik_reveal',
    entity: 'member',
    entityId: String(memberId),
    ip,
  });
  return row.nik;
}
