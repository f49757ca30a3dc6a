// A production-mode Payung of its own for a spec: `scripts/server.mjs` with two worker processes, demo data
// off, on a fresh PostgreSQL database — what a branch office runs (README "Putting Payung into service").
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';

const root = path.join(__dirname, '..');
const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface OfficeServer {
  baseURL: string;
  databaseUrl: string;
  /** What the server printed so far. */
  output: () => string;
  /** `npm run user:create -- …` against the office's database, the password on standard input. */
  createUser: (args: { role: string; email: string; name: string; password: string; region?: string }) => { status: number; output: string };
  stop: () => Promise<void>;
}

export async function startOfficeServer(label: string): Promise<OfficeServer> {
  const name = `payung_${label}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), `payung-${label}-`)), 'server.log');
  const out = fs.openSync(log, 'w');
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PAYUNG_DEMO: 'off',
    PAYUNG_WORKERS: '2',
    PORT: String(port),
    HOST: '127.0.0.1',
    NEXTAUTH_SECRET: `${label}-e2e-secret-0123456789abcdef`,
    NEXTAUTH_URL: baseURL,
    NEXT_TELEMETRY_DISABLED: '1',
  };
  delete (env as Record<string, string | undefined>).PGLITE_DIR;
  delete (env as Record<string, string | undefined>).E2E_PGLITE_DIR;
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'scripts', 'server.mjs')], { cwd: root, stdio: ['ignore', out, out], env });
  fs.closeSync(out);
  const output = () => fs.readFileSync(log, 'utf8');

  // Ready once /api/health answers 200 (503 `starting` until the start-up sequence is done).
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the office server stopped:\n${output()}`);
    const status = await fetch(`${baseURL}/api/health`, { signal: AbortSignal.timeout(5_000) }).then((r) => r.status, () => 0);
    if (status === 200) break;
    if (Date.now() > deadline) throw new Error(`the office server was not ready in 5 min:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }

  return {
    baseURL,
    databaseUrl,
    output,
    createUser: ({ role, email, name: fullName, password, region }) => {
      const args = ['run', '--silent', 'user:create', '--', '--role', role, '--email', email, '--name', fullName, ...(region ? ['--region', region] : [])];
      const result = spawnSync('npm', args, { cwd: root, input: `${password}\n`, encoding: 'utf8', env });
      return { status: result.status ?? 1, output: `${result.stdout}${result.stderr}` };
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        await new Promise<void>((resolve) => {
          const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.once('exit', () => {
            clearTimeout(force);
            resolve();
          });
          child.kill('SIGTERM');
        });
      }
      const dropper = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      await dropper.end();
    },
  };
}
