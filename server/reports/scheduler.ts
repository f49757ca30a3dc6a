// The monthly reports' two ways of running (README "Monthly report by e-mail"): `npm run reports:send`
// for an outside cron, and an opt-in timer in the server (PAYUNG_REPORTS_SCHEDULER=on) that tries every
// hour. Either way one run at a time: on PostgreSQL every process (several node:cluster workers,
// several machines, the cron command) first takes one advisory lock; PGlite has one process by
// construction (db/folder-lock.ts). The deliveries' own claim keeps a report from going out twice even
// without the lock: the lock only spares the others the work.
import 'server-only';
import { sql } from 'drizzle-orm';
import { getDatabase, queryRows, type DatabaseHandle } from '@/db';
import { readMailSettings, schedulerEnabled, sendDay } from '@/server/reports/config';
import { runMonthlyReports, type ReportRunResult } from '@/server/reports/deliveries';
import type { Period } from '@/domain/month';

/** pg_try_advisory_xact_lock's key for "the monthly reports job" (any fixed number no other lock uses). */
export const REPORTS_LOCK_KEY = 2_319_230_001;
const INTERVAL_MS = 60 * 60_000;
/** The first try waits for the start-up work (migrations, a rollup rebuild) to finish. */
const FIRST_RUN_MS = 60_000;

/**
 * Runs the job once, unless another process is running it (then null). Throws when SMTP is not
 * configured, naming the variables to set.
 */
export async function runReportsOnce(handle: DatabaseHandle, options: { month?: Period; now?: Date } = {}): Promise<ReportRunResult | null> {
  const mail = readMailSettings();
  if (!mail.ok) throw new Error(`The monthly reports cannot be sent: SMTP is ${mail.problem === 'missing' ? 'not configured' : 'misconfigured'} (${mail.detail}).`);
  const run = () => runMonthlyReports(handle.db, { mail: mail.settings, sendDay: sendDay(), ...options });
  if (handle.engine === 'pglite') return run();
  // The lock lives as long as this transaction, which holds one pooled connection while the job uses
  // others; it ends with the transaction even if the process dies.
  return handle.db.transaction(async (tx) => {
    const [row] = await queryRows<{ locked: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${REPORTS_LOCK_KEY}) as locked`);
    return row?.locked ? run() : null;
  });
}

let started = false;

/** Starts the hourly timer when PAYUNG_REPORTS_SCHEDULER=on (call once at server start, after startPayung). */
export function startReportScheduler(): void {
  if (started || !schedulerEnabled()) return;
  const mail = readMailSettings();
  if (!mail.ok) {
    console.error(`[payung] PAYUNG_REPORTS_SCHEDULER is on but SMTP is not usable (${mail.detail}): no reports will be sent.`);
    return;
  }
  sendDay(); // a bad REPORTS_SEND_DAY stops the start here, with its message
  started = true;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const result = await runReportsOnce(await getDatabase());
      if (result && (result.queued || result.sent || result.failed)) {
        console.log(`[payung] monthly reports ${result.month}: ${result.queued} queued, ${result.sent} sent, ${result.failed} failed`);
      }
    } catch (error) {
      console.error('[payung] monthly reports run failed:', error instanceof Error ? error.message : error);
    } finally {
      running = false;
    }
  };
  setTimeout(() => void tick(), FIRST_RUN_MS).unref();
  setInterval(() => void tick(), INTERVAL_MS).unref();
}
