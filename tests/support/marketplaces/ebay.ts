// Test-only helpers: the eBay simulator on a free port with a small, known seller, and connectors
// wired to it with fast retries and a virtual timer where waiting would be slow.
import { fixedClock, type SimClock } from '@/sandbox/core/clock';
import { lastModified, orderCount, simOrder, type AccountProfile } from '@/sandbox/core/catalog';
import { startService, type RunningService } from '@/sandbox/core/server';
import {
  EBAY_SANDBOX_CLIENT_ID, EBAY_SANDBOX_CLIENT_SECRET, EBAY_SANDBOX_SELLER_PASSWORD, EBAY_SANDBOX_SELLER_USERNAME,
  EbaySandbox, type EbaySandboxOptions,
} from '@/sandbox/ebay';
import { RateLimits, type Timer } from '@/lib/marketplaces/http';
import type { NormalizedOrder, OrderWindow } from '@/lib/marketplaces/types';
import { EbayConnector, type EbayConnectorOptions } from '@/lib/marketplaces/ebay/connector';
import { EbayTokenCache } from '@/lib/marketplaces/ebay/oauth';

export const T0 = Date.UTC(2026, 10, 21, 12, 0, 0);
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const USERNAME = EBAY_SANDBOX_SELLER_USERNAME;
export const APP = { clientId: EBAY_SANDBOX_CLIENT_ID, clientSecret: EBAY_SANDBOX_CLIENT_SECRET };
/** One order an hour for ten days: 241 orders at T0, so a full window takes two 200-order pages. */
export const PROFILE: AccountProfile = { seed: 'esm-ebay-connector-test', epochMs: T0 - 10 * DAY, intervalMs: HOUR };
export const FAST_RETRY = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 };

export interface Sim {
  svc: EbaySandbox;
  base: string;
  clock: SimClock;
  refreshToken: string;
  close(): Promise<void>;
}

export async function startSim(opts: Omit<EbaySandboxOptions, 'clock' | 'accounts'> = {}, profile = PROFILE): Promise<Sim> {
  const clock = fixedClock(T0);
  const svc = new EbaySandbox({
    ...opts,
    clock,
    accounts: [{ username: USERNAME, password: EBAY_SANDBOX_SELLER_PASSWORD, profile }],
  });
  const running: RunningService = await startService(svc, { port: 0 });
  return { svc, base: running.url, clock, refreshToken: svc.issueUserTokens().refreshToken, close: () => running.close() };
}

/** Virtual time: sleeps return at once and only move the clock, and are summed for assertions. */
export function virtualTimer(start = 0): Timer & { slept: number[] } {
  let now = start;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

export function connector(sim: Sim, over: Partial<EbayConnectorOptions> = {}): EbayConnector {
  return new EbayConnector({
    apiBaseUrl: sim.base,
    credentials: { refreshToken: sim.refreshToken },
    app: APP,
    limits: new RateLimits(virtualTimer()),
    retry: FAST_RETRY,
    timeoutMs: 2_000,
    tokenCache: new EbayTokenCache(),
    ...over,
  });
}

/** What the simulator holds: order indexes whose last modification is in the window at `now`. */
export function expectedIndexes(window: OrderWindow, now: number, profile = PROFILE): number[] {
  const out: number[] = [];
  for (let i = 0; i < orderCount(profile, now); i++) {
    const lm = lastModified(simOrder(profile, i), now);
    if (lm >= window.updatedFrom.getTime() && lm <= window.updatedTo.getTime()) out.push(i);
  }
  return out;
}

export async function readWindow(c: EbayConnector, window: OrderWindow): Promise<{ orders: NormalizedOrder[]; pages: number }> {
  const orders: NormalizedOrder[] = [];
  let next: string | null = null;
  let pages = 0;
  do {
    const page = await c.fetchOrders(window, next);
    orders.push(...page.records);
    next = page.next;
    pages++;
    if (pages > 1000) throw new Error('runaway paging');
  } while (next);
  return { orders, pages };
}
