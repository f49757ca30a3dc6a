import 'server-only';
import bcrypt from 'bcryptjs';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from '@/db';
import { writeAudit } from '@/server/audit';
import { createSession, revokeSession, SESSION_ABSOLUTE_SECONDS } from '@/server/auth/sessions';
import { signInBlockedUntil } from '@/server/auth/sign-in-throttle';
import { findUserForSignIn, recordSignIn } from '@/server/auth/users';
import { THROTTLED_ERROR_PREFIX } from '@/domain/sign-in-errors';
import { env } from '@/env';


// Compared against when the account does not exist, so both answers take as long.
const DUMMY_HASH = bcrypt.hashSync('payung-no-such-user', 10);

function clientIp(headers: Record<string, unknown> | undefined): string | null {
  const forwarded = headers?.['x-forwarded-for'];
  if (typeof forwarded === 'string' && forwarded) return forwarded.split(',')[0]?.trim() || null;
  return null;
}

export const authOptions: NextAuthOptions = {
  // `npm start` makes one for an installation; `next dev` without one signs with a development-only key
  // (next-auth's own fallback is a different key per reader, which server/auth/session.ts could not share).
  secret: env.NEXTAUTH_SECRET ?? (env.NODE_ENV === 'production' ? undefined : 'payung-development-only-secret'),
  // The cookie only carries a session id; the session itself lives in user_sessions (idle timeout,
  // absolute lifetime, revocation).
  session: { strategy: 'jwt', maxAge: SESSION_ABSOLUTE_SECONDS },
  pages: { signIn: '/login', error: '/login' },
  providers: [
    CredentialsProvider({
      name: 'Payung',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, req) {
        const email = credentials?.email?.trim().toLowerCase() ?? '';
        const password = credentials?.password ?? '';
        if (!email || !password) return null;
        const db = await getDb();
        const ip = clientIp(req?.headers);

        const blockedUntil = await signInBlockedUntil(db, email, ip);
        if (blockedUntil) {
          // Refused without looking at the password: guessing gains nothing while blocked.
          await writeAudit(db, { actorEmail: email, action: 'sign_in_throttled', ip });
          throw new Error(`${THROTTLED_ERROR_PREFIX}${blockedUntil.toISOString()}`);
        }

        const user = await findUserForSignIn(db, email);
        const passwordOk = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
        if (!user || !user.active || !passwordOk) {
          await writeAudit(db, { userId: user?.id ?? null, actorEmail: email, action: 'sign_in_failed', ip });
          return null;
        }
        await recordSignIn(db, user.id);
        const sessionId = await createSession(db, user.id, ip);
        await writeAudit(db, { userId: user.id, actorEmail: email, action: 'sign_in', ip });
        return {
          id: String(user.id),
          name: user.name,
          email: user.email,
          role: user.role,
          sessionVersion: user.sessionVersion,
          sessionId,
        };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.sv = user.sessionVersion;
        token.sid = user.sessionId;
        token.role = user.role;
      }
      return token;
    },
    session({ session, token }) {
      session.user = {
        id: token.uid ?? 0,
        sessionVersion: token.sv ?? -1,
        sessionId: token.sid ?? '',
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
};
