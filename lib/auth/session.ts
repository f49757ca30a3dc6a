import 'server-only';
import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { findActiveUser } from '@/db/queries/users';
import { unauthenticated } from '@/lib/errors';
import { authOptions } from './options';
import type { Caller } from './caller';

/**
 * The signed-in caller, checked against the database on every request: a deactivated account or one
 * whose role or password changed (session version bumped) loses its rights at once.
 */
export async function getCaller(): Promise<Caller | null> {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) return null;
  const user = await findActiveUser(await getDb(), session.user.id, session.user.sessionVersion);
  if (!user) return null;
  return { userId: user.id, email: user.email, name: user.name, role: user.role, regionCode: user.regionCode };
}

/** For pages: the caller, or a redirect to the sign-in page. */
export async function requirePageCaller(): Promise<Caller> {
  const caller = await getCaller();
  if (!caller) redirect('/login');
  return caller;
}

/** For route handlers: the caller, or a 401 AppError. */
export async function requireApiCaller(): Promise<Caller> {
  const caller = await getCaller();
  if (!caller) throw unauthenticated();
  return caller;
}
