// Real databases for tests: a fresh database on the PostgreSQL server (created and dropped here) and an
// in-memory PGlite. No mocks.
import fs from 'node:fs';
import postgres from 'postgres';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '@/db';

export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase extends DatabaseHandle {
  /** Closes the connection and drops the database it created. */
  destroy: () => Promise<void>;
}

export type Engine = 'postgres' | 'pglite';
export const ENGINES: Engine[] = ['postgres', 'pglite'];

export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'pglite') {
    // The integration tests start from the database tests/helpers/pglite-template.ts migrated (migrating
    // again is a no-op); the unit tests, which open one, from a fresh one.
    const template = inject('pgliteTemplate');
    const pgliteDump = template ? new Blob([fs.readFileSync(template)]) : undefined;
    const handle = await openDatabase({ pgliteDir: 'memory://', databaseUrl: '', migrate: true, pgliteDump });
    return { ...handle, destroy: handle.close };
  }
  const name = `payung_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), migrate: true });
  return {
    ...handle,
    destroy: async () => {
      await handle.close();
      const dropper = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
