#!/usr/bin/env node
// `npm start`: builds the app when its sources changed since the last build, then runs the production
// server. The database's start-up (migrations, reference data, the demo seed) runs inside the server
// (db/prepare.ts), which answers 503 `starting` until it is done.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { buildIfNeeded, root } from './build.mjs';

const port = process.env.PORT ?? '3000';
const dataDir = path.join(root, '.data');

function log(message) {
  console.log(`[payung] ${message}`);
}

/** A secret for signing sessions, made once per installation and kept out of git in .data/. */
function ensureAuthSecret() {
  if (process.env.NEXTAUTH_SECRET) return;
  const file = path.join(dataDir, 'auth-secret');
  fs.mkdirSync(dataDir, { recursive: true });
  if (!fs.existsSync(file)) {
    fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  process.env.NEXTAUTH_SECRET = fs.readFileSync(file, 'utf8').trim();
}

async function waitForHealth(url, child) {
  for (let i = 0; i < 2400 && child.exitCode === null; i++) {
    try {
      // 503 `starting` while the database is prepared (a first start, an upgrade, the demo seed).
      const response = await fetch(url);
      if (response.status === 200) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

ensureAuthSecret();
process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
buildIfNeeded();

const started = Date.now();
const child = spawn(process.execPath, [path.join(root, 'scripts', 'server.mjs')], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, PORT: port },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

if (await waitForHealth(`http://127.0.0.1:${port}/api/health`, child)) {
  log(`Payung is running at http://localhost:${port} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
