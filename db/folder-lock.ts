// PGlite takes no lock on its data folder, and two processes on one folder either crash or silently lose
// writes (the last to close wins). Payung keeps a lock file beside the folder naming the owning process.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface FolderLock {
  path: string;
  release: () => void;
}

export class DatabaseLockedError extends Error {
  readonly code = 'DATABASE_LOCKED';
  constructor(
    readonly folder: string,
    readonly ownerPid: number,
  ) {
    super(
      `The embedded database in ${folder} is already open in another process (pid ${ownerPid}). ` +
        'Only one process may use it at a time: stop that process first (for example the running ' +
        '`npm start`), or set DATABASE_URL to use a PostgreSQL server, which many processes can share.',
    );
    this.name = 'DatabaseLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(lockPath: string): number | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as { pid?: unknown };
    return typeof parsed.pid === 'number' ? parsed.pid : null;
  } catch {
    return null;
  }
}

export function lockPathFor(folder: string): string {
  return `${path.resolve(folder)}.lock`;
}

export function acquireFolderLock(folder: string): FolderLock {
  const lockPath = lockPathFor(folder);
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  const content = JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() });

  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockPath, content, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(lockPath);
      if (owner !== null && isAlive(owner)) throw new DatabaseLockedError(path.resolve(folder), owner);
      // A lock left by a process that died: take it over.
      fs.rmSync(lockPath, { force: true });
      if (attempt === 2) throw error;
    }
  }

  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    if (readOwner(lockPath) === process.pid) fs.rmSync(lockPath, { force: true });
  };
  process.on('exit', release);
  return { path: lockPath, release };
}
