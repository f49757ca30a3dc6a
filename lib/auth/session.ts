import 'server-only';
import { getServerSession } from 'next-auth';
import { forbidden, redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/db';
import { findSessionUser } from '@/db/queries/sessions';
import { unauthenticated } from '@/lib/errors';
import { authOptions } from './options';
import type { Caller } from './caller';
import { can, type Permission } from './permissions';

/**
 * The signed-in caller, checked against the database on every request: a signed-out, idle or expired
 * session, a deactivated account, or one whose role or password changed (session version bumped) loses
 * its rights at once.
 */
async function readCaller(): Promise<Caller | null> {
  const session = await getServerSession(authOptions);
  if (!session?.user?.sessionId) return null;
  const user = await findSessionUser(await getDb(), session.user.sessionId, session.user.sessionVersion);
  if (!user) return null;
  return { userId: user.id, email: user.email, name: user.name, role: user.role, regionCode: user.regionCode };
}

/** The same, read once per server render (the layout and the page both ask). */
export const getCaller: () => Promise<Caller | null> = cache(readCaller);

/** For pages: the caller, or a redirect to the sign-in page. */
export async function requirePageCaller(): Promise<Caller> {
  const caller = await getCaller();
  if (!caller) redirect('/login');
  return caller;
}

/** For pages of one area: the caller, or the 403 page when their role may not use it. */
export async function requirePagePermission(permission: Permission): Promise<Caller> {
  const caller = await requirePageCaller();
  if (!can(caller.role, permission)) forbidden();
  return caller;
}

/** For route handlers: the caller, or a 401 AppError. */
export async function requireApiCaller(): Promise<Caller> {
  const caller = await getCaller();
  if (!caller) throw unauthenticated();
  return caller;
}
