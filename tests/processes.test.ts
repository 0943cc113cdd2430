// Bad input at the process level: a second process on the embedded database, and production
// configuration with a variable missing. Real child processes, as a newcomer would meet them.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '@/tests/support/temp-dir';
import { DatabaseLockedError } from '@/lib/db/lock';
import { sql } from 'drizzle-orm';
import { openDatabase } from '@/lib/db/connect';

const tsx = path.resolve('node_modules/.bin/tsx');

describe('a second process on the embedded database', () => {
  it('is refused with a message saying what to do, while the first keeps its data', async () => {
    const dir = tempDir('2proc');
    const holder = spawn(tsx, ['tests/support/hold-database.ts', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      holder.stdout!.on('data', (d) => String(d).includes('ready') && resolve());
      holder.once('exit', (c) => reject(new Error(`holder exited ${c}`)));
    });
    try {
      const err = await openDatabase({ dataDir: dir }).catch((e) => e);
      expect(err).toBeInstanceOf(DatabaseLockedError);
      // The holder's pid (the node process under the tsx wrapper), alive, and not ours.
      expect(err.message).toMatch(/already open in another process \(pid \d+\)/);
      expect(err.holderPid).not.toBe(process.pid);
      expect(() => process.kill(err.holderPid, 0)).not.toThrow();
      expect(err.message).toMatch(/stop the other ESM process.*or set DATABASE_URL/);
    } finally {
      holder.kill();
      await new Promise((r) => holder.once('exit', r));
    }
    // Once it has stopped, the folder opens again, with the first process's row in it.
    const again = await openDatabase({ dataDir: dir });
    const { rows } = (await again.db.execute(sql`select x from kept`)) as unknown as { rows: Array<{ x: number }> };
    expect(rows).toEqual([{ x: 42 }]);
    await again.close();
  }, 90_000);
});

describe('the launcher with incomplete production configuration', () => {
  it('exits 1 before starting anything, naming every missing variable', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, SUPABASE_URL: 'https://abcd.supabase.co', PORT: '3999' };
    for (const k of ['SUPABASE_ANON_KEY', 'DATABASE_URL', 'ENCRYPTION_KEY', 'CRON_SECRET', 'VERCEL']) delete env[k];
    const r = spawnSync(tsx, ['scripts/serve.ts', 'start'], { env, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(1);
    for (const name of ['SUPABASE_ANON_KEY', 'DATABASE_URL', 'ENCRYPTION_KEY', 'CRON_SECRET']) {
      expect(r.stderr).toContain(`${name} is required but not set`);
    }
    expect(r.stdout).not.toMatch(/ready|Next\.js/);
  }, 60_000);
});
