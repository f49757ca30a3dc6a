// Telling a database that cannot be reached from a failing query, and describing either for a log
// without the query's parameters (emails, NIKs, session keys).
import { databaseUnavailable } from '@/domain/errors';

/** Driver and server codes that mean the database cannot be reached or is not accepting work. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EPIPE',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down)
  '53300', // too_many_connections
  '3D000', // the database does not exist
  'DATABASE_LOCKED',
]);

/** The error and its causes: drizzle wraps the driver's error in `cause`, a refused connection may hold several. */
function* chain(error: unknown): Generator<unknown> {
  let current = error;
  for (let depth = 0; current && depth < 8; depth++) {
    yield current;
    if (current instanceof AggregateError) for (const inner of current.errors) yield* chain(inner);
    current = (current as { cause?: unknown }).cause;
  }
}

export function isDatabaseUnavailable(error: unknown): boolean {
  for (const link of chain(error)) {
    const code = (link as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  }
  return false;
}

/**
 * An error for a server log: each cause's message and code, a failed query by its SQL text only, and
 * (unless `stack: false`) where it was thrown.
 */
export function describeError(error: unknown, { stack = true }: { stack?: boolean } = {}): string {
  const parts: string[] = [];
  for (const link of chain(error)) {
    if (!(link instanceof Error)) {
      parts.push(String(link));
      continue;
    }
    const code = (link as { code?: unknown }).code;
    const query = (link as { query?: unknown }).query;
    // A DrizzleQueryError's message repeats its parameters.
    const message = typeof query === 'string' ? `failed query: ${query.replace(/\s+/g, ' ').slice(0, 300)}` : link.message;
    parts.push(typeof code === 'string' ? `${message} [${code}]` : message);
  }
  const frames = stack && error instanceof Error ? (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)).slice(0, 8) : [];
  return [parts.join(' ← '), ...frames].join('\n');
}

/** For a page's reads: an outage becomes the error the outage page recognises; anything else stays as it was. */
export function rethrowOutage(error: unknown): never {
  if (isDatabaseUnavailable(error)) throw databaseUnavailable();
  throw error;
}
