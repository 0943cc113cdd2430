// The orders schedule: every 10 minutes with production configuration, every 2 minutes on the
// embedded default (its simulated sellers take an order every few minutes, and a newcomer should
// see them on Orders within a couple of minutes); listings every 6 hours either way.
import { describe, expect, it } from 'vitest';
import { JobRegistry } from '@/lib/jobs/registry';
import { registerSyncKinds, SANDBOX_ORDERS_EVERY_MS, SCHEDULE_MS } from './handlers';

const job = (kind: 'sync_orders' | 'sync_listings') => ({ kind, orgId: 'o', accountId: 'acct-1', recurring: true });
const period = (r: JobRegistry, kind: 'sync_orders' | 'sync_listings') => {
  const a = r.nextRunAt(job(kind), 0)!.getTime();
  return r.nextRunAt(job(kind), a)!.getTime() - a;
};
const deps = { connectorFor: () => Promise.reject(new Error('not called')) };

describe('sync schedule', () => {
  it('runs orders every 10 minutes and listings every 6 hours by default', () => {
    const r = registerSyncKinds(new JobRegistry(), deps);
    expect(period(r, 'sync_orders')).toBe(10 * 60_000);
    expect(period(r, 'sync_listings')).toBe(SCHEDULE_MS.sync_listings);
    expect(SCHEDULE_MS.sync_listings).toBe(6 * 60 * 60_000);
  });

  it('runs orders every 2 minutes when the embedded default asks for it', () => {
    const r = registerSyncKinds(new JobRegistry(), { ...deps, everyMs: { sync_orders: SANDBOX_ORDERS_EVERY_MS } });
    expect(period(r, 'sync_orders')).toBe(2 * 60_000);
    expect(period(r, 'sync_listings')).toBe(6 * 60 * 60_000);
  });
});
