import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '@/tests/support/temp-dir';
import { openDatabase } from './connect';
import { DatabaseLockedError, lockDataDir } from './lock';

describe('embedded database lock', () => {
  it('refuses a second process with a message that says what to do, and allows it after', async () => {
    const dir = tempDir('lock');
    // Another live process holds the lock.
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    await new Promise((r) => other.once('spawn', r));
    fs.writeFileSync(path.join(dir, 'pglite.lock'), String(other.pid));
    try {
      await expect(openDatabase({ dataDir: dir })).rejects.toThrow(DatabaseLockedError);
      await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/already open in another process \(pid \d+\).*DATABASE_URL/s);
    } finally {
      other.kill();
      await new Promise((r) => other.once('exit', r));
    }
    // Its process is gone: the stale lock is taken over.
    const db = await openDatabase({ dataDir: dir });
    expect(fs.readFileSync(path.join(dir, 'pglite.lock'), 'utf8')).toBe(String(process.pid));
    await db.close();
    expect(fs.existsSync(path.join(dir, 'pglite.lock'))).toBe(false);
  });

  it('is re-entrant for the process that holds it', () => {
    const dir = tempDir('lock');
    const release = lockDataDir(dir);
    expect(() => lockDataDir(dir)).not.toThrow();
    release();
  });
});
