// Small deterministic helpers for the seeds: a seeded PRNG, calendar arithmetic on day numbers, chunked
// inserts and the bcrypt hash with a salt drawn from the PRNG (so the same seed gives the same bytes).
import bcrypt from 'bcryptjs';
import { sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../index';
import { queryRows } from '../index';

/** mulberry32: a tiny, fast, good-enough 32-bit PRNG. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** Picks by weight; the weights need not sum to 1. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const w of weights) total += w;
    let x = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      x -= weights[i]!;
      if (x < 0) return items[i]!;
    }
    return items[items.length - 1]!;
  }
  /** Poisson draw (Knuth; fine for the small means used here). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }
  normal(): number {
    const u = Math.max(this.next(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
}

// ---- calendar: a "day" is the number of days since 1970-01-01 (UTC), a "month" is (year, month 1..12)

export const dayOf = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / 86_400_000;
export const isoOfDay = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);
export const dayOfIso = (iso: string): number => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return dayOf(y, m, d);
};
export const daysInMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();
export function addMonths(y: number, m: number, n: number): { y: number; m: number } {
  const idx = y * 12 + (m - 1) + n;
  return { y: Math.floor(idx / 12), m: (idx % 12) + 1 };
}
export const monthKey = (y: number, m: number): string => `${y}-${String(m).padStart(2, '0')}`;

/** Today's date in Asia/Jakarta as YYYY-MM-DD. */
export function todayInJakarta(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
}

export function assertIsoDate(value: string, what = 'date'): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || isoOfDay(dayOfIso(value)) !== value) {
    throw new Error(`${what} must be a valid YYYY-MM-DD date, got "${value}"`);
  }
}

/** A timestamp at a fixed hour of a business date, Asia/Jakarta. */
export const jakartaInstant = (iso: string, hour = 9): Date =>
  new Date(`${iso}T${String(hour).padStart(2, '0')}:00:00+07:00`);

const BCRYPT_ALPHABET = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** bcrypt (cost 10) with a salt drawn from `random`: reproducible bytes for reproducible seeds. */
export function bcryptHash(password: string, random: Random): string {
  let salt = '$2b$10$';
  for (let i = 0; i < 22; i++) salt += BCRYPT_ALPHABET[random.int(0, 63)];
  return bcrypt.hashSync(password, salt);
}

/** Multi-row inserts of `size` rows at a time. */
export async function insertChunks<T extends PgTable>(
  db: Database,
  table: T,
  rows: readonly T['$inferInsert'][],
  size = 1000,
): Promise<void> {
  for (let i = 0; i < rows.length; i += size) {
    await db.insert(table).values(rows.slice(i, i + size) as T['$inferInsert'][]);
  }
}

/** Moves a serial column's sequence past the ids inserted explicitly. */
export async function resetSequence(db: Database, table: string, column = 'id'): Promise<void> {
  await db.execute(
    sql.raw(
      `select setval(pg_get_serial_sequence('${table}', '${column}'), coalesce((select max(${column}) from ${table}), 0) + 1, false)`,
    ),
  );
}

export const DOMAIN_TABLES = [
  'regions',
  'occupations',
  'workforce_estimates',
  'workforce_estimates_by_occupation',
  'coverage_targets',
  'reference_rates',
  'users',
  'communities',
  'agents',
  'agent_communities',
  'agent_targets',
  'members',
  'contributions',
  'claims',
  'followup_tasks',
  'audit_log',
  'settings',
  'reference_datasets',
  'reference_rows',
] as const;

export type SeedCounts = Record<(typeof DOMAIN_TABLES)[number], number>;

export async function countRows(db: Database): Promise<SeedCounts> {
  const parts = DOMAIN_TABLES.map((t) => `select '${t}' as t, count(*)::bigint as n from ${t}`).join(' union all ');
  const rows = await queryRows<{ t: string; n: string | number }>(db, sql.raw(parts));
  const out = {} as SeedCounts;
  for (const r of rows) out[r.t as keyof SeedCounts] = Number(r.n);
  return out;
}

/**
 * Whether the database holds an office's own data (people, communities, agents, members): the shipped
 * reference data alone leaves a database "empty" for the demo seed.
 */
export async function holdsOfficeData(db: Database): Promise<boolean> {
  const rows = await queryRows<{ found: boolean }>(
    db,
    sql`select exists (select 1 from users) or exists (select 1 from communities)
      or exists (select 1 from agents) or exists (select 1 from members) as found`,
  );
  return rows[0]?.found === true;
}

/** Empties every domain table (users, audit log and settings included) and restarts their ids. */
export async function clearDatabaseTables(db: Database): Promise<void> {
  await db.execute(sql.raw(`truncate table ${DOMAIN_TABLES.join(', ')} restart identity cascade`));
}
