// The monthly report by e-mail: when a month's report is due, how a failed delivery is retried, and
// when a month's member figures stop being provisional (PRODUCT.md "Provisional month"). No I/O.
// Relative imports only: drizzle-kit loads this file through db/schema.ts without the `@/` alias.
import { z } from 'zod';
import { addMonths, currentMonth, todayInJakarta, type Period } from './month';

/** The languages a report is written in (the users table stores none, so the subscription does). */
export const REPORT_LOCALES = ['id', 'en'] as const;
export type ReportLocale = (typeof REPORT_LOCALES)[number];

/** pending → sending (one runner holds it) → sent | failed; a failed one goes back to sending on a retry. */
export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** After this many failed attempts the schedule stops retrying; an admin's "send now" may still try. */
export const MAX_AUTOMATIC_ATTEMPTS = 5;

/** A claimed delivery not finished after this long belongs to a runner that died: it may be retried. */
export const STALE_CLAIM_MINUTES = 15;

/** The day of the month (Asia/Jakarta) from which the previous month's report is sent, by default. */
export const DEFAULT_SEND_DAY = 5;

/** Minutes to wait before retrying after the n-th failed attempt: 15, 30, 60, 120 … at most a day. */
export function retryDelayMinutes(failedAttempts: number): number {
  return Math.min(15 * 2 ** Math.max(failedAttempts - 1, 0), 24 * 60);
}

/**
 * The month whose report is due at `now`: the month before the current one from `sendDay` on, the one
 * before that earlier in the month (its report was due on `sendDay` of the current month's predecessor).
 */
export function dueMonth(now: Date, sendDay: number): Period {
  const day = Number(todayInJakarta(now).slice(8, 10));
  return addMonths(currentMonth(now), day >= sendDay ? -1 : -2);
}

/**
 * The last day on which a month's member figures can still change: a member may pay up to three months
 * of arrears, so month m is provisional until the last day of m + 3.
 */
export function provisionalUntil(period: Period): string {
  const [year, month] = addMonths(period, 4).split('-').map(Number);
  return new Date(Date.UTC(year!, month! - 1, 0)).toISOString().slice(0, 10);
}

/** True while the data's as-of date is on or before `provisionalUntil(period)`. */
export function isProvisional(period: Period, asOf: string | null): boolean {
  return asOf === null || asOf.slice(0, 10) <= provisionalUntil(period);
}

/** The subscription form: the language the report is written in. */
export const subscribeSchema = z.object({ locale: z.enum(REPORT_LOCALES) });

/** The admin's "send now": one user, the month to send (YYYY-MM). */
export const sendNowSchema = z.object({
  userId: z.coerce.number().int().positive(),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
});

/** What a report form's server action answers. */
export interface ReportActionState {
  ok: boolean;
  message: string;
}
