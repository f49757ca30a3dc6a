import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { authOptions } from '@/server/auth/options';
import { servedOverHttps } from '@/server/http/client-address';

type Context = { params: Promise<{ nextauth: string[] }> };

// Cookies are Secure whenever this request came over https (next-auth alone looks only at NEXTAUTH_URL).
function handler(request: NextRequest, context: Context) {
  return NextAuth(request, context, { ...authOptions, useSecureCookies: servedOverHttps(request.headers) });
}

export { handler as GET, handler as POST };
