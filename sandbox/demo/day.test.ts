// The demo shop's day is kept beside its data: a restart on a later day serves the same orders
// under the same numbers; new data starts a new day.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { orderCount, simOrder } from '@/sandbox/core/catalog';
import { demoDay } from './day';
import { demoAmazonAccounts, demoEbayAccounts, demoWalmartAccounts } from './profiles';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const FIRST = Date.UTC(2026, 11, 6, 17, 25); // the day the data was made
const LATER = FIRST + 2 * DAY + 10 * HOUR; // a restart two days on

describe('the demo shop’s day', () => {
  const dirs: string[] = [];
  const dir = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'esm-demo-day-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('is recorded on first start and kept on a later one; new data starts a new day', () => {
    const d = dir();
    expect(demoDay(d, { fresh: true, now: FIRST })).toBe(Date.UTC(2026, 11, 6));
    expect(JSON.parse(fs.readFileSync(path.join(d, 'demo-day.json'), 'utf8'))).toEqual({ day: '2026-12-06' });
    expect(demoDay(d, { fresh: false, now: LATER })).toBe(Date.UTC(2026, 11, 6));
    expect(demoDay(d, { fresh: true, now: LATER })).toBe(Date.UTC(2026, 11, 9));
    expect(demoDay(d, { fresh: false, now: LATER + DAY })).toBe(Date.UTC(2026, 11, 9));
  });

  it('is today when the record is missing, unreadable or in the future', () => {
    const d = dir();
    const file = path.join(d, 'demo-day.json');
    expect(demoDay(d, { fresh: false, now: LATER })).toBe(Date.UTC(2026, 11, 9));
    for (const bad of ['not json', '{"day": 5}', '{"day": "2026-13-45"}', '{"day": "2027-01-01"}']) {
      fs.writeFileSync(file, bad);
      expect(demoDay(d, { fresh: false, now: LATER }), bad).toBe(Date.UTC(2026, 11, 9));
      expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ day: '2026-12-09' });
    }
  });

  it('data from before the record keeps the day it was first started (its secrets file), and records it', () => {
    const d = dir();
    fs.writeFileSync(path.join(d, 'secrets.json'), '{}');
    fs.utimesSync(path.join(d, 'secrets.json'), new Date(FIRST), new Date(FIRST));
    expect(demoDay(d, { fresh: false, now: LATER })).toBe(Date.UTC(2026, 11, 6));
    expect(JSON.parse(fs.readFileSync(path.join(d, 'demo-day.json'), 'utf8'))).toEqual({ day: '2026-12-06' });
    // New data is new, whatever the secrets file says.
    expect(demoDay(d, { fresh: true, now: LATER })).toBe(Date.UTC(2026, 11, 9));
  });

  it('built from the kept day, the simulators serve the same orders under the same numbers; built from today, they would not', () => {
    const profiles = (t: number) => [...demoWalmartAccounts(t), ...demoAmazonAccounts(t), ...demoEbayAccounts(t)].map((a) => a.profile);
    const kept = profiles(FIRST);
    const restarted = profiles(Date.UTC(2026, 11, 6, 23, 59)); // any time of the kept day
    const naive = profiles(LATER);
    let differs = 0;
    kept.forEach((p, k) => {
      const n = orderCount(p, LATER);
      expect(orderCount(restarted[k], LATER)).toBe(n);
      for (const i of [0, Math.floor(n / 2), n - 1]) {
        expect(simOrder(restarted[k], i)).toEqual(simOrder(p, i));
        if (simOrder(naive[k], i).createdAt !== simOrder(p, i).createdAt) differs++;
      }
    });
    expect(differs).toBeGreaterThan(0);
  });
});
