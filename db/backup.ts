// Backups of a Payung database and their restore, with each engine's own tool: pg_dump / pg_restore
// (custom format) for a PostgreSQL server, PGlite's dumpDataDir / loadDataDir (a gzipped tarball of its
// data folder) for the embedded database. A restored database is brought up to date by the next start
// (db/prepare.ts applies the migrations and reference data newer than the backup).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { acquireFolderLock } from './folder-lock';

export interface BackupTarget {
  /** A PostgreSQL server's database; else the embedded database in `pgliteDir`. */
  databaseUrl?: string;
  pgliteDir: string;
}

export interface BackupResult {
  engine: 'postgres' | 'pglite';
  file: string;
  bytes: number;
  ms: number;
}

/** The default file name of a new backup: the engine's format, stamped with the time (UTC). */
export function defaultBackupFile(engine: 'postgres' | 'pglite', folder = path.join(process.cwd(), 'backups')): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return path.join(folder, `payung-${stamp}.${engine === 'postgres' ? 'dump' : 'tar.gz'}`);
}

/** A connection URL without its password (passed to the tools in PGPASSWORD, never on a command line). */
function toolConnection(databaseUrl: string): { url: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return { url: url.toString(), env: password ? { ...process.env, PGPASSWORD: password } : process.env };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new Error(`${command} was not found: install the PostgreSQL client tools (Debian: apt-get install postgresql-client).`)
          : error,
      ),
    );
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} failed (exit ${code}):\n${err.trim()}`))));
  });
}

const EMPTY_SCHEMAS = 'drop schema if exists drizzle cascade; drop schema if exists public cascade; create schema public;';

/** `first | second`, failing with the message of whichever failed. */
function pipe(first: [string, string[]], second: [string, string[]], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const a = spawn(first[0], first[1], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const b = spawn(second[0], second[1], { env, stdio: ['pipe', 'ignore', 'pipe'] });
    a.stdout.pipe(b.stdin);
    let errors = '';
    a.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    b.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const codes: (number | null)[] = [];
    const done = (code: number | null) => {
      codes.push(code);
      if (codes.length < 2) return;
      if (codes.every((c) => c === 0)) resolve();
      else reject(new Error(`${first[0]} | ${second[0]} failed:\n${errors.trim()}`));
    };
    for (const child of [a, b]) {
      child.on('error', reject);
      child.on('close', done);
    }
    // psql stopping early (an error) closes the pipe under pg_restore: its own failure then follows.
    b.stdin.on('error', () => {});
  });
}

/**
 * pg_dump refuses a server newer than itself, and pg_restore an archive newer than itself: check the tool
 * against the server first, with what to install when it is older.
 */
async function checkToolVersion(tool: 'pg_dump' | 'pg_restore', databaseUrl: string): Promise<void> {
  const version = await run(tool, ['--version'], process.env);
  const toolMajor = Number(/\) (\d+)/.exec(version)?.[1]);
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ v: string }[]>`select current_setting('server_version_num') as v`;
    const serverMajor = Math.floor(Number(row?.v) / 10000);
    if (!(toolMajor >= serverMajor)) {
      throw new Error(
        `${tool} ${toolMajor} is older than the PostgreSQL ${serverMajor} server: install postgresql-client-${serverMajor} ` +
          `(its ${tool} can read older servers too).`,
      );
    }
  } finally {
    await sql.end();
  }
}

export async function backupDatabase(target: BackupTarget, file: string): Promise<BackupResult> {
  const started = Date.now();
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  if (target.databaseUrl) {
    await checkToolVersion('pg_dump', target.databaseUrl);
    const { url, env } = toolConnection(target.databaseUrl);
    // Custom format: compressed, and pg_restore can restore it in one transaction.
    await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${url}`], env);
  } else {
    // The folder lock: a running server holds the database, and a copy taken under it would be torn.
    const lock = acquireFolderLock(target.pgliteDir);
    try {
      if (!fs.existsSync(path.join(target.pgliteDir, 'PG_VERSION'))) {
        throw new Error(`There is no embedded database in ${path.resolve(target.pgliteDir)} to back up.`);
      }
      const { PGlite } = await import('@electric-sql/pglite');
      const client = await PGlite.create(target.pgliteDir);
      try {
        const dump = await client.dumpDataDir('gzip');
        fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
      } finally {
        await client.close();
      }
    } finally {
      lock.release();
    }
  }
  return { engine: target.databaseUrl ? 'postgres' : 'pglite', file, bytes: fs.statSync(file).size, ms: Date.now() - started };
}

export interface RestoreOptions {
  /** Replace a database that already holds Payung's tables (PostgreSQL: its schemas are dropped first; PGlite: its folder is moved aside). */
  replace?: boolean;
}

export interface RestoreResult {
  engine: 'postgres' | 'pglite';
  ms: number;
  /** PGlite with `replace`: where the folder that was there now is. */
  movedAside: string | null;
}

export async function restoreDatabase(target: BackupTarget, file: string, options: RestoreOptions = {}): Promise<RestoreResult> {
  const started = Date.now();
  if (!fs.existsSync(file)) throw new Error(`There is no backup file ${file}.`);
  if (target.databaseUrl) {
    await checkToolVersion('pg_restore', target.databaseUrl);
    const { url, env } = toolConnection(target.databaseUrl);
    // Not an archive: say so before anything changes.
    await run('pg_restore', ['--list', file], env).catch((error: Error) => {
      throw new Error(`${file} is not a pg_dump archive (custom format): ${error.message.split('\n').slice(1).join(' ')}`);
    });
    const sql = postgres(target.databaseUrl, { max: 1, onnotice: () => {} });
    try {
      const [row] = await sql<{ tables: number }[]>`
        select count(*)::int as tables from pg_tables where schemaname in ('public', 'drizzle')`;
      if ((row?.tables ?? 0) > 0 && !options.replace) {
        throw new Error(
          'This database already holds tables: restore into an empty database (createdb), or pass --replace to drop ' +
            'everything in it first (stop the servers using it before).',
        );
      }
    } finally {
      await sql.end();
    }
    // The archive as SQL, run by psql in one transaction after emptying the schemas: a failure anywhere
    // leaves the database as it was, and no table of a newer version stays behind.
    await pipe(
      ['pg_restore', ['--no-owner', '--no-privileges', '--file=-', file]],
      [
        'psql',
        ['-X', '-q', '--single-transaction', '-v', 'ON_ERROR_STOP=1', '-c', EMPTY_SCHEMAS, '-f', '-', `--dbname=${url}`],
      ],
      env,
    );
    return { engine: 'postgres', ms: Date.now() - started, movedAside: null };
  }

  const dir = path.resolve(target.pgliteDir);
  const lock = acquireFolderLock(dir);
  let movedAside: string | null = null;
  try {
    if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) {
      if (!options.replace) {
        throw new Error(`${dir} already holds a database: pass --replace to move it aside and restore in its place.`);
      }
      movedAside = `${dir}.before-restore-${new Date().toISOString().replace(/[-:.]/g, '').slice(0, 15)}`;
      fs.renameSync(dir, movedAside);
    }
    try {
      const { PGlite } = await import('@electric-sql/pglite');
      const client = await PGlite.create(dir, { loadDataDir: new Blob([fs.readFileSync(file)]) });
      try {
        // A tarball that is not a Payung database fails here rather than at the next start.
        await client.query('select count(*) from drizzle.__drizzle_migrations');
      } finally {
        await client.close();
      }
    } catch (error) {
      fs.rmSync(dir, { recursive: true, force: true });
      if (movedAside) fs.renameSync(movedAside, dir);
      throw error;
    }
  } finally {
    lock.release();
  }
  return { engine: 'pglite', ms: Date.now() - started, movedAside };
}
