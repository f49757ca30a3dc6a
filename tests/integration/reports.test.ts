// The monthly report by e-mail, end to end on PostgreSQL and PGlite: real SMTP servers on loopback
// (smtp-server), the mails they receive read back with mailparser and their Excel attachment with ExcelJS.
//
// Data: the hand-made dataset (tests/helpers/handmade-data.ts: read its status grid first), plus
//   a district official (no region limit: Ajibarang, 33.02.14), subscribed in Bahasa Indonesia;
//   a supervisor of agent A1 (members M1, M2, M3, M8, M13), subscribed in English;
//   an admin (not subscribed) who uses "send now".
// The job runs on 2026-03-06 with REPORTS_SEND_DAY = 5, so February 2026 is due, compared with January.
//
// Hand-worked figures, district (DISTRICT_HAND_SUMMARIES '2026-02' and '2026-01'):
//   active 7 vs 5 (both ≥ 5: shown, +2); coverage 8.75 % vs 6.25 % (shown as 8,8% and 6,3%, +2,5 poin);
//   new enrolments 1 vs 1, members in arrears 2 vs 3, claims paid 1 vs 1, contributions paid by 3 vs 0
//   members: all fewer than five persons, so "<5" and no change shown ("–").
//   Villages in February: Darmakradenan active M1, M2, M10 = 3 → "<5"; Tipar Kidul M4, M5, M7, M12 = 4 → "<5".
// Supervisor (A1's members only), February vs January:
//   active M1, M2 = 2 vs M1, M2 = 2 (no change, not suppressed: a supervisor sees counts);
//   in arrears M3, M13 = 2 vs 2; claims paid C2 (M2, 42 000 000 on 2026-02-01) = 1 vs none.
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '@/db/schema';
import { queryRows } from '@/db';
import type { Caller } from '@/server/auth/caller';
import { getSummaryView } from '@/server/summary';
import { runMonthlyReports, sendReportNow } from '@/server/reports/deliveries';
import { REPORTS_LOCK_KEY, runReportsOnce } from '@/server/reports/scheduler';
import { setSubscriptionByToken, subscribeToReports } from '@/server/reports/subscriptions';
import type { MailSettings } from '@/server/reports/config';
import { formatNumber, formatPercent } from '@/domain/format';
import { MAX_AUTOMATIC_ATTEMPTS } from '@/domain/reports';
import { en } from '@/i18n/en';
import { id } from '@/i18n/id';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases';
import { loadHandmadeData } from '../helpers/handmade-data';

interface Smtp {
  received: ParsedMail[];
  settings: MailSettings;
  close: () => Promise<void>;
}

/** A real SMTP server on loopback; `reject` answers every recipient with a temporary failure (451). */
async function startSmtp(reject = false): Promise<Smtp> {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (!reject) return callback();
      callback(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }));
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    received,
    settings: { transport: `smtp://127.0.0.1:${port}`, from: 'Payung <payung@payung.test>' },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const DASHBOARD = 'http://payung.test';
const MARCH_6 = new Date('2026-03-06T02:00:00Z'); // 09:00 in Jakarta
const NIK = /\b\d{16}\b/;

function textOf(mail: ParsedMail): string {
  return `${mail.subject ?? ''}\n${mail.text ?? ''}\n${typeof mail.html === 'string' ? mail.html : ''}`;
}

async function sheetsOf(mail: ParsedMail): Promise<Map<string, unknown[][]>> {
  expect(mail.attachments).toHaveLength(1);
  const [file] = mail.attachments;
  expect(file!.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file!.content as unknown as ArrayBuffer);
  const sheets = new Map<string, unknown[][]>();
  workbook.eachSheet((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
    sheets.set(sheet.name, rows);
  });
  return sheets;
}

/** A sheet's data rows as objects keyed by its header (row 3: the title and a blank row come first). */
function records(rows: unknown[][] | undefined): Array<Record<string, unknown>> {
  const [, , header, ...data] = rows ?? [];
  return data.map((row) => Object.fromEntries((header ?? []).map((key, i) => [String(key), row[i]])));
}

function toFor(mails: ParsedMail[], email: string): ParsedMail[] {
  return mails.filter((mail) => {
    const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
    return to.some((address) => address.value.some((v) => v.address === email));
  });
}

describe.each(ENGINES)('monthly report by e-mail on %s', (engine) => {
  let tdb: TestDatabase;
  let smtp: Smtp;
  let district: Caller;
  let supervisor: Caller;
  let admin: Caller;

  beforeAll(async () => {
    tdb = await createTestDatabase(engine);
    const db = tdb.db;
    await loadHandmadeData(db);
    const made = await db
      .insert(schema.users)
      .values([
        // The camat's account is limited to Ajibarang (as the demo's): an official of no region could open the
        // regency, where the outside district's one member withholds Ajibarang's figures ("x").
        { email: 'camat@ajibarang.test', name: 'Camat Ajibarang', passwordHash: 'x', role: 'district_official', regionCode: '33.02.14' },
        { email: 'koordinator@ajibarang.test', name: 'Koordinator Satu', passwordHash: 'x', role: 'supervisor' },
        { email: 'admin@ajibarang.test', name: 'Admin', passwordHash: 'x', role: 'admin' },
      ])
      .returning({ id: schema.users.id });
    const caller = (i: number, email: string, name: string, role: Caller['role']): Caller => ({ userId: made[i]!.id, email, name, role, regionCode: null });
    district = { ...caller(0, 'camat@ajibarang.test', 'Camat Ajibarang', 'district_official'), regionCode: '33.02.14' };
    supervisor = caller(1, 'koordinator@ajibarang.test', 'Koordinator Satu', 'supervisor');
    admin = caller(2, 'admin@ajibarang.test', 'Admin', 'admin');
    await db.update(schema.agents).set({ supervisorId: supervisor.userId }).where(eq(schema.agents.code, 'A1'));
    await subscribeToReports(db, { caller: district, locale: 'id', ip: null });
    await subscribeToReports(db, { caller: supervisor, locale: 'en', ip: null });
    smtp = await startSmtp();
  });

  afterAll(async () => {
    await smtp?.close();
    await tdb?.destroy();
  });

  it('sends each subscriber one mail of their own scope, and nothing twice', async () => {
    const db = tdb.db;
    const run = () => runMonthlyReports(db, { mail: smtp.settings, sendDay: 5, now: MARCH_6, dashboardUrl: DASHBOARD });
    expect(await run()).toEqual({ month: '2026-02', queued: 2, sent: 2, failed: 0 });
    expect(smtp.received).toHaveLength(2);

    // The district official: the overview's figures with "<5", and no person in mail or attachment.
    const [official] = toFor(smtp.received, district.email);
    expect(official).toBeDefined();
    expect(official!.subject).toBe('Payung · Laporan bulanan Februari 2026 · Ajibarang');
    const body = official!.text ?? '';
    const t = id.overview;
    expect(body).toContain(`${t.activeMembers} | 7 | 5 | +2`);
    expect(body).toContain(`${t.coverageRate} | 8,8% | 6,3% | +2,5 poin`);
    expect(body).toContain(`${t.newEnrolments} | <5 | <5 | –`);
    expect(body).toContain(`${t.lapsedMembers} | <5 | <5 | –`);
    expect(body).toContain(`${id.reports.mail.claimsPaidCount} | <5 | <5 | –`);
    expect(body).toContain(`${t.contributionsCollected} | <5 | <5 | –`);
    expect(body).toContain('Darmakradenan | <5 |');
    expect(body).toContain('Tipar Kidul | <5 |');
    expect(body).toContain(t.suppressedNote);
    // The same numbers as the overview, for this caller.
    const overview = await getSummaryView(db, { caller: district, period: '2026-02', compare: true });
    expect(body).toContain(`${t.activeMembers} | ${formatNumber(overview.activeMembers)} | ${formatNumber(overview.previousMonth!.activeMembers)}`);
    expect(body).toContain(`${t.coverageRate} | ${formatPercent(overview.coverageRate)} | ${formatPercent(overview.previousMonth!.coverageRate)}`);
    expect(body).toContain(`${DASHBOARD}/?period=2026-02`);
    const everything = textOf(official!);
    for (const name of ['Anggota', 'Agen Satu', 'Agen Dua', 'Koordinator Satu']) expect(everything).not.toContain(name);
    expect(everything).not.toMatch(NIK);
    expect(official!.html).toMatch(/<td style="[^"]*text-align:right;[^"]*">&#60;5<\/td>/);

    const sheets = await sheetsOf(official!);
    expect([...sheets.keys()]).toEqual(['summary', 'coverage-village']);
    const [feb, jan] = records(sheets.get('summary'));
    expect(feb).toMatchObject({ period: '2026-02', activeMembers: 7, newEnrolments: '<5', lapsedMembers: '<5', coverageRate: 8.75 });
    expect(jan).toMatchObject({ period: '2026-01', activeMembers: 5, coverageRate: 6.25 });
    const villages = records(sheets.get('coverage-village'));
    expect(villages.map((row) => [row.name, row.activeMembers])).toEqual([
      ['Darmakradenan', '<5'],
      ['Tipar Kidul', '<5'],
    ]);
    const cells = [...sheets.values()].flat(2).map(String).join('\n');
    expect(cells).not.toMatch(NIK);
    expect(cells).not.toContain('Anggota');

    // The supervisor, in English: their agent A1 only, counts as they are.
    const [own] = toFor(smtp.received, supervisor.email);
    expect(own!.subject).toBe('Payung · Monthly report February 2026 · Your agents');
    const text = own!.text ?? '';
    expect(text).toContain(`${en.overview.activeMembers} | 2 | 2 | ${en.coverage.noChange}`);
    expect(text).toContain(`${en.overview.lapsedMembers} | 2 | 2 | ${en.coverage.noChange}`);
    expect(text).toContain(`${en.reports.mail.claimsPaidAmount} | Rp 42,000,000 | Rp 0 | +Rp 42,000,000`);
    expect(text).toContain('Agen Satu');
    expect(text).not.toContain('Agen Dua');
    expect(text).not.toContain('<5');
    expect(text).toContain(`${DASHBOARD}/agents?period=2026-02`);
    const agentSheets = await sheetsOf(own!);
    expect(records(agentSheets.get('agents')).map((row) => row.code)).toEqual(['A1']);
    expect(records(agentSheets.get('summary'))[0]).toMatchObject({ activeMembers: 2, claimsPaidAmount: 42_000_000 });
    // RFC 8058 one-click unsubscribe, and the same Message-ID on every attempt.
    const header = (key: string) => own!.headerLines.find((h) => h.key === key)?.line.replace(/\r\n\s+/g, ' ');
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(header('list-unsubscribe')).toMatch(/^List-Unsubscribe: <http:\/\/payung\.test\/api\/reports\/unsubscribe\?token=[\w.-]+>$/);
    expect(own!.messageId).toMatch(/^<payung-report-\d+-2026-02-[0-9a-f]{32}@payung\.test>$/);

    // Again, at once and later the same day: nothing is sent twice.
    expect(await run()).toEqual({ month: '2026-02', queued: 0, sent: 0, failed: 0 });
    expect(await runMonthlyReports(db, { mail: smtp.settings, sendDay: 5, now: new Date('2026-03-20T02:00:00Z'), dashboardUrl: DASHBOARD })).toMatchObject({ sent: 0 });
    expect(smtp.received).toHaveLength(2);
    const deliveries = await db.select().from(schema.reportDeliveries);
    expect(deliveries.map((d) => [d.status, d.attempts, d.month])).toEqual([
      ['sent', 1, '2026-02-01'],
      ['sent', 1, '2026-02-01'],
    ]);
    const audit = await db.select().from(schema.auditLog).where(eq(schema.auditLog.action, 'report_sent'));
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit.map((a) => a.details))).not.toContain('@');
  });

  it('unsubscribes with one click on the link, without signing in', async () => {
    const db = tdb.db;
    const [official] = toFor(smtp.received, district.email);
    const token = /token=([\w.-]+)/.exec(official!.text ?? '')?.[1];
    expect(token).toBeDefined();
    // A forged link changes nothing.
    const forged = `${token!.split('.').slice(0, 2).join('.')}.${'A'.repeat(43)}`;
    expect(await setSubscriptionByToken(db, { token: forged, subscribed: false, via: 'link', ip: null })).toBe(false);
    expect(await setSubscriptionByToken(db, { token, subscribed: false, via: 'link', ip: '127.0.0.1' })).toBe(true);
    const [row] = await db.select().from(schema.reportSubscriptions).where(eq(schema.reportSubscriptions.userId, district.userId));
    expect(row!.unsubscribedAt).not.toBeNull();
    const [entry] = await db.select().from(schema.auditLog).where(eq(schema.auditLog.action, 'report_unsubscribe'));
    expect(entry).toMatchObject({ userId: district.userId, details: { via: 'link' } });

    // March's report goes to the supervisor only.
    const before = smtp.received.length;
    const result = await runMonthlyReports(db, { mail: smtp.settings, sendDay: 5, now: new Date('2026-04-05T01:00:00Z'), dashboardUrl: DASHBOARD });
    expect(result).toEqual({ month: '2026-03', queued: 1, sent: 1, failed: 0 });
    expect(smtp.received.slice(before).map((mail) => toFor([mail], supervisor.email).length)).toEqual([1]);
  });

  it('records a failing SMTP server as failed and retries later, without a duplicate', async () => {
    const db = tdb.db;
    const failing = await startSmtp(true);
    const now = new Date('2026-05-05T01:00:00Z'); // April is due
    try {
      expect(await runMonthlyReports(db, { mail: failing.settings, sendDay: 5, now, dashboardUrl: DASHBOARD })).toEqual({
        month: '2026-04',
        queued: 1,
        sent: 0,
        failed: 1,
      });
    } finally {
      await failing.close();
    }
    const april = and(eq(schema.reportDeliveries.userId, supervisor.userId), eq(schema.reportDeliveries.month, '2026-04-01'));
    const [failed] = await db.select().from(schema.reportDeliveries).where(april);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed!.lastError).toContain('451');
    expect(failed!.nextAttemptAt.getTime()).toBe(now.getTime() + 15 * 60_000);
    const [logged] = await db.select().from(schema.auditLog).where(eq(schema.auditLog.action, 'report_failed'));
    expect(logged!.details).toMatchObject({ recipientUserId: supervisor.userId, month: '2026-04', attempt: 1 });

    // Before its retry time nothing is sent; after it, exactly once.
    const before = smtp.received.length;
    const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
    const run = (when: Date) => runMonthlyReports(db, { mail: smtp.settings, sendDay: 5, now: when, dashboardUrl: DASHBOARD });
    expect(await run(at(5))).toEqual({ month: '2026-04', queued: 0, sent: 0, failed: 0 });
    // Two runners at once (two server processes, or the timer and the cron command): one sends.
    const both = await Promise.all([run(at(16)), run(at(16))]);
    expect(both.map((r) => r.sent).sort()).toEqual([0, 1]);
    expect(await run(at(60))).toMatchObject({ sent: 0, failed: 0 });
    expect(smtp.received.length - before).toBe(1);
    const [sent] = await db.select().from(schema.reportDeliveries).where(april);
    expect(sent).toMatchObject({ status: 'sent', attempts: 2, lastError: null, recipient: supervisor.email, messageId: failed!.messageId });
  });

  it('gives up after the last automatic attempt', async () => {
    const db = tdb.db;
    const failing = await startSmtp(true);
    let now = new Date('2026-06-05T01:00:00Z'); // May is due
    try {
      for (let attempt = 1; attempt <= MAX_AUTOMATIC_ATTEMPTS + 1; attempt++) {
        const result = await runMonthlyReports(db, { mail: failing.settings, sendDay: 5, now, dashboardUrl: DASHBOARD });
        expect(result.failed).toBe(attempt <= MAX_AUTOMATIC_ATTEMPTS ? 1 : 0);
        now = new Date(now.getTime() + 25 * 60 * 60_000);
      }
    } finally {
      await failing.close();
    }
    const [row] = await db
      .select()
      .from(schema.reportDeliveries)
      .where(and(eq(schema.reportDeliveries.userId, supervisor.userId), eq(schema.reportDeliveries.month, '2026-05-01')));
    expect(row).toMatchObject({ status: 'failed', attempts: MAX_AUTOMATIC_ATTEMPTS });
  });

  it("lets an admin send one user's report now, never twice, and no one else", async () => {
    const db = tdb.db;
    const now = new Date('2026-06-10T03:00:00Z');
    const send = (caller: Caller, userId: number, month: string) =>
      sendReportNow(db, { caller, userId, month, mail: smtp.settings, now, dashboardUrl: DASHBOARD, ip: null });
    await expect(send(supervisor, supervisor.userId, '2026-05')).rejects.toMatchObject({ status: 403 });
    await expect(send(admin, supervisor.userId, '2026-06')).rejects.toMatchObject({ code: 'bad_period' });
    // The district official unsubscribed: send now respects it.
    expect(await send(admin, district.userId, '2026-05')).toEqual({ outcome: 'not_subscribed' });

    const before = smtp.received.length;
    // May gave up after its automatic attempts: the admin's send now still goes through.
    expect(await send(admin, supervisor.userId, '2026-05')).toEqual({ outcome: 'sent', recipient: supervisor.email });
    expect(await send(admin, supervisor.userId, '2026-05')).toMatchObject({ outcome: 'already_sent' });
    // A month the schedule never queued for them.
    expect(await send(admin, supervisor.userId, '2026-01')).toEqual({ outcome: 'sent', recipient: supervisor.email });
    expect(smtp.received.length - before).toBe(2);
    const [january] = await db
      .select()
      .from(schema.reportDeliveries)
      .where(and(eq(schema.reportDeliveries.userId, supervisor.userId), eq(schema.reportDeliveries.month, '2026-01-01')));
    expect(january).toMatchObject({ status: 'sent', attempts: 1, requestedBy: admin.userId });
    const audit = await queryRows<{ action: string; user_id: number }>(
      db,
      sql`select action, user_id from audit_log where action in ('report_send_now', 'report_sent') and user_id = ${admin.userId} order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['report_send_now', 'report_sent', 'report_send_now', 'report_sent']);
  });

  it('runs in one process at a time: a run under way elsewhere makes another do nothing', async () => {
    const env = { SMTP_URL: process.env.SMTP_URL, NEXTAUTH_URL: process.env.NEXTAUTH_URL };
    process.env.SMTP_URL = String(smtp.settings.transport);
    process.env.NEXTAUTH_URL = DASHBOARD;
    const now = new Date('2026-07-06T02:00:00Z'); // June is due
    try {
      if (engine === 'postgres') {
        // Another process (a worker's timer, a cron) holds the job's lock.
        await tdb.db.transaction(async (tx) => {
          await tx.execute(sql`select pg_advisory_xact_lock(${REPORTS_LOCK_KEY})`);
          expect(await runReportsOnce(tdb, { now })).toBeNull();
        });
      }
      expect(await runReportsOnce(tdb, { now })).toEqual({ month: '2026-06', queued: 1, sent: 1, failed: 0 });
    } finally {
      for (const [key, value] of Object.entries(env)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});
