import 'server-only';
// The monthly report's settings, read from the environment once per use and checked (README
// "Configuration"): the SMTP server, the sender, the day reports go out, the in-process scheduler.
import fs from 'node:fs';
import path from 'node:path';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { z } from 'zod';
import { DEFAULT_SEND_DAY } from '@/domain/reports';

export interface MailSettings {
  /** A nodemailer SMTP URL (smtp://user:pass@host:587, smtps://… for implicit TLS) or its options. */
  transport: string | SMTPTransport.Options;
  /** The From header, e.g. `Payung <payung@kantor.go.id>`. */
  from: string;
}

export type MailSettingsResult = { ok: true; settings: MailSettings } | { ok: false; problem: 'missing' | 'invalid'; detail: string };

const flag = z
  .string()
  .optional()
  .transform((value) => ['on', 'true', '1', 'yes'].includes((value ?? '').toLowerCase()));

const smtpEnv = z.object({
  SMTP_URL: z.string().optional(),
  SMTP_HOST: z.string().optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  SMTP_USER: z.string().optional(),
  SMTP_PASS: z.string().optional(),
  SMTP_SECURE: z.enum(['true', 'false']).optional(),
  SMTP_FROM: z.string().optional(),
});

/** A hung SMTP server must fail a delivery, not hold the job: seconds, not nodemailer's minutes. */
const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 };

/** The SMTP server and sender from SMTP_URL, or SMTP_HOST/PORT/USER/PASS/SECURE, and SMTP_FROM. */
export function readMailSettings(env: NodeJS.ProcessEnv = process.env): MailSettingsResult {
  const parsed = smtpEnv.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    return { ok: false, problem: 'invalid', detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  }
  const e = parsed.data;
  const from = e.SMTP_FROM ?? `Payung <payung@${new URL(dashboardUrl(env)).hostname}>`;
  if (e.SMTP_URL) {
    if (!/^smtps?:\/\//.test(e.SMTP_URL)) return { ok: false, problem: 'invalid', detail: 'SMTP_URL must start with smtp:// or smtps://' };
    // nodemailer reads the URL's own options (host, port, auth, secure); the timeouts ride along.
    const url = new URL(e.SMTP_URL);
    for (const [key, value] of Object.entries(TIMEOUTS)) if (!url.searchParams.has(key)) url.searchParams.set(key, String(value));
    return { ok: true, settings: { transport: url.toString(), from } };
  }
  if (!e.SMTP_HOST) return { ok: false, problem: 'missing', detail: 'set SMTP_URL, or SMTP_HOST (with SMTP_PORT, SMTP_USER, SMTP_PASS)' };
  const port = e.SMTP_PORT ?? 587;
  return {
    ok: true,
    settings: {
      transport: {
        host: e.SMTP_HOST,
        port,
        secure: e.SMTP_SECURE ? e.SMTP_SECURE === 'true' : port === 465,
        auth: e.SMTP_USER ? { user: e.SMTP_USER, pass: e.SMTP_PASS ?? '' } : undefined,
        ...TIMEOUTS,
      },
      from,
    },
  };
}

/** The dashboard's public address, for the links in a mail (NEXTAUTH_URL, as sign-in uses). */
export function dashboardUrl(env: NodeJS.ProcessEnv = process.env): string {
  return (env.NEXTAUTH_URL || `http://localhost:${env.PORT ?? 3000}`).replace(/\/+$/, '');
}

/** REPORTS_SEND_DAY: from this day of the month (1–28, Asia/Jakarta) the previous month's reports go out. */
export function sendDay(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.REPORTS_SEND_DAY;
  if (!raw) return DEFAULT_SEND_DAY;
  const day = Number(raw);
  if (!Number.isInteger(day) || day < 1 || day > 28) {
    throw new Error(`REPORTS_SEND_DAY must be a day of the month from 1 to 28, got "${raw}"`);
  }
  return day;
}

/** PAYUNG_REPORTS_SCHEDULER=on: the server runs the monthly job itself (every hour, one process at a time). */
export function schedulerEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return flag.parse(env.PAYUNG_REPORTS_SCHEDULER);
}

/**
 * The installation's secret, from which the unsubscribe links' key is derived: NEXTAUTH_SECRET, else
 * the one `npm start` keeps in .data/auth-secret (so `npm run reports:send` signs links the server
 * accepts), else, outside production, a development-only key.
 */
export function installationSecret(env: NodeJS.ProcessEnv = process.env): string {
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  try {
    const kept = fs.readFileSync(path.join(process.cwd(), '.data', 'auth-secret'), 'utf8').trim();
    if (kept) return kept;
  } catch {
    // no kept secret: fall through
  }
  if (env.NODE_ENV === 'production') throw new Error('NEXTAUTH_SECRET is not set: the unsubscribe links cannot be signed.');
  return 'payung-development-only-secret';
}
