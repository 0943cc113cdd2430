// A client that syncs incrementally with lastmodifieddate, as time moves on the SimClock, must end
// up with exactly what a full re-read shows: new orders, cancellations, partial shipments by the
// seller outside the app, and shipments the client itself created.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startEbay, T0, tokenRequest, type Harness } from './test-support';

interface Order {
  orderId: string;
  creationDate: string;
  lastModifiedDate: string;
  orderFulfillmentStatus: string;
  cancelStatus: { cancelState: string };
  lineItems: Array<{ lineItemId: string; quantity: number }>;
}
interface Page {
  total: number;
  next?: string;
  orders: Order[];
}
type Mirror = Map<string, { lastModifiedDate: string; status: string; cancelState: string }>;

const HOUR = 3_600_000;
let h: Harness;
let token: string;
let refreshToken: string;

beforeAll(async () => {
  h = await startEbay();
  ({ accessToken: token, refreshToken } = h.svc.issueUserTokens());
});
afterAll(() => h.close());

async function refresh(): Promise<void> {
  const res = await tokenRequest(h.base, { grant_type: 'refresh_token', refresh_token: refreshToken });
  expect(res.status).toBe(200);
  token = ((await res.json()) as { access_token: string }).access_token;
}

async function readAll(query: string): Promise<Order[]> {
  const out: Order[] = [];
  let url: string | undefined = `${h.base}/sell/fulfillment/v1/order?${query}`;
  while (url) {
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const page = (await res.json()) as Page;
    out.push(...page.orders);
    url = page.next;
  }
  return out;
}

const mirrorOf = (orders: Order[]): Mirror =>
  new Map(orders.map((o) => [o.orderId, { lastModifiedDate: o.lastModifiedDate, status: o.orderFulfillmentStatus, cancelState: o.cancelStatus.cancelState }]));

describe('incremental sync with lastmodifieddate', () => {
  it('catches new orders, cancellations and partial fulfilment as the clock advances', async () => {
    const mirror = mirrorOf(await readAll('limit=200'));
    const initial = new Map(mirror);
    expect(mirror.size).toBe(489);
    let cursor = h.clock.now();
    const seen = { created: 0, cancelled: 0, partial: 0, fulfilled: 0, apiShipped: false };

    // An old, settled, unshipped order the client ships itself during the run.
    const old = (await readAll('limit=200')).find(
      (o) => o.orderFulfillmentStatus === 'NOT_STARTED' && o.cancelStatus.cancelState === 'NONE_REQUESTED' && Date.parse(o.creationDate) < T0 - 20 * 24 * HOUR,
    ) as Order;

    for (let step = 1; step <= 32; step++) {
      h.clock.advance(6 * HOUR);
      await refresh(); // the 2-hour access token has expired meanwhile
      if (step === 3) {
        const r = await call(h.base, token, `/sell/fulfillment/v1/order/${old.orderId}/shipping_fulfillment`, {
          method: 'POST',
          body: { lineItems: old.lineItems.map((l) => ({ lineItemId: l.lineItemId, quantity: l.quantity })), shippingCarrierCode: 'UPS', trackingNumber: '1Z999AA10123456784' },
        });
        expect(r.status).toBe(201);
      }
      // One minute of overlap, as a careful client would use.
      const from = new Date(cursor - 60_000).toISOString();
      const changed = await readAll(`filter=${encodeURIComponent(`lastmodifieddate:[${from}..]`)}&limit=100`);
      for (const o of changed) {
        expect(Date.parse(o.lastModifiedDate)).toBeGreaterThanOrEqual(cursor - 60_000);
        const before = mirror.get(o.orderId);
        if (!before) seen.created++;
        else {
          if (before.cancelState !== 'CANCELED' && o.cancelStatus.cancelState === 'CANCELED') seen.cancelled++;
          if (before.status !== 'IN_PROGRESS' && o.orderFulfillmentStatus === 'IN_PROGRESS') seen.partial++;
          if (before.status !== 'FULFILLED' && o.orderFulfillmentStatus === 'FULFILLED') seen.fulfilled++;
        }
        if (o.orderId === old.orderId) {
          seen.apiShipped = true;
          expect(o.orderFulfillmentStatus).toBe('FULFILLED');
        }
      }
      for (const [id, v] of mirrorOf(changed)) mirror.set(id, v);
      cursor = h.clock.now();
    }

    // 8 days at one order per 90 minutes.
    expect(seen.created).toBe(128);
    expect(seen.cancelled).toBeGreaterThan(0);
    expect(seen.partial).toBeGreaterThan(0);
    expect(seen.fulfilled).toBeGreaterThan(0);
    expect(seen.apiShipped).toBe(true);

    // The mirror equals a fresh full read (the default window still covers everything).
    const truth = mirrorOf(await readAll('limit=200'));
    expect(truth.size).toBe(489 + 128);
    expect(mirror).toEqual(truth);
    // ...and changed orders really changed, including ones created long before the windows.
    const changedOld = [...truth].filter(([id, v]) => initial.has(id) && initial.get(id)?.lastModifiedDate !== v.lastModifiedDate);
    expect(changedOld.length).toBeGreaterThan(5);
  });

  it('combines lastmodifieddate with orderfulfillmentstatus', async () => {
    const from = new Date(h.clock.now() - 2 * 24 * HOUR).toISOString();
    const byDate = await readAll(`filter=${encodeURIComponent(`lastmodifieddate:[${from}..]`)}&limit=200`);
    for (const set of ['NOT_STARTED|IN_PROGRESS', 'FULFILLED|IN_PROGRESS']) {
      const both = await readAll(`filter=${encodeURIComponent(`lastmodifieddate:[${from}..],orderfulfillmentstatus:{${set}}`)}&limit=7`);
      expect(both.map((o) => o.orderId)).toEqual(byDate.filter((o) => set.includes(o.orderFulfillmentStatus)).map((o) => o.orderId));
    }
  });

  it('counts orders created since a moment by creationdate, inclusive of that instant', async () => {
    const since = await call<Page>(h.base, token, `/sell/fulfillment/v1/order?filter=${encodeURIComponent(`creationdate:[${new Date(T0).toISOString()}..]`)}`);
    expect(since.status).toBe(200);
    // The order created exactly at T0 plus the 128 created in the following 8 days.
    expect(since.body.total).toBe(129);
  });
});
