// `npm run db:backup` → `npm run db:restore` on both engines: a restored database holds exactly what was
// backed up (every table, the trigger-kept coverage spans included), answers the hand-worked summary, is
// refused over a database that holds tables unless told to replace it, and then replaces it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows, type DatabaseHandle } from '@/db';
import { backupDatabase, restoreDatabase, type BackupTarget } from '@/db/backup';
import { DOMAIN_TABLES } from '@/db/seed/util';
import { getSummary } from '@/server/indicators/summary';
import { DISTRICT, DISTRICT_HAND_SUMMARIES, expectSummary, loadHandmadeData } from '../helpers/handmade-data';
import { ENGINES, TEST_DATABASE_URL, type Engine } from '../helpers/databases';

const TABLES = [...DOMAIN_TABLES, 'coverage_spans', 'import_changes', 'import_key_changes', 'imports'];

/** Every table's rows, hashed in a stable order: equal fingerprints, equal databases. */
async function fingerprint(handle: DatabaseHandle): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    const [row] = await queryRows<{ n: number; h: string | null }>(
      handle.db,
      sql.raw(`select count(*)::int as n, md5(string_agg(t::text, '|' order by t::text)) as h from ${table} t`),
    );
    out[table] = `${row?.n}:${row?.h ?? ''}`;
  }
  return out;
}

describe.each(ENGINES)('backup and restore on %s', (engine: Engine) => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'payung-backup-'));
  const databases: string[] = [];

  /** A fresh target: a new PostgreSQL database, or a new PGlite folder. */
  async function newTarget(name: string): Promise<BackupTarget> {
    if (engine === 'pglite') return { pgliteDir: path.join(folder, name) };
    const database = `payung_test_backup_${process.pid}_${name}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${database}"`);
    await admin.end();
    databases.push(database);
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = `/${database}`;
    return { databaseUrl: url.toString(), pgliteDir: '' };
  }
  const open = (target: BackupTarget, migrate = false) =>
    openDatabase({ databaseUrl: target.databaseUrl ?? '', pgliteDir: target.pgliteDir, migrate });

  afterAll(async () => {
    fs.rmSync(folder, { recursive: true, force: true });
    const admin = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
    for (const database of databases) await admin.unsafe(`drop database if exists "${database}" with (force)`);
    await admin.end();
  });

  it('restores exactly what was backed up, and replaces only when told to', async () => {
    const source = await newTarget('source');
    let handle = await open(source, true);
    await loadHandmadeData(handle.db);
    const before = await fingerprint(handle);
    await handle.close();

    const file = path.join(folder, engine === 'postgres' ? 'office.dump' : 'office.tar.gz');
    const backup = await backupDatabase(source, file);
    expect(backup.bytes).toBeGreaterThan(1000);

    const target = await newTarget('target');
    await restoreDatabase(target, file);
    handle = await open(target);
    expect(await fingerprint(handle)).toEqual(before);
    const summary = await getSummary(handle.db, { period: '2026-02', scope: { regionCode: DISTRICT } });
    expectSummary(summary as unknown as Record<string, unknown>, DISTRICT_HAND_SUMMARIES['2026-02']!, 'restored');
    // Work done after the backup, then lost: the restore must bring the backup back.
    await handle.db.execute(sql`delete from claims`);
    await handle.db.execute(sql`update members set name = 'Changed after the backup'`);
    await handle.close();

    await expect(restoreDatabase(target, file)).rejects.toThrow(engine === 'postgres' ? /already holds tables/ : /already holds a database/);
    const replaced = await restoreDatabase(target, file, { replace: true });
    expect(replaced.movedAside === null).toBe(engine === 'postgres');
    handle = await open(target);
    expect(await fingerprint(handle)).toEqual(before);
    await handle.close();
  });

  it('says what is wrong with a file that is not a backup, and leaves the database as it was', async () => {
    const target = await newTarget('bad');
    let handle = await open(target, true);
    await loadHandmadeData(handle.db);
    const before = await fingerprint(handle);
    await handle.close();
    const bad = path.join(folder, 'not-a-backup.bin');
    fs.writeFileSync(bad, 'this is not a backup');
    await expect(restoreDatabase(target, bad, { replace: true })).rejects.toThrow(engine === 'postgres' ? /not a pg_dump archive/ : /./);
    handle = await open(target);
    expect(await fingerprint(handle)).toEqual(before);
    await handle.close();
  });
});
