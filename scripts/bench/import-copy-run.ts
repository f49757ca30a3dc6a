// Runs scripts/bench/import-copy.ts in a child process (the import pipeline is server code, loaded with the
// react-server condition) and returns its measures.
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { ImportCopyMeasure } from './import-copy';

export function runImportCopy(databaseUrl: string, root: string): Promise<{ members: ImportCopyMeasure; contributions: ImportCopyMeasure }> {
  const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ['--conditions=react-server', path.join(root, 'scripts', 'bench', 'import-copy.ts')], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, IMPORT_COPY_DATABASE_URL: databaseUrl },
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('{')) reject(new Error(`import-copy failed (exit code ${code})`));
      else resolve(JSON.parse(last) as { members: ImportCopyMeasure; contributions: ImportCopyMeasure });
    });
  });
}
