import 'server-only';
import bcrypt from 'bcryptjs';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from '@/db';
import { writeAudit } from '@/db/queries/audit';
import { findUserForSignIn, recordSignIn } from '@/db/queries/users';

/** A session ends this long after sign-in, whatever happens (a working day). */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

function clientIp(headers: Record<string, unknown> | undefined): string | null {
  const forwarded = headers?.['x-forwarded-for'];
  if (typeof forwarded === 'string' && forwarded) return forwarded.split(',')[0]?.trim() ?? null;
  return null;
}

export const authOptions: NextAuthOptions = {
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/login' },
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
        const user = await findUserForSignIn(db, email);
        const ok = user !== null && user.active && (await bcrypt.compare(password, user.passwordHash));
        if (!ok || !user) {
          await writeAudit(db, { userId: user?.id ?? null, actorEmail: email, action: 'sign_in_failed', ip });
          return null;
        }
        await recordSignIn(db, user.id);
        await writeAudit(db, { userId: user.id, actorEmail: user.email, action: 'sign_in', ip });
        return {
          id: String(user.id),
          name: user.name,
          email: user.email,
          role: user.role,
          sessionVersion: user.sessionVersion,
        };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.sv = user.sessionVersion;
        token.role = user.role;
        token.signedInAt = Date.now();
      }
      return token;
    },
    session({ session, token }) {
      session.user = {
        id: token.uid ?? 0,
        sessionVersion: token.sv ?? -1,
        name: token.name ?? '',
        email: token.email ?? '',
        role: token.role ?? 'district_official',
      };
      return session;
    },
  },
  events: {
    async signOut({ token }) {
      if (!token?.uid) return;
      const db = await getDb();
      await writeAudit(db, { userId: token.uid, actorEmail: token.email ?? null, action: 'sign_out' });
    },
  },
};
