import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from '@/db';
import { describeError, isDatabaseUnavailable } from '@/db/errors';
import { writeAudit } from '@/server/audit';
import { attemptSignIn } from '@/server/auth/sign-in';
import { findSessionUser, revokeSession, SESSION_ABSOLUTE_SECONDS } from '@/server/auth/sessions';
import { SIGN_IN_FAILED_INTERNAL, THROTTLED_ERROR_PREFIX } from '@/domain/sign-in-errors';
import { DATABASE_UNAVAILABLE } from '@/domain/errors';
import { clientAddress } from '@/server/http/client-address';
import { env } from '@/env';

/** Thrown by the jwt callback for a session that has ended: next-auth then answers "no session" and clears the cookie. */
class SessionEnded extends Error {
  constructor() {
    super('session ended');
  }
}

export const authOptions: NextAuthOptions = {
  // `npm start` makes one for an installation; `next dev` without one signs with a development-only key
  // (next-auth's own fallback is a different key per reader, which server/auth/session.ts could not share).
  secret: env.NEXTAUTH_SECRET || (env.NODE_ENV === 'production' ? undefined : 'payung-development-only-secret'),
  // The cookie only carries a session id; the session itself lives in user_sessions (idle timeout,
  // absolute lifetime, revocation).
  session: { strategy: 'jwt', maxAge: SESSION_ABSOLUTE_SECONDS },
  pages: { signIn: '/login', error: '/login' },
  providers: [
    CredentialsProvider({
      name: 'Payung',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      // Whatever is thrown here reaches the browser as the sign-in error (in a URL): only fixed codes.
      async authorize(credentials, req) {
        const email = credentials?.email?.trim().toLowerCase() ?? '';
        const password = credentials?.password ?? '';
        if (!email || !password) return null;
        let result;
        try {
          result = await attemptSignIn(await getDb(), { email, password, ip: clientAddress(req?.headers) });
        } catch (error) {
          if (isDatabaseUnavailable(error)) {
            console.error('[auth] sign-in: database unavailable:', describeError(error, { stack: false }));
            throw new Error(DATABASE_UNAVAILABLE);
          }
          console.error('[auth] sign-in failed:', describeError(error));
          throw new Error(SIGN_IN_FAILED_INTERNAL);
        }
        if (result.ok) {
          const { user, sessionId } = result;
          return { id: String(user.id), name: user.name, email: user.email, role: user.role, sessionVersion: user.sessionVersion, sessionId };
        }
        if (result.blockedUntil) throw new Error(`${THROTTLED_ERROR_PREFIX}${result.blockedUntil.toISOString()}`);
        return null;
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.sv = user.sessionVersion;
        token.sid = user.sessionId;
        token.role = user.role;
        return token;
      }
      // Reading the session (/api/auth/session): only a session still alive in the database is one.
      if (!token.sid || !(await findSessionUser(await getDb(), token.sid, token.sv ?? -1))) throw new SessionEnded();
      return token;
    },
    // What /api/auth/session gives the browser's JavaScript: never the session id.
    session({ session, token }) {
      session.user = {
        id: token.uid ?? 0,
        name: token.name ?? '',
        email: token.email ?? '',
        role: token.role ?? 'district_official',
      };
      return session;
    },
  },
  events: {
    async signOut({ token }) {
      if (!token?.sid) return;
      const db = await getDb();
      await revokeSession(db, token.sid);
      await writeAudit(db, { userId: token.uid ?? null, actorEmail: token.email ?? null, action: 'sign_out' });
    },
  },
  // next-auth's own messages carry whole error objects; a server log gets the code and a safe description.
  logger: {
    error(code, metadata) {
      const error = metadata instanceof Error ? metadata : (metadata as { error?: unknown } | undefined)?.error;
      if (error instanceof SessionEnded) return;
      console.error(`[auth] ${code}:`, describeError(error ?? metadata, { stack: false }));
    },
    warn(code) {
      console.warn(`[auth] ${code}`);
    },
    debug() {},
  },
};
