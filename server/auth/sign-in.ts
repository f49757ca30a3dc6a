import 'server-only';
import bcrypt from 'bcryptjs';
import type { Database } from '@/db';
import { writeAudit } from '@/server/audit';
import { createSession } from '@/server/auth/sessions';
import { recordSignInOutcome, reserveSignInCheck } from '@/server/auth/sign-in-throttle';
import { findUserForSignIn, recordSignIn } from '@/server/auth/users';

// Compared against when the account does not exist, so both answers take as long.
const DUMMY_HASH = bcrypt.hashSync('payung-no-such-user', 10);

export type SignInResult =
  | { ok: true; user: { id: number; name: string; email: string; role: import('@/domain/enums').Role; sessionVersion: number }; sessionId: string }
  | { ok: false; blockedUntil?: Date };

/**
 * One sign-in attempt: the lock-out decides first (and records the check before it happens), then the
 * password is compared, the outcome recorded and audited, and a session opened on success.
 */
export async function attemptSignIn(
  db: Database,
  { email, password, ip }: { email: string; password: string; ip: string | null },
): Promise<SignInResult> {
  const check = await reserveSignInCheck(db, email, ip);
  if (!check.allowed) {
    // Refused without looking at the password: guessing gains nothing while blocked.
    await writeAudit(db, { actorEmail: email, action: 'sign_in_throttled', ip });
    return { ok: false, blockedUntil: check.blockedUntil };
  }
  const user = await findUserForSignIn(db, email);
  const passwordOk = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
  const ok = Boolean(user?.active && passwordOk);
  await recordSignInOutcome(db, check.attemptId, ok);
  if (!user || !ok) {
    await writeAudit(db, { userId: user?.id ?? null, actorEmail: email, action: 'sign_in_failed', ip });
    return { ok: false };
  }
  await recordSignIn(db, user.id);
  const sessionId = await createSession(db, user.id, ip);
  await writeAudit(db, { userId: user.id, actorEmail: email, action: 'sign_in', ip });
  return {
    ok: true,
    user: { id: user.id, name: user.name, email: user.email, role: user.role, sessionVersion: user.sessionVersion },
    sessionId,
  };
}
