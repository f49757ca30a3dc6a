import 'server-only';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '@/db';

export const THROTTLE_WINDOW_MINUTES = 15;
/** Failures of one account in the window after which its next attempts are refused unchecked. */
export const MAX_FAILURES_PER_ACCOUNT = 5;
/**
 * Failures from one address. Higher than per account: an office behind one address has many users,
 * and one person's typos must not lock out colleagues.
 */
export const MAX_FAILURES_PER_ADDRESS = 20;

/**
 * When sign-in for this account (or from this address) may be tried again, or null when it may now.
 * Counts failed sign-ins in the last 15 minutes (an account's since its last success), from the audit
 * log, so the rule holds across restarts and across server processes.
 */
export async function signInBlockedUntil(db: Database, email: string, ip: string | null): Promise<Date | null> {
  const window = sql`now() - make_interval(mins => ${THROTTLE_WINDOW_MINUTES})`;
  const rows = await queryRows<{ kind: string; at: string | Date }>(
    db,
    sql`
      (select 'account' as kind, at from audit_log
        where action = 'sign_in_failed' and actor_email = ${email} and at > ${window}
          and at > coalesce((select max(at) from audit_log
                              where action = 'sign_in' and actor_email = ${email}), '-infinity')
        order by at desc
        offset ${MAX_FAILURES_PER_ACCOUNT - 1} limit 1)
      union all
      (select 'address' as kind, at from audit_log
        where action = 'sign_in_failed' and ip = ${ip ?? ''} and at > ${window}
        order by at desc
        offset ${MAX_FAILURES_PER_ADDRESS - 1} limit 1)`,
  );
  // The attempt becomes possible when the failure that completed the limit leaves the window.
  const until = rows
    .map((row) => new Date(new Date(row.at).getTime() + THROTTLE_WINDOW_MINUTES * 60 * 1000))
    .sort((a, b) => b.getTime() - a.getTime())[0];
  return until && until.getTime() > Date.now() ? until : null;
}
