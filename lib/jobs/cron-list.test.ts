import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { tempDir } from '@/tests/support/temp-dir';
import { cronIntervalMs, readCronList } from './cron-list';

it('reads the cron routes from vercel.json, the one list', () => {
  const list = readCronList();
  expect(list).toContainEqual({ path: '/api/cron/sync', schedule: '* * * * *', everyMs: 60_000 });
  for (const c of list) expect(fs.existsSync(path.join('app', c.path, 'route.ts')), c.path).toBe(true);
});

it('turns the supported schedules into intervals and refuses the rest', () => {
  expect(cronIntervalMs('*/5 * * * *')).toBe(5 * 60_000);
  expect(cronIntervalMs('15 * * * *')).toBe(3_600_000);
  expect(cronIntervalMs('0 */6 * * *')).toBe(6 * 3_600_000);
  expect(cronIntervalMs('30 3 * * *')).toBe(24 * 3_600_000);
  for (const bad of ['* * * * 1', '0 0 1 * *', '*/0 * * * *', 'soon', '1,2 * * * *']) expect(() => cronIntervalMs(bad), bad).toThrow(/embedded scheduler/);
});

it('refuses a cron entry outside /api/cron/', () => {
  const dir = tempDir('cron');
  fs.writeFileSync(path.join(dir, 'vercel.json'), JSON.stringify({ crons: [{ path: '/api/orders', schedule: '* * * * *' }] }));
  expect(() => readCronList(dir)).toThrow(/under \/api\/cron\//);
});
