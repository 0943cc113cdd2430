// The demo shop's day: the UTC day its simulators first started for this data. The simulators
// build the shop's orders from it (30 days of history before it, the live rate from it on), and an
// order is known to them by its place in that schedule. Built from a later day, the same order
// numbers would stand for other orders: after a restart the next day, the app's database held
// yesterday's orders under numbers the simulators now gave to new ones, so new orders never
// appeared. The day is kept beside the data (`<dataDir>/demo-day.json`), chosen anew only when the
// data is new. Data made before the record existed takes the day its secrets were written, which is
// the day it was first started (lib/env.ts writes `secrets.json` once).
import fs from 'node:fs';
import path from 'node:path';
import { startOfUtcDay } from '@/sandbox/core/clock';

const FILE = 'demo-day.json';

/**
 * The start (UTC) of the demo's day for the data in `dataDir`: the one recorded there; without a
 * readable record, the day `secrets.json` was written (data from before the record); else, or
 * when that lies in the future, or when `fresh` (the data is new), today's. The day is recorded.
 */
export function demoDay(dataDir: string, opts: { fresh: boolean; now?: number }): number {
  const today = startOfUtcDay(opts.now ?? Date.now());
  const file = path.join(dataDir, FILE);
  if (!opts.fresh) {
    const kept = readDay(file) ?? firstStart(dataDir);
    if (kept !== null && kept <= today) return record(file, kept);
  }
  return record(file, today);
}

function record(file: string, day: number): number {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify({ day: new Date(day).toISOString().slice(0, 10) })}\n`);
  return day;
}

function firstStart(dataDir: string): number | null {
  try {
    return startOfUtcDay(fs.statSync(path.join(dataDir, 'secrets.json')).mtimeMs);
  } catch {
    return null;
  }
}

function readDay(file: string): number | null {
  try {
    const { day } = JSON.parse(fs.readFileSync(file, 'utf8')) as { day?: unknown };
    if (typeof day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
    const t = Date.parse(`${day}T00:00:00Z`);
    return Number.isFinite(t) ? t : null;
  } catch {
    return null;
  }
}
