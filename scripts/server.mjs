#!/usr/bin/env node
// The production server: Next.js's request handler in one or more worker processes sharing one port
// (node:cluster). One Node process renders on one core, so on PostgreSQL Payung runs a worker per core
// (PAYUNG_WORKERS overrides); the embedded PGlite database belongs to a single process, so one worker.
// The first worker listens at once and answers 503 `starting` while it runs the start-up work
// (db/prepare.ts: migrations, reference data, the demo seed, under a database lock that other processes
// and hosts wait on); the others are started one after another once it is ready, and each listens only
// when ready, so once an answer is 200 every answer is. A worker that dies is replaced.
import cluster from 'node:cluster';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import next from 'next';
import { root } from './build.mjs';
import { establishForwarded, parseTrustedProxies } from './forwarded.mjs';

const port = Number(process.env.PORT ?? 3000);
// All interfaces, as `next start`; HOST=127.0.0.1 keeps it to this machine.
const hostname = process.env.HOST || '0.0.0.0';

function workerCount(env = process.env) {
  if (env.PAYUNG_WORKERS) {
    const n = Number(env.PAYUNG_WORKERS);
    if (!Number.isInteger(n) || n < 1) throw new Error(`PAYUNG_WORKERS must be a whole number of at least 1, got "${env.PAYUNG_WORKERS}"`);
    return n;
  }
  if (!env.DATABASE_URL) return 1;
  return Math.min(os.availableParallelism(), 4);
}

/** Before start-up is done: health checks and load balancers read 503 `starting`, people a short note. */
function starting(request, response) {
  const health = request.url?.split('?')[0] === '/api/health';
  response.writeHead(503, {
    'content-type': health ? 'application/json' : 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    'retry-after': '5',
  });
  response.end(health ? JSON.stringify({ status: 'starting' }) : 'Payung sedang dimulai. Coba lagi sebentar lagi. / Payung is starting; try again in a moment.\n');
}

async function serve() {
  const trusted = parseTrustedProxies(process.env.PAYUNG_TRUSTED_PROXIES);
  const app = next({ dev: false, dir: root, hostname, port });
  let handle = starting;
  const server = http.createServer((request, response) => {
    establishForwarded(request, trusted);
    return handle(request, response);
  });
  // Next's own server keeps idle connections open a little longer than common proxies do.
  server.keepAliveTimeout = 65_000;
  const listen = () => new Promise((resolve) => server.listen(port, hostname, resolve));
  const early = process.env.PAYUNG_LISTEN_EARLY === '1';
  if (early) {
    await listen();
    process.send?.('listening');
  }
  await app.prepare();
  // The compiled instrumentation hook runs the start-up (Next calls it too; the work is done once).
  const instrumentation = createRequire(import.meta.url)(path.join(root, '.next', 'server', 'instrumentation.js'));
  await instrumentation.register();
  handle = app.getRequestHandler();
  if (!early) await listen();
  process.send?.('ready');
}

function forkWorker(index, { early = false } = {}) {
  return new Promise((resolve) => {
    const worker = cluster.fork({ PAYUNG_WORKER_INDEX: String(index), PAYUNG_LISTEN_EARLY: early ? '1' : '' });
    let ready = false;
    worker.on('message', (message) => {
      if (message !== 'ready') return;
      ready = true;
      resolve(worker);
    });
    worker.on('exit', (code, signal) => {
      resolve(null);
      // A worker that never got ready failed at start-up (its messages say why): no retry loop.
      if (stopping || !ready) return;
      console.error(`[payung] worker ${index} stopped (${signal ?? `exit ${code}`}); starting another`);
      void forkWorker(index);
    });
  });
}

let stopping = false;

if (cluster.isPrimary) {
  try {
    parseTrustedProxies(process.env.PAYUNG_TRUSTED_PROXIES);
  } catch (error) {
    console.error(`[payung] ${error.message}`);
    process.exit(1);
  }
  const workers = workerCount();
  // Ctrl-C reaches every process of the group; a signal sent to this process alone is passed on. Repeats
  // are ignored, so a worker closing the embedded database is never cut short.
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
      const exitWhenDone = () => {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(signal === 'SIGINT' ? 130 : 0);
      };
      cluster.on('exit', exitWhenDone);
      exitWhenDone();
    });
  }
  for (let i = 0; i < workers; i++) {
    // Only the first listens before it is ready: nobody else is serving yet.
    if (!(await forkWorker(i, { early: i === 0 }))) {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
      process.exitCode = 1;
      break;
    }
  }
  if (workers > 1) console.log(`[payung] ${workers} server processes on port ${port}`);
} else {
  await serve();
}
