import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '@/db';
import { users } from '@/db/schema';

/** The columns a sign-in needs; never handed to a page. */
export async function findUserForSignIn(db: Database, email: string) {
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      regionCode: users.regionCode,
      passwordHash: users.passwordHash,
      active: users.active,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`)
    .limit(1);
  return user ?? null;
}

export async function recordSignIn(db: Database, id: number) {
  await db.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, id));
}
