// Two `npm start` servers (scripts/server.mjs, two worker processes each) started at once on one empty
// PostgreSQL database, as an office with two hosts or a restart after an upgrade would: the start-up
// sequence (migrations, reference data, the demo seed) runs once under the database lock, every answer
// is 503 `starting` until a server is ready and 200 from then on, and the demo is there once.
// Needs the production build: it is made here when the sources changed (npm test's e2e step reuses it).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIfNeeded, root } from '../../scripts/build.mjs';
import { TEST_DATABASE_URL } from '../helpers/databases';
import { DEMO_USERS } from '@/db/seed/demo-users';

interface Answer {
  at: number;
  status: number | 'refused';
  body?: unknown;
}

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

async function ask(url: string): Promise<Answer> {
  const at = Date.now();
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // a page, not JSON
    }
    return { at, status: response.status, body };
  } catch {
    return { at, status: 'refused' };
  }
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

describe('two servers starting at once on an empty PostgreSQL database', () => {
  const name = `payung_race_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const servers: { child: ChildProcess; port: number; log: string }[] = [];
  const answers = new Map<number, Answer[]>();

  beforeAll(async () => {
    buildIfNeeded();
    const admin = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    await admin.end();
    const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'payung-race-'));
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      const log = path.join(logDir, `server-${i}.log`);
      const out = fs.openSync(log, 'w');
      const child = spawn(process.execPath, [path.join(root, 'scripts', 'server.mjs')], {
        cwd: root,
        stdio: ['ignore', out, out],
        env: {
          ...process.env,
          DATABASE_URL: url.toString(),
          PAYUNG_WORKERS: '2',
          PAYUNG_DEMO: '',
          PORT: String(port),
          HOST: '127.0.0.1',
          NEXTAUTH_SECRET: 'start-race-test-secret-0123456789abcdef',
          NEXTAUTH_URL: `http://127.0.0.1:${port}`,
          NEXT_TELEMETRY_DISABLED: '1',
        },
      });
      fs.closeSync(out);
      servers.push({ child, port, log });
      answers.set(port, []);
    }
    // Ask both every 100 ms until each has answered 200 for 5 s (long enough for its second worker to join).
    const readySince = new Map<number, number>();
    const deadline = Date.now() + 8 * 60_000;
    while (Date.now() < deadline) {
      for (const { port, child } of servers) {
        if (child.exitCode !== null) throw new Error(`the server on ${port} stopped:\n${fs.readFileSync(servers.find((s) => s.port === port)!.log, 'utf8')}`);
        const answer = await ask(`http://127.0.0.1:${port}/api/health`);
        answers.get(port)!.push(answer);
        if (answer.status === 200 && !readySince.has(port)) readySince.set(port, answer.at);
      }
      if (servers.every(({ port }) => (readySince.get(port) ?? Infinity) < Date.now() - 5_000)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // And a page on each, several times (round robin over the workers).
    for (const { port } of servers) {
      for (let i = 0; i < 6; i++) answers.get(port)!.push(await ask(`http://127.0.0.1:${port}/login`));
    }
  }, 15 * 60_000);

  afterAll(async () => {
    await Promise.all(servers.map(({ child }) => stop(child)));
    const admin = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  });

  it('answers 503 starting until ready, then 200 every time', () => {
    for (const { port, log } of servers) {
      const list = answers.get(port)!;
      const first200 = list.findIndex((a) => a.status === 200);
      expect(first200, fs.readFileSync(log, 'utf8')).toBeGreaterThanOrEqual(0);
      for (const answer of list.slice(0, first200)) {
        if (answer.status === 'refused') continue; // not listening yet
        expect(answer).toMatchObject({ status: 503, body: { status: 'starting' } });
      }
      expect(list.slice(first200).map((a) => a.status)).toEqual(list.slice(first200).map(() => 200));
      // The server said "starting" before it was ready: the test watched a real wait, not a finished start.
      expect(list.slice(0, first200).some((a) => a.status === 503)).toBe(true);
    }
  });

  it('seeded the demo once, over the reference data', async () => {
    const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
    try {
      const [row] = await sql<{ regions: number; users: number; migrations: number; datasets: number }[]>`
        select (select count(*)::int from regions) as regions, (select count(*)::int from users) as users,
          (select count(*)::int from drizzle.__drizzle_migrations) as migrations,
          (select count(*)::int from reference_datasets) as datasets`;
      const journal = JSON.parse(fs.readFileSync(path.join(root, 'db', 'migrations', 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
      expect(row).toEqual({ regions: 9175, users: DEMO_USERS.length, migrations: journal.entries.length, datasets: 5 });
    } finally {
      await sql.end();
    }
  });
});
