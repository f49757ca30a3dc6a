// The bench database: created when missing, seeded with the tier's scale data (`--scale banyumas` or
// `jateng`) when it does not hold it, migrated, and its rollups rebuilt when the project has that command.
import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import type { ScaleName } from '../../db/seed/scale';
import { SCALE_TIERS } from './options';
import { log, runNpmScript } from './run';

export type Sql = postgres.Sql;

export function connect(databaseUrl: string, max = 2): Sql {
  return postgres(databaseUrl, { max, onnotice: () => {}, idle_timeout: 30 });
}

function databaseName(databaseUrl: string): { name: string; maintenanceUrl: string } {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!name) throw new Error('BENCH_DATABASE_URL names no database');
  url.pathname = '/postgres';
  return { name, maintenanceUrl: url.toString() };
}

/** Where the URL points, without a password, for the report. */
export function describeDatabase(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.password = '';
  return url.toString();
}

async function ensureDatabaseExists(databaseUrl: string): Promise<boolean> {
  const { name, maintenanceUrl } = databaseName(databaseUrl);
  const admin = connect(maintenanceUrl, 1);
  try {
    const [row] = await admin`select 1 as ok from pg_database where datname = ${name}`;
    if (row) return false;
    log(`creating database ${name}`);
    await admin.unsafe(`create database "${name.replace(/"/g, '""')}"`);
    return true;
  } finally {
    await admin.end();
  }
}

async function countMembers(databaseUrl: string): Promise<number> {
  const sql = connect(databaseUrl, 1);
  try {
    const [table] = await sql`select to_regclass('public.members') is not null as present`;
    if (!table?.present) return 0;
    const [row] = await sql`select count(*)::int as n from members`;
    return Number(row?.n ?? 0);
  } finally {
    await sql.end();
  }
}

export interface DatabaseReport {
  url: string;
  scale: ScaleName;
  created: boolean;
  seeded: boolean;
  seedSeconds: number | null;
  members: number;
  contributions: number;
  contributionMonths: number;
  claims: number;
  rollupRows: number;
  migrateSeconds: number;
  rollupRebuildSeconds: number | null;
  rollupRebuildBudgetSeconds: number;
  rollupRebuildNote: string;
}

function hasNpmScript(root: string, script: string): boolean {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  return Boolean(pkg.scripts?.[script]);
}

/** Creates, seeds (when needed), migrates the bench database and (when asked) times a full rollup rebuild. */
export async function prepareDatabase(databaseUrl: string, root: string, rebuild: boolean, scale: ScaleName): Promise<DatabaseReport> {
  const env = { DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: '1' };
  const { tier, minMembers } = SCALE_TIERS[scale];
  const created = await ensureDatabaseExists(databaseUrl);
  let members = created ? 0 : await countMembers(databaseUrl);
  let seedSeconds: number | null = null;
  if (members < minMembers) {
    log(`the database holds ${members} members (< ${minMembers}): seeding the ${tier}-scale data (--scale ${scale}, minutes)…`);
    seedSeconds = await runNpmScript('db:seed', ['--scale', scale], env, root);
    members = await countMembers(databaseUrl);
    if (members < minMembers) throw new Error(`after seeding, the database holds ${members} members (< ${minMembers})`);
  } else {
    log(`reusing the database: ${members.toLocaleString('en')} members`);
  }

  log('applying migrations');
  const migrateSeconds = await runNpmScript('db:migrate', [], env, root);

  let rollupRebuildSeconds: number | null = null;
  let rollupRebuildNote = 'no rollups:rebuild script in package.json: skipped';
  if (!rebuild) {
    rollupRebuildNote = 'not timed (section skipped); a stale rollup is rebuilt when the server starts';
    log(rollupRebuildNote);
  } else if (hasNpmScript(root, 'rollups:rebuild')) {
    log('rebuilding the rollups (npm run rollups:rebuild)');
    rollupRebuildSeconds = await runNpmScript('rollups:rebuild', [], env, root);
    rollupRebuildNote = 'npm run rollups:rebuild, wall time including process start';
  } else {
    log(rollupRebuildNote);
  }

  const sql = connect(databaseUrl, 1);
  try {
    const [row] = await sql`
      select (select count(*) from members)::int as members,
             (select count(*) from contributions)::int as contributions,
             (select coalesce(sum(months_count), 0) from contributions)::bigint as months,
             (select count(*) from claims)::int as claims,
             (select count(*) from rollup_monthly)::int as rollup_rows`;
    return {
      url: describeDatabase(databaseUrl),
      scale,
      created,
      seeded: seedSeconds !== null,
      seedSeconds,
      members: Number(row?.members ?? 0),
      contributions: Number(row?.contributions ?? 0),
      contributionMonths: Number(row?.months ?? 0),
      claims: Number(row?.claims ?? 0),
      rollupRows: Number(row?.rollup_rows ?? 0),
      migrateSeconds,
      rollupRebuildSeconds,
      rollupRebuildBudgetSeconds: SCALE_TIERS[scale].rebuildBudgetSeconds,
      rollupRebuildNote,
    };
  } finally {
    await sql.end();
  }
}

/**
 * Ends the queries a stopped server left running (PostgreSQL only notices a closed client when it
 * writes to it): after a saturated load test they would hold the CPU for minutes. Only the backends
 * named with this run's application_name.
 */
export async function terminateBackends(sql: Sql, applicationName: string): Promise<number> {
  const rows = await sql`
    select pg_terminate_backend(pid) as ok from pg_stat_activity
    where application_name = ${applicationName} and pid <> pg_backend_pid()`;
  return rows.length;
}
