// Child processes of the bench: npm scripts run to completion, timed.
import { spawn } from 'node:child_process';

export function log(message: string): void {
  console.log(`[bench] ${message}`);
}

/** Runs `npm run <script> [-- args]` with extra environment; resolves with the seconds it took. */
export function runNpmScript(script: string, args: readonly string[], env: Record<string, string>, cwd: string): Promise<number> {
  const started = performance.now();
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const argv = ['run', '--silent', script, ...(args.length > 0 ? ['--', ...args] : [])];
  return new Promise((resolve, reject) => {
    const child = spawn(npm, argv, { cwd, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve((performance.now() - started) / 1000);
      else reject(new Error(`npm run ${script} failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
