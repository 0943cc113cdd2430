// What real marketplaces send, through the real engine, connector, simulator (over HTTP) and
// Postgres on every backend: one odd record is quarantined while the rest of its page is stored
// and the cursor moves; it is retried on later runs and leaves quarantine once it parses; a page
// with nothing readable fails loudly; amounts are exact; an account with zero orders connects and
// syncs whichever envelope Walmart's errors come in.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Db } from '@/lib/db/connect';
import { saveConnection } from '@/lib/accounts/connect';
import { RateLimits, type Timer } from '@/lib/marketplaces/http';
import { fixedClock } from '@/sandbox/core/clock';
import { CATALOG, orderCount, simOrder } from '@/sandbox/core/catalog';
import { startService, type RunningService } from '@/sandbox/core/server';
import { WalmartSandbox, type ErrorEnvelope, type WalmartAccount } from '@/sandbox/walmart';
import { backends, type TestDatabase } from '@/tests/support/db';
import { createOrg, createUser } from '@/tests/support/fixtures';
import { buildConnector } from '@/lib/marketplaces/registry';
import { connectorsFromDatabase } from './connectors';
import { runDueJobs } from './worker';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 2, 12);
const keys = [{ id: 'k1', key: Buffer.alloc(32, 5) }];
const account = (n: number, seed: string, epochMs: number, intervalMs: number): WalmartAccount => ({
  clientId: `quarantine-client-${n}`,
  clientSecret: `quarantine-secret-${n}`,
  partnerId: `1000777000${n}`,
  sellerId: `10777000${n}`,
  name: `Quarantine seller ${n}`,
  profile: { seed, epochMs, intervalMs },
});
/** 24 orders over two days. */
const ODD = account(1, 'esm-quarantine-odd', T0 - 2 * DAY, 2 * HOUR);
/** 3 orders, every one of them odd. */
const ALL_BAD = account(2, 'esm-quarantine-all-bad', T0 - 3 * HOUR, HOUR);
/** No order yet (its first is a year away). */
const EMPTY = account(3, 'esm-quarantine-empty', T0 + 365 * DAY, HOUR);

describe.each(backends)('quarantine and odd payloads through the engine on $name', (backend) => {
  let t: TestDatabase;
  let db: Db;
  let sim: RunningService;
  let svc: WalmartSandbox;
  const clock = fixedClock(T0);
  let orgId: string;
  let userId: string;
  const accountIds: Record<string, string> = {};
  // Retries and bucket waits move the simulated clock instead of waiting.
  const timer: Timer = { now: () => clock.now(), sleep: async (ms) => void clock.advance(Math.max(0, ms)) };
  const marketplaces = () => ({
    walmart: { baseUrl: sim.url },
    amazon: { region: 'na' as const, marketplaceIds: ['ATVPDKIKX0DER'], sellerCentralUrl: sim.url, endpointOverride: null, app: null },
    ebay: { apiBaseUrl: sim.url, authBaseUrl: sim.url, marketplaceId: 'EBAY_US', app: null },
    shippo: { baseUrl: sim.url, apiKey: null },
  });
  const deps = () => ({ marketplaces: marketplaces(), limits: new RateLimits(timer), timer });
  const q = async <T>(text: string) => rowsOf<T>(await db.execute(sql.raw(text)));
  const po = (a: WalmartAccount, i: number) => svc.book(a.clientId).purchaseOrderId(i);
  const quarantined = (a: WalmartAccount, kind = 'order') =>
    q<{ external_id: string; reason: string; attempts: number }>(
      `select external_id, reason, attempts from public.sync_quarantine where account_id = '${accountIds[a.clientId]}' and kind = '${kind}' order by external_id`,
    );
  const lastRun = async (a: WalmartAccount, kind = 'orders') =>
    (await q<{ status: string; error: string | null }>(
      `select status, error from public.sync_runs where marketplace_account_id = '${accountIds[a.clientId]}' and kind = '${kind}' order by started_at desc limit 1`,
    ))[0];
  const orderState = async (a: WalmartAccount) =>
    (await q<{ state: { cursor?: string; window?: unknown } }>(`select state from public.jobs where marketplace_account_id = '${accountIds[a.clientId]}' and kind = 'sync_orders'`))[0].state;

  async function connect(a: WalmartAccount): Promise<void> {
    const credentials = { clientId: a.clientId, clientSecret: a.clientSecret };
    const identity = await buildConnector('walmart', credentials, deps()).verify();
    const saved = await saveConnection(db, keys, { orgId, userId, marketplace: 'walmart', identity, credentials }, clock.now());
    if (!saved.ok) throw new Error('connect failed');
    accountIds[a.clientId] = saved.accountId;
  }
  async function tick(a: WalmartAccount, advanceMs = HOUR): Promise<void> {
    clock.advance(advanceMs);
    await db.execute(sql`update public.jobs set run_at = ${new Date(clock.now()).toISOString()} where marketplace_account_id = ${accountIds[a.clientId]}`);
    await runDueJobs({ db, connectorFor: connectorsFromDatabase(db, keys, deps()), now: () => clock.now(), accountId: accountIds[a.clientId], lookbackMs: 5 * DAY });
  }

  beforeAll(async () => {
    t = await backend.open();
    db = t.database.db;
    svc = new WalmartSandbox({ clock, accounts: [ODD, ALL_BAD, EMPTY] });
    sim = await startService(svc, { port: 0 });
    const owner = await createUser(db);
    userId = owner.sub;
    orgId = await createOrg(db, 'Quarantine Org', [[owner, 'owner']]);
  });
  afterAll(async () => {
    await sim?.close();
    await t?.cleanup();
  });

  // The single-line order of ODD carries the 31.995 amount (one PRODUCT charge = its subtotal).
  const singleLine = () => Array.from({ length: 24 }, (_, i) => i).find((i) => i > 3 && simOrder(ODD.profile, i).lines.length === 1)!;
  const skus = () => [CATALOG[0].sku, CATALOG[2].sku];

  it('one odd record per kind among good ones: the rest is stored, the cursor moves, the odd ones are quarantined', async () => {
    const book = svc.book(ODD.clientId);
    book.oddities.set(po(ODD, 0), 'empty_status');
    book.oddities.set(po(ODD, 1), 'price_without_amount');
    book.oddities.set(po(ODD, 2), 'out_of_range');
    book.oddities.set(po(ODD, singleLine()), 'three_decimals');
    const [skuA, skuB] = skus();
    svc.oddItems.set(skuA, 'price_without_amount');
    svc.oddItems.set(skuB, 'out_of_range');
    await connect(ODD);
    await tick(ODD, 0);

    const total = orderCount(ODD.profile, clock.now());
    const stored = await q<{ external_order_id: string }>(`select external_order_id from public.orders where marketplace_account_id = '${accountIds[ODD.clientId]}'`);
    expect(stored.length).toBe(total - 3);
    expect(stored.map((r) => r.external_order_id)).not.toContain(po(ODD, 0));
    expect(await lastRun(ODD)).toEqual({ status: 'succeeded', error: null });
    const state = await orderState(ODD);
    expect(state.cursor).toBe(new Date(clock.now()).toISOString());
    expect(state.window).toBeUndefined();

    const rows = await quarantined(ODD);
    const byId = new Map(rows.map((r) => [r.external_id, r]));
    expect(rows).toHaveLength(3);
    expect(byId.get(po(ODD, 0))).toEqual({ external_id: po(ODD, 0), reason: 'unreadable field orderLines.orderLine.0.orderLineStatuses.orderLineStatus (too_small)', attempts: 1 });
    expect(byId.get(po(ODD, 1))?.reason).toMatch(/^unreadable field orderLines\.orderLine\.0\.charges\.charge\.0\.chargeAmount\.amount \(/);
    expect(byId.get(po(ODD, 2))?.reason).toBe('subtotal beyond the range ESM stores (numeric(12,2))');
    // No buyer data, no raw value in a reason.
    for (const i of [0, 1, 2]) {
      const b = simOrder(ODD.profile, i).buyer;
      for (const r of rows) for (const pii of [b.name, b.address1, b.phone, b.postalCode, '1000000000000']) expect(r.reason).not.toContain(pii);
    }

    // Exact money: 31.995 is 32.00, not the float path's 31.99.
    const [exact] = await q<{ subtotal: string; unit_price: string }>(
      `select o.subtotal::text as subtotal, i.unit_price::text as unit_price from public.orders o join public.order_items i on i.order_id = o.id
       where o.external_order_id = '${po(ODD, singleLine())}'`,
    );
    const qty = simOrder(ODD.profile, singleLine()).lines[0].quantity;
    expect(exact.subtotal).toBe('32.00');
    expect(exact.unit_price).toBe((Math.round(3200 / qty) / 100).toFixed(2));

    // Listings: the two odd SKUs are quarantined, every other one stored.
    expect(await lastRun(ODD, 'listings')).toEqual({ status: 'succeeded', error: null });
    const listingRows = await quarantined(ODD, 'listing');
    expect(listingRows.map((r) => [r.external_id, r.reason])).toEqual([
      [skuA, expect.stringMatching(/^unreadable field price\.amount \(/)],
      [skuB, 'price beyond the range ESM stores (numeric(12,2))'],
    ]);
    const [{ n }] = await q<{ n: number }>(`select count(*)::int as n from public.listings where marketplace_account_id = '${accountIds[ODD.clientId]}' and sku in ('${skuA}', '${skuB}')`);
    expect(n).toBe(0);
  });

  it('later runs re-fetch quarantined orders by id (still odd: one more attempt), and clear each once it parses', async () => {
    svc.resetRecording();
    await tick(ODD);
    // Nothing about these orders changed, so no window brings them back: only getAnOrder does.
    const refetched = svc.sent(/^\/v3\/orders\/[^/]+$/, 'GET').map((r) => r.path.split('/').pop());
    expect(new Set(refetched)).toEqual(new Set([po(ODD, 0), po(ODD, 1), po(ODD, 2)]));
    expect((await quarantined(ODD)).map((r) => r.attempts)).toEqual([2, 2, 2]);

    const book = svc.book(ODD.clientId);
    book.oddities.delete(po(ODD, 0));
    book.oddities.delete(po(ODD, 2));
    svc.oddItems.delete(skus()[0]);
    await tick(ODD);
    expect((await quarantined(ODD)).map((r) => [r.external_id, r.attempts])).toEqual([[po(ODD, 1), 3]]);
    const [{ n }] = await q<{ n: number }>(
      `select count(*)::int as n from public.orders where external_order_id in ('${po(ODD, 0)}', '${po(ODD, 2)}') and marketplace_account_id = '${accountIds[ODD.clientId]}'`,
    );
    expect(n).toBe(2);
    // The listing run re-reads every SKU: the fixed one is stored and leaves quarantine.
    expect((await quarantined(ODD, 'listing')).map((r) => r.external_id)).toEqual([skus()[1]]);
    const [{ l }] = await q<{ l: number }>(`select count(*)::int as l from public.listings where marketplace_account_id = '${accountIds[ODD.clientId]}' and sku = '${skus()[0]}'`);
    expect(l).toBe(1);
  });

  it('where the look-up by id fails, an order leaves quarantine when it next appears in a window, parsed', async () => {
    const book = svc.book(ODD.clientId);
    const next = orderCount(ODD.profile, clock.now());
    book.oddities.set(po(ODD, next), 'price_without_amount');
    await tick(ODD, 2 * HOUR); // the order is created, and quarantined
    expect((await quarantined(ODD)).map((r) => r.external_id).sort()).toEqual([po(ODD, 1), po(ODD, next)].sort());

    // Both become readable, but getAnOrder fails now: only the window can bring one back, and it
    // does for the order that changed (acknowledged), not for the one that did not.
    book.oddities.delete(po(ODD, 1));
    book.oddities.delete(po(ODD, next));
    book.overlayFor(next).ackAt = clock.now() + 1;
    svc.faults = { rate500: 1, pathPattern: /^\/v3\/orders\/[^/]+$/ };
    await tick(ODD);
    svc.faults = {};
    expect((await quarantined(ODD)).map((r) => r.external_id)).toEqual([po(ODD, 1)]);
    expect(await lastRun(ODD)).toEqual({ status: 'succeeded', error: null });

    await tick(ODD); // the look-up works again
    expect(await quarantined(ODD)).toEqual([]);
  });

  it('a page on which every record fails fails the run loudly; the cursor stays; the records are shown', async () => {
    const book = svc.book(ALL_BAD.clientId);
    const n = orderCount(ALL_BAD.profile, clock.now());
    expect(n).toBeGreaterThanOrEqual(3);
    for (let i = 0; i < n; i++) book.oddities.set(po(ALL_BAD, i), 'empty_status');
    await connect(ALL_BAD);
    await tick(ALL_BAD, 0);
    const run = await lastRun(ALL_BAD);
    expect(run.status).toBe('failed');
    expect(run.error).toBe(`Every record on a page was unreadable (${n}); the first: unreadable field orderLines.orderLine.0.orderLineStatuses.orderLineStatus (too_small)`);
    const state = await orderState(ALL_BAD);
    expect(state.cursor).toBeUndefined();
    expect(state.window).toBeDefined();
    expect(await quarantined(ALL_BAD)).toHaveLength(n);
    const [job] = await q<{ last_error: string }>(`select last_error from public.jobs where marketplace_account_id = '${accountIds[ALL_BAD.clientId]}' and kind = 'sync_orders'`);
    expect(job.last_error).toBe(run.error);
  });

  it.each(['errors', 'errors.error', 'error'] satisfies ErrorEnvelope[])(
    'an account with zero orders connects and syncs when Walmart answers 404 in the %s envelope',
    async (envelope) => {
      svc.errorEnvelope = envelope;
      try {
        if (!accountIds[EMPTY.clientId]) await connect(EMPTY);
        else await buildConnector('walmart', { clientId: EMPTY.clientId, clientSecret: EMPTY.clientSecret }, deps()).verify();
        svc.resetRecording();
        await tick(EMPTY);
        expect(svc.sent(/^\/v3\/orders$/).map((r) => r.status)).toEqual([404]);
        expect(await lastRun(EMPTY)).toEqual({ status: 'succeeded', error: null });
        expect((await orderState(EMPTY)).cursor).toBe(new Date(clock.now()).toISOString());
      } finally {
        svc.errorEnvelope = 'native';
      }
    },
  );

  it.each(['errors', 'errors.error', 'error'] satisfies ErrorEnvelope[])(
    'a 5xx and a 429 in the %s envelope fail the run with Walmart code, and the window is kept',
    async (envelope) => {
      svc.errorEnvelope = envelope;
      try {
        for (const [fault, code] of [[{ rate500: 1 }, 'SYSTEM_ERROR.GMP_GATEWAY_API'], [{ rate429: 1 }, 'REQUEST_THRESHOLD_VIOLATED.GMP_GATEWAY_API']] as const) {
          svc.faults = { ...fault, pathPattern: /^\/v3\/orders/ };
          await tick(EMPTY);
          const run = await lastRun(EMPTY);
          expect(run.status).toBe('failed');
          expect(run.error).toContain(`(${code})`);
          expect((await orderState(EMPTY)).window).toBeDefined();
          svc.faults = {};
        }
      } finally {
        svc.faults = {};
        svc.errorEnvelope = 'native';
      }
    },
  );
});
