// The cron routes are listed once, in vercel.json (Vercel Cron runs them in production); the
// embedded launcher (scripts/serve.ts) reads the same list and calls each route on an interval.
import fs from 'node:fs';
import path from 'node:path';

export interface CronEntry {
  path: string;
  schedule: string;
  /** The schedule as a plain interval, for the embedded scheduler (not aligned to the clock). */
  everyMs: number;
}

const MIN = 60_000;

/** Interval of the cron expressions the project uses: every N minutes, hourly, every N hours, daily. */
export function cronIntervalMs(schedule: string): number {
  const f = schedule.trim().split(/\s+/);
  const rest = f.slice(2).join(' ');
  const step = (x: string) => (x === '*' ? 1 : /^\*\/([1-9]\d*)$/.exec(x)?.[1]);
  if (f.length === 5 && rest === '* * *') {
    const [m, h] = f;
    if (h === '*' && step(m)) return Number(step(m)) * MIN;
    if (/^\d+$/.test(m) && step(h)) return Number(step(h)) * 60 * MIN;
    if (/^\d+$/.test(m) && /^\d+$/.test(h)) return 24 * 60 * MIN;
  }
  throw new Error(`Cron schedule "${schedule}" is not one the embedded scheduler can run (every N minutes, every N hours, daily)`);
}

export function readCronList(rootDir = process.cwd()): CronEntry[] {
  const file = path.join(rootDir, 'vercel.json');
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { crons?: Array<{ path?: unknown; schedule?: unknown }> };
  return (parsed.crons ?? []).map((c) => {
    if (typeof c.path !== 'string' || !c.path.startsWith('/api/cron/') || typeof c.schedule !== 'string') {
      throw new Error(`vercel.json: each cron needs a path under /api/cron/ and a schedule: ${JSON.stringify(c)}`);
    }
    return { path: c.path, schedule: c.schedule, everyMs: cronIntervalMs(c.schedule) };
  });
}
