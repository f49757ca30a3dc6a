import 'server-only';
// Sending the monthly reports. A delivery is one row per user and month (unique), so however often the
// job runs, on however many processes, a report goes out once: a runner first claims the row
// (pending/failed → sending, a conditional update that only one runner can win), then records sent or
// failed. A failed delivery is retried later with a growing delay, up to MAX_AUTOMATIC_ATTEMPTS; every
// outcome is written to the audit log.
import nodemailer from 'nodemailer';
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database } from '@/db';
import type { Caller } from '@/server/auth/caller';
import { writeAudit } from '@/server/audit';
import { buildMonthlyReport, XLSX_TYPE } from '@/server/reports/content';
import { dashboardUrl as configuredDashboardUrl, type MailSettings } from '@/server/reports/config';
import { unsubscribeToken } from '@/server/reports/token';
import { AppError, forbidden } from '@/domain/errors';
import { isPeriod, latestCompleteMonth, type Period } from '@/domain/month';
import { can } from '@/domain/permissions';
import type { Role } from '@/domain/enums';
import {
  dueMonth,
  MAX_AUTOMATIC_ATTEMPTS,
  retryDelayMinutes,
  STALE_CLAIM_MINUTES,
  type DeliveryStatus,
  type ReportLocale,
} from '@/domain/reports';

export interface ReportRunOptions {
  mail: MailSettings;
  /** REPORTS_SEND_DAY: from this day of the month the previous month's reports are due. */
  sendDay: number;
  now?: Date;
  /** Queue this month instead of the one due at `now` (the command line's --month). */
  month?: Period;
  dashboardUrl?: string;
}

export interface ReportRunResult {
  month: Period;
  /** New deliveries queued for the month (subscribers who had none yet). */
  queued: number;
  sent: number;
  failed: number;
}

interface Context {
  transport: nodemailer.Transporter;
  from: string;
  now: Date;
  dashboardUrl: string;
  /** The admin of a "send now"; the schedule has none. */
  actor?: Caller;
}

type Outcome = { outcome: 'sent'; recipient: string } | { outcome: 'failed'; error: string } | { outcome: 'skipped' };

const at = (instant: Date) => sql`${instant.toISOString()}::timestamptz`;

/** The same delivery's id on every attempt: a receiving system that sees it twice can tell. */
function messageIdSql(userId: SQL, month: Period, host: string): SQL {
  return sql`'<payung-report-' || ${userId} || '-' || ${month} || '-' || replace(gen_random_uuid()::text, '-', '') || '@' || ${host} || '>'`;
}

/** A claim older than STALE_CLAIM_MINUTES belongs to a runner that stopped mid-send: it becomes retryable. */
async function releaseStaleClaims(db: Database, now: Date): Promise<void> {
  await db.execute(sql`
    update report_deliveries
    set status = 'failed', last_error = 'interrupted: the sending process stopped before it finished',
        next_attempt_at = ${at(now)}, claimed_at = null, updated_at = ${at(now)}
    where status = 'sending' and claimed_at < ${at(now)} - ${`${STALE_CLAIM_MINUTES} minutes`}::interval`);
}

/** A pending delivery of `month` for every active subscriber of an active account who has none. */
async function queueMonth(db: Database, month: Period, now: Date, host: string): Promise<number> {
  const rows = await queryRows<{ id: unknown }>(
    db,
    sql`insert into report_deliveries (user_id, month, message_id, next_attempt_at, created_at, updated_at)
        select s.user_id, ${`${month}-01`}::date, ${messageIdSql(sql`s.user_id`, month, host)}, ${at(now)}, ${at(now)}, ${at(now)}
        from report_subscriptions s join users u on u.id = s.user_id
        where s.unsubscribed_at is null and u.active
        on conflict (user_id, month) do nothing
        returning id`,
  );
  return rows.length;
}

/** Deliveries to attempt now: pending, or failed with attempts left and its retry time reached. */
async function dueDeliveries(db: Database, now: Date): Promise<number[]> {
  const rows = await queryRows<{ id: unknown }>(
    db,
    sql`select d.id from report_deliveries d
        join users u on u.id = d.user_id and u.active
        join report_subscriptions s on s.user_id = d.user_id and s.unsubscribed_at is null
        where (d.status = 'pending' or (d.status = 'failed' and d.attempts < ${MAX_AUTOMATIC_ATTEMPTS}))
          and d.next_attempt_at <= ${at(now)}
        order by d.id`,
  );
  return rows.map((row) => Number(row.id));
}

interface Claimed {
  id: number;
  userId: number;
  month: Period;
  attempts: number;
  messageId: string;
}

/**
 * Takes a delivery for this runner: only one runner's update can move it out of pending/failed. A
 * forced claim (an admin's "send now") ignores the retry time and the attempt limit.
 */
async function claim(db: Database, id: number, now: Date, force: boolean): Promise<Claimed | null> {
  const [row] = await queryRows<{ id: unknown; user_id: unknown; month: string; attempts: unknown; message_id: string }>(
    db,
    sql`update report_deliveries
        set status = 'sending', attempts = attempts + 1, claimed_at = ${at(now)}, updated_at = ${at(now)}
        where id = ${id} and status in ('pending', 'failed')
          ${force ? sql`` : sql`and attempts < ${MAX_AUTOMATIC_ATTEMPTS} and next_attempt_at <= ${at(now)}`}
        returning id, user_id, to_char(month, 'YYYY-MM') as month, attempts, message_id`,
  );
  if (!row) return null;
  return { id: Number(row.id), userId: Number(row.user_id), month: row.month, attempts: Number(row.attempts), messageId: row.message_id };
}

interface Recipient {
  caller: Caller;
  subscriptionId: number;
  locale: ReportLocale;
}

/** The delivery's user as the caller the report is computed for, while subscribed and active. */
async function recipientOf(db: Database, userId: number): Promise<Recipient | null> {
  const [row] = await queryRows<{
    id: unknown;
    email: string;
    name: string;
    role: Role;
    region_code: string | null;
    subscription_id: unknown;
    locale: ReportLocale;
  }>(
    db,
    sql`select u.id, u.email, u.name, u.role, u.region_code, s.id as subscription_id, s.locale
        from users u join report_subscriptions s on s.user_id = u.id
        where u.id = ${userId} and u.active and s.unsubscribed_at is null`,
  );
  if (!row) return null;
  return {
    caller: { userId: Number(row.id), email: row.email, name: row.name, role: row.role, regionCode: row.region_code },
    subscriptionId: Number(row.subscription_id),
    locale: row.locale,
  };
}

/** What an SMTP failure says (the server's answer, or the connection error), short and without a stack. */
function errorText(error: unknown): string {
  const e = error as { code?: string; response?: string; message?: string } | null;
  const text = e?.response ?? e?.message ?? String(error);
  return (e?.code && !text.startsWith(e.code) ? `${e.code}: ${text}` : text).replace(/\s+/g, ' ').slice(0, 500);
}

async function fail(db: Database, delivery: Claimed, error: string, ctx: Context, retry: boolean): Promise<Outcome> {
  const next = new Date(ctx.now.getTime() + retryDelayMinutes(delivery.attempts) * 60_000);
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      update report_deliveries
      set status = 'failed', last_error = ${error}, claimed_at = null, updated_at = ${at(ctx.now)},
          next_attempt_at = ${at(retry ? next : ctx.now)}
      where id = ${delivery.id}`);
    await writeAudit(tx, {
      userId: ctx.actor?.userId ?? null,
      actorEmail: ctx.actor?.email ?? null,
      action: 'report_failed',
      entity: 'report_delivery',
      entityId: String(delivery.id),
      details: { recipientUserId: delivery.userId, month: delivery.month, attempt: delivery.attempts, error },
    });
  });
  // Ids only: the log names no person.
  console.error(`[payung] monthly report ${delivery.month} for user ${delivery.userId} failed (attempt ${delivery.attempts}): ${error}`);
  return { outcome: 'failed', error };
}

/** Claims, builds, sends and records one delivery. */
async function deliver(db: Database, id: number, ctx: Context, force = false): Promise<Outcome> {
  const delivery = await claim(db, id, ctx.now, force);
  if (!delivery) return { outcome: 'skipped' };
  const recipient = await recipientOf(db, delivery.userId);
  // Unsubscribed or deactivated since it was queued: nothing goes out, and it is not retried.
  if (!recipient) return fail(db, delivery, 'not sent: the user unsubscribed or the account was deactivated', ctx, false);
  let accepted: { messageId: string; response: string };
  let rows: Record<string, number>;
  try {
    const unsubscribeUrl = `${ctx.dashboardUrl}/api/reports/unsubscribe?token=${unsubscribeToken(recipient.subscriptionId, delivery.userId)}`;
    const report = await buildMonthlyReport(db, {
      caller: recipient.caller,
      period: delivery.month,
      locale: recipient.locale,
      dashboardUrl: ctx.dashboardUrl,
      unsubscribeUrl,
    });
    rows = report.rows;
    const info = await ctx.transport.sendMail({
      from: ctx.from,
      to: recipient.caller.email,
      subject: report.subject,
      text: report.text,
      html: report.html,
      messageId: delivery.messageId,
      headers: {
        // RFC 8058: mail programs offer their own one-click unsubscribe button, which POSTs to the link.
        'List-Unsubscribe': `<${unsubscribeUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        'Auto-Submitted': 'auto-generated',
      },
      attachments: [{ filename: report.attachment.filename, content: Buffer.from(report.attachment.content), contentType: XLSX_TYPE }],
    });
    accepted = { messageId: String(info.messageId ?? delivery.messageId), response: String(info.response ?? '') };
  } catch (error) {
    return fail(db, delivery, errorText(error), ctx, true);
  }
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      update report_deliveries
      set status = 'sent', sent_at = ${at(ctx.now)}, recipient = ${recipient.caller.email}, last_error = null,
          claimed_at = null, updated_at = ${at(ctx.now)}
      where id = ${delivery.id}`);
    // The mail carries an export of the recipient's figures: audited as exports are.
    await writeAudit(tx, {
      userId: ctx.actor?.userId ?? null,
      actorEmail: ctx.actor?.email ?? null,
      action: 'report_sent',
      entity: 'report_delivery',
      entityId: String(delivery.id),
      details: { recipientUserId: delivery.userId, month: delivery.month, attempt: delivery.attempts, rows, smtp: accepted.response.slice(0, 200) },
    });
  });
  return { outcome: 'sent', recipient: recipient.caller.email };
}

function contextFor(options: { mail: MailSettings; now?: Date; dashboardUrl?: string; actor?: Caller }): Context {
  return {
    transport: nodemailer.createTransport(options.mail.transport),
    from: options.mail.from,
    now: options.now ?? new Date(),
    dashboardUrl: options.dashboardUrl ?? configuredDashboardUrl(),
    actor: options.actor,
  };
}

/**
 * The monthly job: queues the due month's report for every subscriber and sends every delivery that is
 * due (the new ones and the retries). Safe to run at any time and any number of times.
 */
export async function runMonthlyReports(db: Database, options: ReportRunOptions): Promise<ReportRunResult> {
  const ctx = contextFor(options);
  const month = options.month ?? dueMonth(ctx.now, options.sendDay);
  const result: ReportRunResult = { month, queued: 0, sent: 0, failed: 0 };
  try {
    await releaseStaleClaims(db, ctx.now);
    result.queued = await queueMonth(db, month, ctx.now, new URL(ctx.dashboardUrl).hostname);
    for (const id of await dueDeliveries(db, ctx.now)) {
      const { outcome } = await deliver(db, id, ctx);
      if (outcome === 'sent') result.sent += 1;
      if (outcome === 'failed') result.failed += 1;
    }
  } finally {
    ctx.transport.close();
  }
  return result;
}

export type SendNowResult =
  | { outcome: 'sent'; recipient: string }
  | { outcome: 'failed'; error: string }
  | { outcome: 'already_sent'; sentAt: Date }
  | { outcome: 'in_progress' }
  | { outcome: 'not_subscribed' };

/**
 * An admin's "send now": the report of `month` to one subscriber at once, whatever the day, the retry
 * time or the attempts so far. A report already sent to them for that month is not sent again.
 */
export async function sendReportNow(
  db: Database,
  args: { caller: Caller; userId: number; month: Period; mail: MailSettings; now?: Date; dashboardUrl?: string; ip: string | null },
): Promise<SendNowResult> {
  if (!can(args.caller.role, 'manage:reports')) throw forbidden();
  const now = args.now ?? new Date();
  if (!isPeriod(args.month) || args.month > latestCompleteMonth(now)) {
    throw new AppError('bad_period', 400, 'badPeriod', { value: args.month.slice(0, 20) });
  }
  if (!(await recipientOf(db, args.userId))) return { outcome: 'not_subscribed' };
  const ctx = contextFor({ ...args, now, actor: args.caller });
  try {
    await releaseStaleClaims(db, now);
    const [row] = await queryRows<{ id: unknown; status: DeliveryStatus; sent_at: string | Date | null }>(
      db,
      sql`with added as (
            insert into report_deliveries (user_id, month, message_id, requested_by, next_attempt_at, created_at, updated_at)
            values (${args.userId}, ${`${args.month}-01`}::date,
                    ${messageIdSql(sql`${args.userId}::int`, args.month, new URL(ctx.dashboardUrl).hostname)},
                    ${args.caller.userId}, ${at(now)}, ${at(now)}, ${at(now)})
            on conflict (user_id, month) do nothing
            returning id, status, sent_at
          )
          select id, status, sent_at from added
          union all
          select id, status, sent_at from report_deliveries where user_id = ${args.userId} and month = ${`${args.month}-01`}::date
          limit 1`,
    );
    if (!row) throw new Error('The delivery row was neither inserted nor found.');
    if (row.status === 'sent') return { outcome: 'already_sent', sentAt: new Date(row.sent_at!) };
    if (row.status === 'sending') return { outcome: 'in_progress' };
    await writeAudit(db, {
      userId: args.caller.userId,
      actorEmail: args.caller.email,
      action: 'report_send_now',
      entity: 'report_delivery',
      entityId: String(row.id),
      details: { recipientUserId: args.userId, month: args.month },
      ip: args.ip,
    });
    const result = await deliver(db, Number(row.id), ctx, true);
    // Another runner claimed it between the two statements.
    return result.outcome === 'skipped' ? { outcome: 'in_progress' } : result;
  } finally {
    ctx.transport.close();
  }
}

export const DELIVERIES_PAGE_SIZE = 50;

/** The deliveries, most recently changed first, with who they were for (admins). */
export async function listDeliveries(db: Database, args: { caller: Caller; page?: number }) {
  if (!can(args.caller.role, 'manage:reports')) throw forbidden();
  const page = Math.max(1, Math.floor(args.page ?? 1));
  const [rows, [count]] = await Promise.all([
    queryRows<{
      id: unknown;
      user_id: unknown;
      email: string;
      name: string;
      month: string;
      status: DeliveryStatus;
      attempts: unknown;
      last_error: string | null;
      next_attempt_at: string | Date;
      sent_at: string | Date | null;
      updated_at: string | Date;
      requested_by: string | null;
    }>(
      db,
      sql`select d.id, d.user_id, u.email, u.name, to_char(d.month, 'YYYY-MM') as month, d.status, d.attempts, d.last_error,
            d.next_attempt_at, d.sent_at, d.updated_at, r.email as requested_by
          from report_deliveries d join users u on u.id = d.user_id left join users r on r.id = d.requested_by
          order by d.updated_at desc, d.id desc
          limit ${DELIVERIES_PAGE_SIZE} offset ${(page - 1) * DELIVERIES_PAGE_SIZE}`,
    ),
    queryRows<{ total: unknown }>(db, sql`select count(*) as total from report_deliveries`),
  ]);
  return {
    page,
    pageSize: DELIVERIES_PAGE_SIZE,
    total: Number(count?.total ?? 0),
    rows: rows.map((row) => ({
      id: Number(row.id),
      userId: Number(row.user_id),
      email: row.email,
      name: row.name,
      month: row.month,
      status: row.status,
      attempts: Number(row.attempts),
      lastError: row.last_error,
      nextAttemptAt: new Date(row.next_attempt_at),
      sentAt: row.sent_at ? new Date(row.sent_at) : null,
      updatedAt: new Date(row.updated_at),
      requestedBy: row.requested_by,
      retriesLeft: row.status === 'failed' && Number(row.attempts) < MAX_AUTOMATIC_ATTEMPTS,
    })),
  };
}

/** The active subscribers of active accounts, with their latest delivery (admins). */
export async function listSubscribers(db: Database, args: { caller: Caller }) {
  if (!can(args.caller.role, 'manage:reports')) throw forbidden();
  const rows = await queryRows<{
    user_id: unknown;
    email: string;
    name: string;
    role: Role;
    locale: ReportLocale;
    subscribed_at: string | Date;
    last_month: string | null;
    last_status: DeliveryStatus | null;
  }>(
    db,
    sql`select u.id as user_id, u.email, u.name, u.role, s.locale, s.subscribed_at,
          to_char(last.month, 'YYYY-MM') as last_month, last.status as last_status
        from report_subscriptions s join users u on u.id = s.user_id
        left join lateral (
          select d.month, d.status from report_deliveries d where d.user_id = s.user_id order by d.month desc limit 1
        ) last on true
        where s.unsubscribed_at is null and u.active
        order by lower(u.email)`,
  );
  return rows.map((row) => ({
    userId: Number(row.user_id),
    email: row.email,
    name: row.name,
    role: row.role,
    locale: row.locale,
    subscribedAt: new Date(row.subscribed_at),
    lastMonth: row.last_month,
    lastStatus: row.last_status,
  }));
}
