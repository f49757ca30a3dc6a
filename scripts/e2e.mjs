#!/usr/bin/env node
// `npm run test:e2e`: builds if needed, then runs Playwright against `next start` on a fresh embedded
// database (seeded with the demo data at server start).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildIfNeeded, root } from './build.mjs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';
if (!fs.existsSync(chromium)) {
  console.error(`Chromium not found at ${chromium}. Install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  process.exit(1);
}

const dataDir = path.join(root, '.data', 'e2e-pglite');
fs.rmSync(dataDir, { recursive: true, force: true });
fs.rmSync(`${dataDir}.lock`, { force: true });

buildIfNeeded();
const result = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules', '@playwright', 'test', 'cli.js'), 'test', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit', env: { ...process.env, E2E_PGLITE_DIR: dataDir } },
);
process.exit(result.status ?? 1);
