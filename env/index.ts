// The server's settings from the environment (README "Configuration"), read and checked once, when the
// server (or a script) first loads this module: a bad value stops the start with the variable's name
// instead of surfacing later as a wrong figure or a failed query. Only server code imports it
// (eslint LAYERS); the browser has no settings of its own.
import { z } from 'zod';
import { REGION_CODE_PATTERN } from '@/domain/regions';

/** Unset and empty are the same: a variable exported empty by a shell means "not set". */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
const whole = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const onOff = z
  .string()
  .transform((value) => value.toLowerCase())
  .pipe(z.enum(['on', 'off', 'true', 'false', '1', '0', 'yes', 'no']))
  .transform((value) => ['on', 'true', '1', 'yes'].includes(value));

const schema = z.object({
  NODE_ENV: optional(z.enum(['development', 'production', 'test'])),
  /** Set by Next.js while it builds: the database is never opened then. */
  NEXT_PHASE: optional(z.string()),
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// or postgresql:// URL')),
  PGLITE_DIR: optional(z.string()),
  DATABASE_POOL_SIZE: optional(whole(1, 200)).default(10),
  NEXTAUTH_SECRET: optional(z.string()),
  PAYUNG_DEFAULT_REGION: optional(z.string().regex(REGION_CODE_PATTERN, 'a Kemendagri region code such as 33.02.14')).default('33.02.14'),
  /** Demo data may be seeded into an empty database (off in production). */
  PAYUNG_DEMO: optional(onOff).default(true),
  /** The worker's number under scripts/server.mjs (the first one speaks for all at start). */
  PAYUNG_WORKER_INDEX: optional(whole(0, 1024)).default(0),
  /** The figure cache (db/figures-cache.ts); off to time the statements themselves. */
  PAYUNG_FIGURES_CACHE: optional(onOff).default(true),
});

export type Env = z.infer<typeof schema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
  throw new Error(`Payung's environment is not valid: ${problems}`);
}

/** The settings in force. Tests may change a field (e.g. turn the figure cache off) and put it back. */
export const env: Env = parseEnv(process.env);
