import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { queryRows, type Database } from '@/db';
import { signInAttempts } from '@/db/schema';

export const THROTTLE_WINDOW_MINUTES = 15;
/** Password checks of one account in the window (since its last success); further attempts are refused unchecked. */
export const MAX_FAILURES_PER_ACCOUNT = 5;
/**
 * Checks from one address. Higher than per account: an office behind one address has many users,
 * and one person's typos must not lock out colleagues.
 */
export const MAX_FAILURES_PER_ADDRESS = 20;

export type SignInCheck = { allowed: true; attemptId: number } | { allowed: false; blockedUntil: Date };

/**
 * Decides whether this attempt may check a password, and if so records it before the check. One
 * account's (and one address's) attempts are decided one at a time under a transaction lock, and an
 * attempt whose check is still running counts as a failure: however many arrive at once, at most five
 * passwords of an account are checked in the window. The rule lives in the database, so it holds across
 * restarts and server processes.
 */
export async function reserveSignInCheck(db: Database, email: string, ip: string | null): Promise<SignInCheck> {
  return db.transaction(async (tx) => {
    // Always the account's lock before the address's: two attempts never wait on each other in a circle.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`sign-in account ${email}`}, 0))`);
    if (ip) await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`sign-in address ${ip}`}, 0))`);
    const window = sql`now() - make_interval(mins => ${THROTTLE_WINDOW_MINUTES})`;
    const rows = await queryRows<{ at: string | Date }>(
      tx,
      sql`
        (select at from sign_in_attempts
          where email = ${email} and at > ${window} and outcome is distinct from 'ok'
            and at > coalesce((select max(at) from sign_in_attempts where email = ${email} and outcome = 'ok'), '-infinity')
          order by at desc
          offset ${MAX_FAILURES_PER_ACCOUNT - 1} limit 1)
        union all
        (select at from sign_in_attempts
          where ip = ${ip ?? ''} and at > ${window} and outcome is distinct from 'ok'
          order by at desc
          offset ${MAX_FAILURES_PER_ADDRESS - 1} limit 1)`,
    );
    // The attempt becomes possible when the check that completed the limit leaves the window.
    const until = rows
      .map((row) => new Date(new Date(row.at).getTime() + THROTTLE_WINDOW_MINUTES * 60 * 1000))
      .sort((a, b) => b.getTime() - a.getTime())[0];
    if (until) return { allowed: false, blockedUntil: until };
    const [attempt] = await tx.insert(signInAttempts).values({ email, ip }).returning({ id: signInAttempts.id });
    return { allowed: true, attemptId: attempt!.id };
  });
}

/** The outcome of a check: a success starts the account's count afresh. */
export async function recordSignInOutcome(db: Database, attemptId: number, ok: boolean): Promise<void> {
  await db.update(signInAttempts).set({ outcome: ok ? 'ok' : 'failed' }).where(eq(signInAttempts.id, attemptId));
}
