import type { Role } from '@/domain/enums';

declare module 'next-auth' {
  interface Session {
    user: { id: number; sessionVersion: number; sessionId: string; name: string; email: string; role: Role };
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
