// A database outage, end to end: a second Payung server on PostgreSQL reached through a TCP relay this
// test controls, so closing the relay is the outage (connections refused) without stopping the machine's
// PostgreSQL. What each kind of request answers meanwhile, and how fast the server recovers afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { decode } from 'next-auth/jwt';
import postgres from 'postgres';
import { expect, test, type BrowserContext } from '@playwright/test';
import { DEMO_PASSWORD, ROLES, screenshot, signIn } from './fixtures';
import { signInOverHttp } from './helpers';

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const port = Number(process.env.E2E_OUTAGE_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 1);
const baseURL = `http://127.0.0.1:${port}`;
const SECRET = 'e2e-outage-secret-not-for-production-0123456789';
const database = `payung_e2e_outage_${process.pid}`;

/** A TCP relay to PostgreSQL that can refuse connections (closed) and accept them again (opened). */
class Relay {
  private server: net.Server | null = null;
  private sockets = new Set<net.Socket>();
  port = 0;

  async open(): Promise<void> {
    const upstream = new URL(ADMIN_URL);
    this.server = net.createServer((client) => {
      const server = net.connect(Number(upstream.port || 5432), upstream.hostname);
      for (const socket of [client, server]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(server).pipe(client);
      client.on('close', () => server.destroy());
      server.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  /** Drops every open connection and refuses new ones (ECONNREFUSED), as a stopped server would. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const relay = new Relay();
let child: ChildProcess | null = null;
let log = '';

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check().catch(() => false)) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`not within ${timeoutMs} ms`);
}

async function sessionIdOf(context: BrowserContext): Promise<string> {
  const cookies = await context.cookies();
  const token = cookies.find((cookie) => cookie.name.endsWith('next-auth.session-token'))!.value;
  return String((await decode({ token, secret: SECRET }))!.sid);
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${database}" with (force)`);
  await admin.unsafe(`create database "${database}"`);
  await admin.end();
  await relay.open();
  const url = new URL(ADMIN_URL);
  url.port = String(relay.port);
  url.hostname = '127.0.0.1';
  url.pathname = `/${database}`;
  child = spawn(process.execPath, [path.join(__dirname, '..', 'scripts', 'server.mjs')], {
    cwd: path.join(__dirname, '..'),
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: url.toString(),
      PAYUNG_WORKERS: '1',
      NEXTAUTH_SECRET: SECRET,
      NEXTAUTH_URL: baseURL,
      NEXT_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  await waitFor(async () => (await fetch(`${baseURL}/api/health`)).status === 200, 280_000);
});

test.afterAll(async () => {
  child?.kill('SIGTERM');
  await new Promise((resolve) => (child?.exitCode === null ? child.once('exit', resolve) : resolve(null)));
  await relay.close();
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${database}" with (force)`);
  await admin.end();
});

test('an outage answers 503 to the API, an outage page to every page and to sign-in, and passes by itself', async ({ browser }) => {
  test.setTimeout(120_000);
  const officer = await browser.newContext({ baseURL });
  const page = await officer.newPage();
  await signIn(page, ROLES.officer);
  await expect(page.getByRole('heading', { level: 1, name: 'Ringkasan' })).toBeVisible();
  const sessionId = await sessionIdOf(officer);
  const visitor = await browser.newContext({ baseURL });
  const login = await visitor.newPage();
  await login.goto('/login');

  await relay.close();

  const api = await officer.request.get('/api/v1/summary');
  const apiBody = await api.json();
  console.log(`[outage] API GET /api/v1/summary → ${api.status()} ${JSON.stringify(apiBody)}`);
  expect(api.status()).toBe(503);
  expect(apiBody.error.code).toBe('database_unavailable');
  expect(apiBody.error.message).toMatch(/Basis data sedang tidak dapat dihubungi/);

  // The sign-in form opened before the outage says the same, with no SQL in the URL or on the page.
  await login.getByLabel(/email/i).fill(ROLES.officer);
  await login.getByLabel(/kata sandi|password/i).fill(DEMO_PASSWORD);
  await login.getByRole('button', { name: /^(masuk|sign in)$/i }).click();
  await expect(login.getByRole('alert').filter({ hasText: /Basis data Payung sedang tidak dapat dihubungi/ })).toBeVisible();
  const signInAnswer = await signInOverHttp(baseURL, { email: ROLES.officer, password: DEMO_PASSWORD });
  console.log(`[outage] sign-in POST → ${signInAnswer.status} ${signInAnswer.body}`);
  expect(JSON.parse(signInAnswer.body).url).toMatch(/error=database_unavailable$/);

  for (const [who, tab, path] of [['officer', page, '/villages'], ['visitor', login, '/login']] as const) {
    const response = await tab.goto(path);
    await expect(tab.getByRole('heading', { name: 'Basis data tidak dapat dihubungi' })).toBeVisible();
    await expect(tab.getByText('dimuat ulang sendiri')).toBeVisible();
    console.log(`[outage] page ${path} (${who}) → ${response?.status()} "Basis data tidak dapat dihubungi"`);
    await screenshot(tab, `outage-${who}`);
    for (const text of [await tab.content(), tab.url()]) expect(text).not.toMatch(/select |insert |sign_in_attempts|user_sessions|params:/i);
  }
  for (const text of [JSON.stringify(apiBody), signInAnswer.body]) expect(text).not.toMatch(/select |sign_in_attempts|params:/i);

  await relay.open();
  const recovery = await waitFor(async () => (await officer.request.get('/api/v1/summary')).status() === 200, 30_000);
  console.log(`[outage] API answers 200 again ${recovery} ms after PostgreSQL accepts connections again`);
  expect(recovery).toBeLessThan(5_000);
  // The outage page was waiting: it shows the page by itself.
  await expect(page.getByRole('heading', { level: 1, name: 'Wilayah' })).toBeVisible({ timeout: 15_000 });

  // Nothing in the server's log opens a session: neither the id nor what the database keeps of it.
  const key = crypto.createHash('sha256').update(sessionId).digest('base64url');
  expect(log).not.toContain(sessionId);
  expect(log).not.toContain(key);
  expect(log).not.toMatch(/params:/);
  await Promise.all([officer.close(), visitor.close()]);
});
