import 'server-only';
import { headers } from 'next/headers';

// The one reader of who sent a request. scripts/server.mjs has already replaced the forwarded headers
// with what it established from the connection and PAYUNG_TRUSTED_PROXIES (scripts/forwarded.mjs): one
// client address, http or https. Nothing here believes a client's own headers.

type HeaderSource = Headers | Record<string, unknown> | undefined;

function read(source: HeaderSource, name: string): string | null {
  if (!source) return null;
  const value = source instanceof Headers ? source.get(name) : source[name];
  return typeof value === 'string' ? value : null;
}

/** The client's address. Under `next dev` (no scripts/server.mjs) the nearest hop Next.js recorded. */
export function clientAddress(source: HeaderSource): string | null {
  const forwarded = read(source, 'x-forwarded-for');
  return forwarded?.split(',').at(-1)?.trim() || null;
}

/** The client's address of the request being handled (server actions, pages). */
export async function currentClientAddress(): Promise<string | null> {
  return clientAddress(await headers());
}

/**
 * Whether the browser reached Payung over https (directly, or through a trusted proxy that says so), or
 * the installation's public address is https: session cookies are then Secure.
 */
export function servedOverHttps(source: HeaderSource): boolean {
  return read(source, 'x-forwarded-proto') === 'https' || (process.env.NEXTAUTH_URL ?? '').startsWith('https://');
}
