#!/usr/bin/env node
// The production server: Next.js's request handler in one or more worker processes sharing one port
// (node:cluster). One Node process renders on one core, so on PostgreSQL Payung runs a worker per core
// (PAYUNG_WORKERS overrides); the embedded PGlite database belongs to a single process, so one worker.
// Workers start one after another: the first runs the start-up work (migrations, demo seed, a stale
// rollup's rebuild) alone and the others find it done. A worker that dies is replaced.
import cluster from 'node:cluster';
import http from 'node:http';
import os from 'node:os';
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

async function serve() {
  const trusted = parseTrustedProxies(process.env.PAYUNG_TRUSTED_PROXIES);
  const app = next({ dev: false, dir: root, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = http.createServer((request, response) => {
    establishForwarded(request, trusted);
    return handle(request, response);
  });
  // Next's own server keeps idle connections open a little longer than common proxies do.
  server.keepAliveTimeout = 65_000;
  server.listen(port, hostname, () => process.send?.('listening'));
}

function forkWorker(index) {
  return new Promise((resolve) => {
    const worker = cluster.fork({ PAYUNG_WORKER_INDEX: String(index) });
    let listening = false;
    worker.on('message', (message) => {
      if (message !== 'listening') return;
      listening = true;
      resolve(worker);
    });
    worker.on('exit', (code, signal) => {
      resolve(null);
      // A worker that never got to listen failed at start-up (its messages say why): no retry loop.
      if (stopping || !listening) return;
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
    if (!(await forkWorker(i))) {
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
