// Integration global setup: one embedded database migrated once, dumped to a file that
// createTestDatabase('pglite') starts each test database from (starting PGlite afresh takes seconds).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '@/db';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The file holding the migrated embedded database (PGlite's dumpDataDir). */
    pgliteTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const handle = await openDatabase({ pgliteDir: 'memory://', databaseUrl: '', migrate: true });
  const file = path.join(os.tmpdir(), `payung-pglite-template-${process.pid}.tar`);
  try {
    const client = (handle.db as unknown as { $client: PGlite }).$client;
    fs.writeFileSync(file, Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer()));
  } finally {
    await handle.close();
  }
  project.provide('pgliteTemplate', file);
  return () => fs.rmSync(file, { force: true });
}
