// The one database client. DATABASE_URL set → a PostgreSQL server through postgres.js; unset → PGlite
// (embedded Postgres in WebAssembly) in ./.data/pglite, or PGLITE_DIR (`memory://` for tests).
import fs from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import { env } from '@/env';
import * as schema from './schema';
import { acquireFolderLock, type FolderLock } from './folder-lock';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  db: Database;
  engine: 'postgres' | 'pglite';
  /** Where the data lives, without credentials: for messages and the health check. */
  location: string;
  /**
   * Runs `work` while no other process runs start-up work on this database: a PostgreSQL advisory lock
   * held on a connection of its own (released if the process dies). The embedded database is one
   * process's already (its folder lock).
   */
  exclusively: <T>(work: () => Promise<T>) => Promise<T>;
  close: () => Promise<void>;
}

/** The advisory-lock key of start-up work (migrations, reference data, the demo seed). */
const STARTUP_LOCK = 0x7061_7975; // 'payu'

export interface OpenOptions {
  databaseUrl?: string;
  pgliteDir?: string;
  /** Apply committed migrations after opening (the start step and tests do; scripts may not). */
  migrate?: boolean;
  /**
   * An embedded database starts from this copy of one (PGlite's dumpDataDir): tests start each of theirs
   * from one database migrated once, as starting PGlite afresh takes seconds.
   */
  pgliteDump?: Blob;
}

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'db', 'migrations');
/** Functions and triggers, each defined once (db/sql/README.md). */
export const DATABASE_CODE_FOLDER = path.join(process.cwd(), 'db', 'sql');
export const DEFAULT_PGLITE_DIR = path.join(process.cwd(), '.data', 'pglite');

/** Opens a database. Most code wants `getDb()`, the process-wide shared one. */
export async function openDatabase(options: OpenOptions = {}): Promise<DatabaseHandle> {
  if (env.NEXT_PHASE === 'phase-production-build') {
    throw new Error('Payung does not open its database during `next build`.');
  }
  const databaseUrl = options.databaseUrl ?? env.DATABASE_URL;
  const handle = databaseUrl
    ? await openPostgres(databaseUrl)
    : await openPglite(options.pgliteDir ?? env.PGLITE_DIR ?? DEFAULT_PGLITE_DIR, options.pgliteDump);
  if (options.migrate) {
    try {
      await migrateDatabase(handle);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }
  return handle;
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const client = postgres(url, {
    max: env.DATABASE_POOL_SIZE,
    onnotice: () => {},
    // Month arithmetic in SQL uses the session zone only for timestamps; pin it to the programme's.
    // No JIT: the dashboard's queries are short, and compiling them took longer than running them
    // (seconds, for plans whose row estimates look large). The rollup rebuild turns it back on.
    connection: { TimeZone: 'Asia/Jakarta', application_name: 'payung', jit: 'off' },
  });
  const db = drizzle(client, { schema }) as unknown as Database;
  const parsed = new URL(url);
  return {
    db,
    engine: 'postgres',
    location: `postgresql://${parsed.host}${parsed.pathname}`,
    exclusively: async (work) => {
      const reserved = await client.reserve();
      try {
        await reserved`select pg_advisory_lock(${STARTUP_LOCK})`;
        return await work();
      } finally {
        await reserved`select pg_advisory_unlock(${STARTUP_LOCK})`.catch(() => {});
        reserved.release();
      }
    },
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPglite(dir: string, dump?: Blob): Promise<DatabaseHandle> {
  const inMemory = dir.startsWith('memory://');
  const absolute = inMemory ? dir : path.resolve(dir);
  // PGlite takes no lock of its own: two processes on one folder corrupt it or lose writes.
  const lock: FolderLock | null = inMemory ? null : acquireFolderLock(absolute);
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle } = await import('drizzle-orm/pglite');
    const client = await PGlite.create(inMemory ? undefined : absolute, dump ? { loadDataDir: dump } : undefined);
    await client.exec(`set timezone = 'Asia/Jakarta'`);
    const db = drizzle(client, { schema }) as unknown as Database;
    return {
      db,
      engine: 'pglite',
      location: inMemory ? 'memory://' : absolute,
      exclusively: (work) => work(),
      close: async () => {
        await client.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

/** Applies the committed migrations, then the database code (functions and triggers) over them. */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.engine === 'pglite') {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator wants its own driver type
    await migrate(handle.db as any, { migrationsFolder: MIGRATIONS_FOLDER });
  } else {
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator wants its own driver type
    await migrate(handle.db as any, { migrationsFolder: MIGRATIONS_FOLDER });
  }
  await applyDatabaseCode(handle.db);
}

/** The statements of db/sql/*.sql in file-name order, split at `--> statement-breakpoint`. */
export function databaseCodeStatements(folder = DATABASE_CODE_FOLDER): string[] {
  return fs
    .readdirSync(folder)
    .filter((name) => name.endsWith('.sql'))
    .sort()
    .flatMap((name) => fs.readFileSync(path.join(folder, name), 'utf8').split('--> statement-breakpoint'))
    .map((statement) => statement.trim())
    .filter((statement) => statement.replace(/^--.*$/gm, '').trim() !== '');
}

/**
 * (Re)defines every function and trigger of db/sql in one transaction. Idempotent, so it runs at every
 * start; a script migrating while the server starts takes its turn (two `create or replace` of one
 * function at once would fail with "tuple concurrently updated").
 */
export async function applyDatabaseCode(db: Database): Promise<void> {
  const statements = databaseCodeStatements();
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(7421)`);
    for (const statement of statements) await tx.execute(sql.raw(statement));
  });
}

/** Runs raw SQL and returns its rows, whichever driver is underneath. */
export async function queryRows<T>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(result) ? result : (result.rows ?? []);
}

const globalForDb = globalThis as unknown as { payungDb?: Promise<DatabaseHandle> };

/**
 * The process-wide database, opened once (the start-up, db/prepare.ts, migrates it under a lock). The
 * promise is cached so that pages rendering at once share one open, and dev reloads do not reopen the
 * embedded folder.
 */
export function getDatabase(): Promise<DatabaseHandle> {
  if (!globalForDb.payungDb) {
    globalForDb.payungDb = openDatabase().catch((error: unknown) => {
      globalForDb.payungDb = undefined;
      throw error;
    });
  }
  return globalForDb.payungDb;
}

export async function getDb(): Promise<Database> {
  return (await getDatabase()).db;
}
