// The production server under test: built when the sources changed, started on a loopback port against
// the bench database, stopped at the end (also on an error or Ctrl-C).
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { buildIfNeeded } from '../build.mjs';
import { log, sleep } from './run';

export interface RunningServer {
  baseUrl: string;
  /** The application_name of the server's database connections, to find its queries. */
  applicationName: string;
  startSeconds: number;
  logFile: string;
  stop: () => Promise<void>;
}

async function healthy(baseUrl: string): Promise<{ status: number; database?: string } | null> {
  try {
    const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
    const body = (await response.json().catch(() => ({}))) as { database?: string };
    return { status: response.status, database: body.database };
  } catch {
    return null;
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startServer(args: { root: string; port: number; databaseUrl: string; outDir: string }): Promise<RunningServer> {
  const baseUrl = `http://127.0.0.1:${args.port}`;
  if (await healthy(baseUrl)) {
    throw new Error(`something already answers on ${baseUrl}: stop it or set BENCH_PORT to a free port (3200–3299)`);
  }
  buildIfNeeded((message) => log(message));

  fs.mkdirSync(args.outDir, { recursive: true });
  const logFile = path.join(args.outDir, 'server.log');
  const out = fs.openSync(logFile, 'w');
  const started = performance.now();
  // Named in the URL (which postgres.js lets override the app's own name) so the bench can end the
  // queries this server leaves behind.
  const applicationName = `payung-bench-${process.pid}-${crypto.randomBytes(3).toString('hex')}`;
  const serverDatabaseUrl = new URL(args.databaseUrl);
  serverDatabaseUrl.searchParams.set('application_name', applicationName);
  const child = spawn(process.execPath, [path.join(args.root, 'scripts', 'server.mjs')], {
    cwd: args.root,
    stdio: ['ignore', out, out],
    env: {
      ...process.env,
      DATABASE_URL: serverDatabaseUrl.toString(),
      PAYUNG_DEMO: 'off',
      // Sessions only need to outlive this run: a fresh key each time, never written anywhere.
      NEXTAUTH_SECRET: crypto.randomBytes(32).toString('hex'),
      NEXTAUTH_URL: baseUrl,
      NEXT_TELEMETRY_DISABLED: '1',
      PORT: String(args.port),
      HOST: '127.0.0.1',
    },
  });
  fs.closeSync(out);

  let stopped: Promise<void> | null = null;
  const stop = () => (stopped ??= stopChild(child));

  for (let i = 0; i < 720; i++) {
    if (child.exitCode !== null) break;
    const health = await healthy(baseUrl);
    if (health?.status === 200 && health.database === 'ok') {
      const startSeconds = (performance.now() - started) / 1000;
      log(`server ready at ${baseUrl} in ${startSeconds.toFixed(1)} s (log: ${logFile})`);
      return { baseUrl, applicationName, startSeconds, logFile, stop };
    }
    await sleep(250);
  }
  await stop();
  const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
  throw new Error(`the server did not become healthy on ${baseUrl}; last lines of ${logFile}:\n${tail}`);
}
