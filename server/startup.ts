import { eq, sql } from 'drizzle-orm';
import { getDatabase, queryRows } from '@/db';
import { settings } from '@/db/schema';
import { DatabaseLockedError } from '@/db/folder-lock';
import { prepareDatabase } from '@/db/prepare';
import { DEMO_PASSWORD, DEMO_USERS } from '@/db/seed/demo-users';
import { globalForStartup, type StartupState } from '@/server/startup-state';

/** Demo data goes into an empty database unless PAYUNG_DEMO=off (a production installation). */
function demoSeedingAllowed(): boolean {
  return !['off', 'false', '0', 'no'].includes((process.env.PAYUNG_DEMO ?? '').toLowerCase());
}

/**
 * Runs this process's start-up once, however many callers ask (the instrumentation hook, and
 * scripts/server.mjs, which waits for it before a worker serves): the database's start-up sequence
 * (db/prepare.ts), then what the operator needs to read.
 */
export function startPayung(): Promise<void> {
  if (!globalForStartup.payungStartup) {
    const entry: StartupState = { state: 'starting', promise: Promise.resolve() };
    entry.promise = run().then(
      () => {
        entry.state = 'ready';
      },
      (error: unknown) => {
        entry.state = 'failed';
        throw error;
      },
    );
    globalForStartup.payungStartup = entry;
  }
  return globalForStartup.payungStartup.promise;
}

async function run(): Promise<void> {
  const first = (process.env.PAYUNG_WORKER_INDEX ?? '0') === '0';
  const log = (message: string) => console.log(`[payung] ${message}`);
  const started = Date.now();
  let handle;
  try {
    handle = await getDatabase();
  } catch (error) {
    if (error instanceof DatabaseLockedError) {
      console.error(`\n[payung] ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  log(`database open (${handle.engine}: ${handle.location}) in ${Date.now() - started} ms`);
  await prepareDatabase(handle, { demo: demoSeedingAllowed(), log });
  log(`database ready in ${Date.now() - started} ms`);

  // Every server process starts this way (scripts/server.mjs); the first one speaks for them.
  if (first) {
    const [demo] = await handle.db.select({ value: settings.value }).from(settings).where(eq(settings.key, 'demo_data'));
    if (demo?.value === true) {
      log(`DEMO MODE: synthetic data. Demo sign-ins, password "${DEMO_PASSWORD}":`);
      for (const user of DEMO_USERS) log(`  ${user.email.padEnd(26)} ${user.role}`);
    } else {
      const [admins] = await queryRows<{ n: number }>(
        handle.db,
        sql`select count(*)::int as n from users where role = 'admin' and active`,
      );
      if (Number(admins?.n ?? 0) === 0) {
        log('No administrator can sign in yet. In this folder, with the same DATABASE_URL as this server, run:');
        log('  npm run user:create -- --role admin --email you@your-office.go.id --name "Your Name"');
        log('It asks for a password (10 characters or more); then sign in, and the first page says what to load.');
      }
    }
  }

  // Close the embedded database cleanly so its folder is left consistent and unlocked.
  // A repeated signal (Ctrl-C reaches the whole process group, and the server's parent passes it on) must
  // not cut the close short.
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    void handle.close().finally(() => process.exit(signal === 'SIGINT' ? 130 : 0));
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}
