// Shared by the Walmart connector tests: the simulator on a free port with a small seller whose
// orders are known exactly, a timer that moves the simulated clock instead of waiting, and a
// connector wired to both.
import { fixedClock, type SimClock } from '@/sandbox/core/clock';
import { firstIndexCreatedAtOrAfter, type AccountProfile } from '@/sandbox/core/catalog';
import { startService, type RunningService } from '@/sandbox/core/server';
import { WalmartSandbox, type RateLimit, type WalmartAccount, type WalmartOperation } from '@/sandbox/walmart';
import { RateLimits, type Timer } from '@/lib/marketplaces/http';
import type { NormalizedOrder, OrderWindow } from '@/lib/marketplaces/types';
import { WalmartConnector, type WalmartConnectorOptions } from '@/lib/marketplaces/walmart/connector';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** A fixed instant so every run sees the same orders (2026-03-15T12:00:00Z). */
export const T0 = Date.UTC(2026, 2, 15, 12, 0, 0);

/** 15 days of orders every 30 minutes: 721 orders at T0, so a full window is 4 pages of 200. */
export const SMALL: WalmartAccount = {
  clientId: 'esm-test-walmart-client-0001',
  clientSecret: 'esm-test-walmart-secret-do-not-log-0001',
  partnerId: '10005550001',
  sellerId: '105550001',
  name: 'ESM connector test seller',
  profile: { seed: 'esm-walmart-connector', epochMs: T0 - 15 * DAY, intervalMs: 30 * 60_000 },
};

export interface SimTimer extends Timer {
  slept: number[];
}

/** Sleeping advances the simulated clock: retries and bucket waits cost no real time. */
export function simTimer(clock: SimClock): SimTimer {
  const slept: number[] = [];
  return {
    slept,
    now: () => clock.now(),
    sleep: async (ms) => {
      slept.push(ms);
      clock.advance(Math.max(0, ms));
    },
  };
}

export interface Sim {
  svc: WalmartSandbox;
  clock: SimClock;
  url: string;
  running: RunningService;
  close(): Promise<void>;
}

export async function startSim(
  opts: { accounts?: WalmartAccount[]; rateLimits?: Partial<Record<WalmartOperation, RateLimit>> } = {},
): Promise<Sim> {
  const clock = fixedClock(T0);
  const svc = new WalmartSandbox({ clock, accounts: opts.accounts ?? [SMALL], rateLimits: opts.rateLimits });
  const running = await startService(svc, { port: 0 });
  return { svc, clock, url: running.url, running, close: () => running.close() };
}

export function connectorFor(sim: Sim, overrides: Partial<WalmartConnectorOptions> = {}, account = SMALL) {
  const timer = overrides.timer ?? simTimer(sim.clock);
  const limits = overrides.limits ?? new RateLimits(timer);
  const connector = new WalmartConnector({
    baseUrl: sim.url,
    credentials: { clientId: account.clientId, clientSecret: account.clientSecret },
    limits,
    timer,
    retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 2_000 },
    timeoutMs: 2_000,
    ...overrides,
  });
  return { connector, timer: timer as SimTimer, limits };
}

/** Every page of a window, as the sync engine does it. */
export async function syncWindow(c: WalmartConnector, window: OrderWindow, between?: () => void): Promise<{ orders: NormalizedOrder[]; pages: number }> {
  const orders: NormalizedOrder[] = [];
  let next: string | null = null;
  let pages = 0;
  do {
    const page = await c.fetchOrders(window, next);
    orders.push(...page.records);
    next = page.next;
    pages++;
    between?.();
  } while (next !== null);
  return { orders, pages };
}

/** Purchase order ids whose last change, as the simulator sees it now, is within [from, to]. */
export function expectedIds(sim: Sim, account: WalmartAccount, from: number, to: number): Set<string> {
  const book = sim.svc.book(account.clientId);
  const now = sim.clock.now();
  const ids = new Set<string>();
  for (let i = firstIndexCreatedAtOrAfter(account.profile, now - 180 * DAY); i < book.count(now); i++) {
    const lm = book.lastModified(book.order(i), now);
    if (lm >= from && lm <= to) ids.add(book.purchaseOrderId(i));
  }
  return ids;
}

export function windowOf(from: number, to: number): OrderWindow {
  return { updatedFrom: new Date(from), updatedTo: new Date(to) };
}

export type { AccountProfile };
