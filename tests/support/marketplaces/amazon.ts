// Shared set-up for the Amazon connector tests: the simulator on a free port with a fixed
// simulated clock, a simulated Timer that moves that clock, and a connector factory.
import { fixedClock, type SimClock } from '@/sandbox/core/clock';
import { startService, type RunningService } from '@/sandbox/core/server';
import {
  AMAZON_DEMO_CLIENT_ID,
  AMAZON_DEMO_CLIENT_SECRET,
  AMAZON_DEMO_REFRESH_TOKEN,
  AMAZON_DEMO_SELLER_ID,
  AmazonSandbox,
  defaultAmazonAccounts,
  type AmazonAccount,
} from '@/sandbox/amazon';
import { viewOrder } from '@/sandbox/amazon/orderState';
import { orderCount } from '@/sandbox/core/catalog';
import { RateLimits, type Timer } from '@/lib/marketplaces/http';
import { AmazonConnector, type AmazonConnectorOptions } from '@/lib/marketplaces/amazon/connector';
import type { NormalizedOrder, OrderWindow } from '@/lib/marketplaces/types';

export const NOW = Date.parse('2026-03-15T12:00:00Z');
export const MP = 'ATVPDKIKX0DER';
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Simulated time for the limiter and retries; sleeping moves the simulator's clock too. */
export class SimTimer implements Timer {
  t: number;
  readonly sleeps: number[] = [];
  constructor(
    private readonly clock?: SimClock,
    start = 1_000_000,
  ) {
    this.t = start;
  }
  now(): number {
    return this.t;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.t += ms;
    this.clock?.advance(ms);
    await new Promise<void>((r) => setImmediate(r));
  }
}

/** A small seller: 230 orders, one every two hours, all older than NOW. */
export const SMALL: AmazonAccount = {
  sellingPartnerId: 'A3ESMSMALL0001',
  name: 'Small seller (sandbox)',
  profile: { seed: 'esm-amazon-small', epochMs: NOW - 230 * 2 * HOUR, intervalMs: 2 * HOUR, maxOrders: 230 },
  refreshTokens: { 'Atzr|esm-small-seller': AMAZON_DEMO_CLIENT_ID },
};

/** A busy seller: an order every ten minutes for the last five days (and on, as the clock moves). */
export const BUSY: AmazonAccount = {
  sellingPartnerId: 'A4ESMBUSY00001',
  name: 'Busy seller (sandbox)',
  profile: { seed: 'esm-amazon-busy', epochMs: NOW - 5 * DAY, intervalMs: 10 * MINUTE },
  refreshTokens: { 'Atzr|esm-busy-seller': AMAZON_DEMO_CLIENT_ID },
};

export interface Sim {
  svc: AmazonSandbox;
  run: RunningService;
  clock: SimClock;
  url: string;
  close(): Promise<void>;
}

export async function startSim(accounts: AmazonAccount[] = [...defaultAmazonAccounts(NOW), SMALL, BUSY], faultSeed = 7): Promise<Sim> {
  const clock = fixedClock(NOW);
  const svc = new AmazonSandbox({ clock, accounts });
  const run = await startService(svc, { port: 0, faultSeed });
  return { svc, run, clock, url: run.url, close: () => run.close() };
}

export function connectorFor(sim: Sim, over: Partial<AmazonConnectorOptions> & { account?: AmazonAccount } = {}): AmazonConnector {
  const { account, ...rest } = over;
  const refreshToken = account ? Object.keys(account.refreshTokens ?? {})[0] : AMAZON_DEMO_REFRESH_TOKEN;
  return new AmazonConnector({
    credentials: { refreshToken, sellingPartnerId: account?.sellingPartnerId ?? AMAZON_DEMO_SELLER_ID },
    app: { clientId: AMAZON_DEMO_CLIENT_ID, clientSecret: AMAZON_DEMO_CLIENT_SECRET },
    region: 'na',
    marketplaceIds: [MP],
    endpointOverride: sim.url,
    limits: new RateLimits(rest.timer),
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
    timeoutMs: 2_000,
    ...rest,
  });
}

/** What the simulator holds: ids (and raw statuses) of the orders last updated in [from, to] as of now. */
export function expectedOrders(account: AmazonAccount, from: number, to: number, now: number): Map<string, string> {
  const out = new Map<string, string>();
  const n = orderCount(account.profile, now);
  for (let i = 0; i < n; i++) {
    const v = viewOrder(account.profile, i, undefined, now);
    if (v.lastUpdate >= from && v.lastUpdate <= to) out.set(v.id, v.status);
  }
  return out;
}

export const spRequests = (sim: Sim) => sim.svc.requests.filter((r) => r.path !== '/auth/o2/token');
export const lwaRequests = (sim: Sim) => sim.svc.sent(/^\/auth\/o2\/token$/);

/** Every page of a window, as the sync engine reads it. */
export async function drainOrders(c: AmazonConnector, w: OrderWindow): Promise<NormalizedOrder[]> {
  const out: NormalizedOrder[] = [];
  let page: string | null = null;
  do {
    const p = await c.fetchOrders(w, page);
    out.push(...p.records);
    page = p.next;
  } while (page);
  return out;
}
