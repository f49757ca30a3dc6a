import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '@/db';
import { DatabaseLockedError, lockPathFor } from '@/db/folder-lock';
import { settings } from '@/db/schema';

const root = path.resolve(__dirname, '..', '..');
const folders: string[] = [];

function tempFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'payung-lock-'));
  folders.push(dir);
  return path.join(dir, 'pglite');
}

function startHolder(folder: string) {
  const child = spawn(process.execPath, [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
    path.join(root, 'tests', 'helpers', 'hold-database.ts'), folder], { cwd: root, env: { ...process.env, DATABASE_URL: '' } });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const waitFor = async (word: string) => {
    for (let i = 0; i < 600; i++) {
      if (output.includes(word)) return;
      if (child.exitCode !== null) throw new Error(`holder exited: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`holder never said ${word}: ${output}`);
  };
  const send = (line: string) => child.stdin.write(`${line}\n`);
  return { child, waitFor, send, output: () => output };
}

function exited(child: ChildProcessWithoutNullStreams) {
  return new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.on('exit', resolve);
  });
}

afterEach(() => {
  for (const dir of folders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the embedded database folder lock', () => {
  it('refuses a second process with a clear message, and the first loses nothing', async () => {
    const folder = tempFolder();
    const holder = startHolder(folder);
    await holder.waitFor('ready');
    holder.send('write');
    await holder.waitFor('written');

    const second = openDatabase({ pgliteDir: folder, databaseUrl: '' });
    await expect(second).rejects.toBeInstanceOf(DatabaseLockedError);
    await expect(second).rejects.toThrow(/already open in another process.*DATABASE_URL/s);

    holder.send('write');
    await holder.waitFor('written\nwritten');
    holder.send('close');
    expect(await exited(holder.child)).toBe(0);
    expect(fs.existsSync(lockPathFor(folder))).toBe(false);

    const reopened = await openDatabase({ pgliteDir: folder, databaseUrl: '' });
    try {
      const rows = await reopened.db.select({ key: settings.key }).from(settings);
      expect(rows.map((row) => row.key).sort()).toEqual(['holder-1', 'holder-2']);
    } finally {
      await reopened.close();
    }
  });

  it('takes over a lock left by a process that died', async () => {
    const folder = tempFolder();
    fs.mkdirSync(path.dirname(folder), { recursive: true });
    // A pid far above any live one on this machine.
    fs.writeFileSync(lockPathFor(folder), JSON.stringify({ pid: 2 ** 22 + 12345 }));
    const handle = await openDatabase({ pgliteDir: folder, databaseUrl: '', migrate: true });
    try {
      expect(JSON.parse(fs.readFileSync(lockPathFor(folder), 'utf8')).pid).toBe(process.pid);
    } finally {
      await handle.close();
    }
  });
});
