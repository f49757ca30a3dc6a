#!/usr/bin/env node
// `npm test`: typecheck, lint and the unit tests side by side (short, and each mostly one core), then the
// integration tests, then the e2e run. The first phase that fails stops the run with a non-zero exit and
// its output shown.
import { spawn } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Runs `npm run <script>`; `buffered` keeps its output until it ends, so parallel outputs do not interleave. */
function run(script, { buffered }) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(npm, ['run', script], { stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    const chunks = [];
    child.stdout?.on('data', (chunk) => chunks.push(chunk));
    child.stderr?.on('data', (chunk) => chunks.push(chunk));
    child.on('close', (code, signal) => {
      const seconds = Math.round((Date.now() - started) / 1000);
      if (chunks.length) process.stdout.write(Buffer.concat(chunks));
      console.log(`[test] ${script}: ${code === 0 ? 'passed' : `FAILED (${signal ?? `exit ${code}`})`} in ${seconds} s`);
      resolve(code === 0);
    });
  });
}

const total = Date.now();
const phases = [
  ['typecheck', 'lint', 'test:unit'],
  ['test:integration'],
  ['test:e2e'],
];
for (const scripts of phases) {
  const buffered = scripts.length > 1;
  const results = await Promise.all(scripts.map((script) => run(script, { buffered })));
  if (results.includes(false)) {
    console.error(`[test] failed: ${scripts.filter((_, i) => !results[i]).join(', ')}`);
    process.exit(1);
  }
}
console.log(`[test] all passed in ${Math.round((Date.now() - total) / 60_000 * 10) / 10} min`);
