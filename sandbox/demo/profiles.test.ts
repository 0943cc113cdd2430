// The demo looks like a working shop: at any moment most past orders are shipped and delivered,
// a believable share is open, a few are due today or late, some are cancelled; new orders keep
// arriving across the three marketplaces (one every 2.5 minutes), while the history a first sync
// brings in stays under 4,800 orders (steady over the month, busy today).
import { describe, expect, it } from 'vitest';
import { orderCount, simOrder, type AccountProfile, type SimOrder } from '@/sandbox/core/catalog';
import { defaultWalmartAccounts } from '@/sandbox/walmart/accounts';
import { demoAmazonAccounts, demoEbayAccounts, demoWalmartAccounts } from './profiles';

const HOUR = 3_600_000;
// Mid-afternoon UTC, three days after the simulators started (history keeps moving forward).
const START = Date.UTC(2026, 11, 6, 9, 0);
const NOW = START + 3 * 24 * HOUR + 6 * HOUR;

type Fate = 'cancelled' | 'delivered' | 'shipped' | 'open' | 'late' | 'due_today';
function fateAt(o: SimOrder, t: number): Fate {
  if (o.cancelledAt !== null && o.cancelledAt <= t) return 'cancelled';
  if (o.deliveredAt !== null && o.deliveredAt <= t) return 'delivered';
  if (o.shippedAt !== null && o.shippedAt <= t) return 'shipped';
  if (o.shipBy < t) return 'late';
  const endOfDay = Date.UTC(new Date(t).getUTCFullYear(), new Date(t).getUTCMonth(), new Date(t).getUTCDate() + 1);
  return o.shipBy < endOfDay ? 'due_today' : 'open';
}

function census(profiles: AccountProfile[], t: number) {
  const n: Record<Fate, number> = { cancelled: 0, delivered: 0, shipped: 0, open: 0, late: 0, due_today: 0 };
  let total = 0;
  for (const p of profiles) {
    for (let i = 0; i < orderCount(p, t); i++) {
      n[fateAt(simOrder(p, i), t)]++;
      total++;
    }
  }
  return { n, total, share: (f: Fate) => n[f] / total };
}

const demoAt = (t: number) => [...demoWalmartAccounts(t), ...demoAmazonAccounts(t), ...demoEbayAccounts(t)].map((a) => a.profile);
const demo = () => demoAt(START);

describe('the demo shop', () => {
  it('has a believable mix of shipped, delivered, open, due today, late and cancelled orders', () => {
    const c = census(demo(), NOW);
    expect(c.total).toBeGreaterThan(3_000);
    expect(c.share('delivered') + c.share('shipped')).toBeGreaterThan(0.9);
    expect(c.share('delivered')).toBeGreaterThan(0.6);
    const open = c.n.open + c.n.due_today + c.n.late;
    expect(open / c.total).toBeGreaterThan(0.01);
    expect(open / c.total).toBeLessThan(0.06);
    expect(c.n.due_today).toBeGreaterThanOrEqual(3);
    expect(c.n.late).toBeGreaterThan(0);
    expect(c.n.late).toBeLessThan(0.15 * open);
    expect(c.share('cancelled')).toBeGreaterThan(0.015);
    expect(c.share('cancelled')).toBeLessThan(0.06);
  });

  it('is not the original mix, where most past orders were never shipped (and so were late)', () => {
    const old = defaultWalmartAccounts(START).map((a) => a.profile);
    const c = census(old, NOW);
    expect(c.n.late / c.total).toBeGreaterThan(0.5);
  });

  it('has at most 4,800 orders of history at a start, whatever the hour, steady over the month and busy today', () => {
    for (const hour of [0, 6, 12, 18, 23.99]) {
      const at = Date.UTC(2026, 11, 6) + hour * HOUR;
      const profiles = demoAt(at);
      const total = profiles.reduce((s, p) => s + orderCount(p, at), 0);
      expect(total).toBeGreaterThan(4_000);
      expect(total).toBeLessThanOrEqual(4_800);
      // A week compares with the week before as a steady shop's would (within a quarter).
      const between = (from: number, to: number) => profiles.reduce((s, p) => s + orderCount(p, to) - orderCount(p, from), 0);
      const today = Date.UTC(2026, 11, 6);
      const week = between(today - 7 * 24 * HOUR, today);
      const weekBefore = between(today - 14 * 24 * HOUR, today - 7 * 24 * HOUR);
      expect(week / weekBefore).toBeGreaterThan(1);
      expect(week / weekBefore).toBeLessThan(1.25);
      const firstDay = profiles.reduce((s, p) => s + orderCount(p, p.epochMs + 24 * HOUR), 0);
      expect(firstDay).toBeGreaterThan(0.6 * between(today - 24 * HOUR, today));
      // From the start on, new orders every couple of minutes.
      const nextHour = profiles.reduce((s, p) => s + orderCount(p, at + HOUR) - orderCount(p, at), 0);
      expect(nextHour).toBeGreaterThanOrEqual(20);
    }
  });

  it('rebuilds the same history when restarted later the same day', () => {
    const morning = demoAt(Date.UTC(2026, 11, 6, 0, 5));
    const evening = demoAt(Date.UTC(2026, 11, 6, 23, 55));
    for (const [k, p] of morning.entries()) {
      for (const i of [0, 100, 1_000, orderCount(p, Date.UTC(2026, 11, 6, 0, 5)) - 1]) expect(simOrder(evening[k], i)).toEqual(simOrder(p, i));
    }
  });

  it('keeps taking new orders every couple of minutes, and orders change status as time passes', () => {
    const profiles = demo();
    const later = NOW + 15 * 60_000;
    const before = profiles.reduce((s, p) => s + orderCount(p, NOW), 0);
    const after = profiles.reduce((s, p) => s + orderCount(p, later), 0);
    expect(after - before).toBeGreaterThanOrEqual(5); // a quarter of an hour: six (one every 2.5 minutes)
    let changed = 0;
    for (const p of profiles) for (let i = 0; i < orderCount(p, NOW); i++) if (fateAt(simOrder(p, i), NOW) !== fateAt(simOrder(p, i), later)) changed++;
    expect(changed).toBeGreaterThanOrEqual(3); // shipped and delivered
  });

  it('keeps every event of an order within the window the simulators scan', () => {
    const p = demo()[0];
    for (let i = 0; i < 3000; i++) {
      const o = simOrder(p, i);
      for (const e of [o.cancelledAt, o.partialShipAt, o.shippedAt, o.deliveredAt]) if (e !== null) expect(e - o.createdAt).toBeLessThanOrEqual(6 * 24 * HOUR);
      if (o.partialShipAt !== null) expect(o.partialShipAt).toBeLessThan(o.shippedAt!);
    }
  });
});
