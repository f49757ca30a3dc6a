import 'server-only';
import crypto from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '@/db';
import { DATA_VERSION_SQL, rememberDataVersion } from '@/db/figures-cache';
import { userSessions, users } from '@/db/schema';

/** A session ends this long after sign-in, whatever happens (a working day and a half). */
export const SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60;
/** ... and after this long without a request. */
export const SESSION_IDLE_SECONDS = 30 * 60;
/** last_seen_at is written at most this often, so reads stay reads. */
const TOUCH_EVERY_SECONDS = 60;

/**
 * What the database keeps of a session id: its SHA-256. The id itself lives only in the encrypted
 * cookie, so neither a copy of the table nor a failed query's parameters in a log can open a session.
 */
export function sessionKey(sessionId: string): string {
  return crypto.createHash('sha256').update(sessionId).digest('base64url');
}

/** Opens a session; returns its id, for the cookie. */
export async function createSession(db: Database, userId: number, ip: string | null): Promise<string> {
  const id = crypto.randomBytes(32).toString('base64url');
  await db.insert(userSessions).values({
    id: sessionKey(id),
    userId,
    ip,
    expiresAt: new Date(Date.now() + SESSION_ABSOLUTE_SECONDS * 1000),
  });
  return id;
}

/**
 * The user behind a live session: not revoked, not expired, not idle, account active and unchanged
 * since sign-in (the session version). Touches the session so activity keeps it alive.
 */
export async function findSessionUser(db: Database, sessionId: string, sessionVersion: number) {
  const key = sessionKey(sessionId);
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      regionCode: users.regionCode,
      agentCode: users.agentCode,
      lastSeenAt: userSessions.lastSeenAt,
      // Every request reads both: one round trip instead of two.
      dataVersion: DATA_VERSION_SQL,
    })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .where(
      and(
        eq(userSessions.id, key),
        isNull(userSessions.revokedAt),
        sql`${userSessions.expiresAt} > now()`,
        sql`${userSessions.lastSeenAt} > now() - make_interval(secs => ${SESSION_IDLE_SECONDS})`,
        eq(users.active, true),
        eq(users.sessionVersion, sessionVersion),
      ),
    )
    .limit(1);
  if (!row) return null;
  if (Date.now() - row.lastSeenAt.getTime() > TOUCH_EVERY_SECONDS * 1000) {
    await db.update(userSessions).set({ lastSeenAt: new Date() }).where(eq(userSessions.id, key));
  }
  const { lastSeenAt: _lastSeenAt, dataVersion, ...user } = row;
  rememberDataVersion(db, dataVersion);
  return user;
}

export async function revokeSession(db: Database, sessionId: string): Promise<void> {
  await db.update(userSessions).set({ revokedAt: new Date() }).where(eq(userSessions.id, sessionKey(sessionId)));
}

/** Ends every session of a user: on deactivation, role or password change. */
export async function revokeUserSessions(db: Database, userId: number): Promise<void> {
  await db
    .update(userSessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(userSessions.userId, userId), isNull(userSessions.revokedAt)));
}
