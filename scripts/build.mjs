// Builds the app when its sources changed since the last build (shared by `npm start` and the e2e run).
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
// Next.js would otherwise send anonymous telemetry off this machine.
process.env.NEXT_TELEMETRY_DISABLED = '1';

export const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');

const SOURCES = ['app', 'components', 'contracts', 'db', 'domain', 'env', 'i18n', 'server', 'types', 'public', 'instrumentation.ts', 'next.config.mjs',
  'package-lock.json', 'tsconfig.json', 'proxy.ts'];

function sourceFingerprint() {
  const hash = crypto.createHash('sha256');
  const visit = (relative) => {
    const absolute = path.join(root, relative);
    if (!fs.existsSync(absolute)) return;
    if (fs.statSync(absolute).isDirectory()) {
      for (const entry of fs.readdirSync(absolute).sort()) visit(path.join(relative, entry));
    } else {
      hash.update(relative);
      hash.update(fs.readFileSync(absolute));
    }
  };
  SOURCES.forEach(visit);
  return hash.digest('hex');
}

export function buildIfNeeded(log = (message) => console.log(`[payung] ${message}`)) {
  const stamp = path.join(root, '.next', 'payung-source-hash');
  const fingerprint = sourceFingerprint();
  const built = fs.existsSync(path.join(root, '.next', 'BUILD_ID')) && fs.existsSync(stamp)
    && fs.readFileSync(stamp, 'utf8') === fingerprint;
  if (built) return;
  log('building the app (first start, or the sources changed)…');
  const started = Date.now();
  const result = spawnSync(process.execPath, [nextBin, 'build'], { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    console.error('[payung] the build failed; see the messages above.');
    process.exit(result.status ?? 1);
  }
  fs.writeFileSync(stamp, fingerprint);
  log(`built in ${Math.round((Date.now() - started) / 1000)} s`);
}
