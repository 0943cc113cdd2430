// PGlite has no lock on its data directory: two processes on one directory both start and one
// silently loses its writes. An exclusive lock file (created with O_EXCL via link) refuses a
// second opener with a message that says what to do.
import fs from 'node:fs';
import path from 'node:path';

export class DatabaseLockedError extends Error {
  constructor(readonly dataDir: string, readonly holderPid: number) {
    super(
      `The embedded database in ${dataDir} is already open in another process (pid ${holderPid}). ` +
        'Only one process may open it: stop the other ESM process (another `npm run dev` or `npm start`), ' +
        'or set DATABASE_URL to use a PostgreSQL server.',
    );
    this.name = 'DatabaseLockedError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Take the lock for `dataDir`; returns a release function. Re-entrant within one process. */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, 'pglite.lock');
  const tmp = `${lockFile}.${process.pid}.${Date.now()}`;
  fs.writeFileSync(tmp, String(process.pid));
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        fs.linkSync(tmp, lockFile); // atomic: fails if the lock exists
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        const holder = Number(fs.readFileSync(lockFile, 'utf8').trim());
        if (holder === process.pid) break;
        if (Number.isInteger(holder) && holder > 0 && alive(holder)) throw new DatabaseLockedError(dataDir, holder);
        fs.rmSync(lockFile, { force: true }); // stale: its process is gone
        if (attempt === 1) throw new Error(`Could not take the lock ${lockFile}`);
      }
    }
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    try {
      if (Number(fs.readFileSync(lockFile, 'utf8').trim()) === process.pid) fs.rmSync(lockFile, { force: true });
    } catch {
      /* already gone */
    }
  };
  process.once('exit', release);
  return release;
}
