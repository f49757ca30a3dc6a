import type { Role } from '@/domain/enums';

declare module 'next-auth' {
  interface Session {
    /** What the browser's JavaScript may read: no session id, no session version. */
    user: { id: number; name: string; email: string; role: Role };
  }
  interface User {
    id: string;
    role: Role;
    sessionVersion: number;
    sessionId: string;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    uid?: number;
    sv?: number;
    sid?: string;
    role?: Role;
  }
}
