import 'server-only';
import { decode, getToken, type JWT } from 'next-auth/jwt';
import { cookies, headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/db';
import { findSessionUser } from '@/server/auth/sessions';
import { unauthenticated } from '@/domain/errors';
import { rethrowOutage } from '@/db/errors';
import { servedOverHttps } from '@/server/http/client-address';
import { authOptions } from '@/server/auth/options';
import type { Caller } from '@/server/auth/caller';
import { can, type Permission } from '@/domain/permissions';

/** Session cookies already decrypted, by their text (most recently used last). */
const decodedTokens = new Map<string, JWT>();
const DECODED_TOKENS_KEPT = 5_000;

/**
 * The session cookie's content. Decrypting it derives the key (HKDF) each time, and next-auth's
 * getServerSession also encrypts a renewed cookie that a server render cannot even send: both were a
 * large part of an API answer's CPU. The same text always decrypts to the same content, so it is kept;
 * whether the session is still alive is asked of the database on every request all the same.
 */
async function readSessionToken(): Promise<JWT | null> {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  const request = {
    cookies: Object.fromEntries(cookieStore.getAll().map((cookie) => [cookie.name, cookie.value])),
    headers: Object.fromEntries(headerList.entries()),
  };
  // The cookie's name follows https (`__Secure-`), as the sign-in that set it did.
  const text = await getToken({ req: request as never, secret: authOptions.secret, raw: true, secureCookie: servedOverHttps(headerList) });
  if (!text) return null;
  const kept = decodedTokens.get(text);
  if (kept && (kept.exp === undefined || Number(kept.exp) * 1000 > Date.now())) {
    decodedTokens.delete(text);
    decodedTokens.set(text, kept);
    return kept;
  }
  const token = await decode({ token: text, secret: authOptions.secret! }).catch(() => null);
  if (!token) return null;
  decodedTokens.set(text, token);
  if (decodedTokens.size > DECODED_TOKENS_KEPT) decodedTokens.delete(decodedTokens.keys().next().value!);
  return token;
}

/**
 * The signed-in caller, checked against the database on every request: a signed-out, idle or expired
 * session, a deactivated account, or one whose role or password changed (session version bumped) loses
 * its rights at once.
 */
async function readCaller(): Promise<Caller | null> {
  const token = await readSessionToken();
  if (!token?.sid) return null;
  let user;
  try {
    user = await findSessionUser(await getDb(), token.sid, token.sv ?? -1);
  } catch (error) {
    // Every page asks this first: an outage is recognised here and shown as the outage page (app/error.tsx).
    rethrowOutage(error);
  }
  if (!user) return null;
  return { userId: user.id, email: user.email, name: user.name, role: user.role, regionCode: user.regionCode, agentCode: user.agentCode };
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
