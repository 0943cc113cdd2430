import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EBAY_SANDBOX_SELLER_USERNAME } from './index';
import { call, errorId, ORDERS, startEbay, T0, type Harness, type WireOrder, type WireOrdersPage } from './test-support';

let h: Harness;
let token: string;
let all: WireOrder[];
const get = (q: string) => call<WireOrdersPage>(h.base, token, `${ORDERS}${q}`);
const enc = (f: string) => encodeURIComponent(f);

async function followAll(first: string): Promise<WireOrder[]> {
  const out: WireOrder[] = [];
  let url: string | undefined = `${h.base}${first}`;
  while (url) {
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const page = (await res.json()) as WireOrdersPage;
    out.push(...page.orders);
    url = page.next;
  }
  return out;
}

beforeAll(async () => {
  h = await startEbay();
  token = h.svc.issueUserTokens().accessToken;
  all = await followAll(`${ORDERS}?limit=200`);
});
afterAll(() => h.close());

describe('getOrders pagination', () => {
  it('pages the default 90-day window with href/next/prev/total', async () => {
    // 30.5 days of orders every 90 minutes.
    expect(all.length).toBe(489);
    expect(new Set(all.map((o) => o.orderId)).size).toBe(489);
    const created = all.map((o) => Date.parse(o.creationDate));
    expect(created).toEqual([...created].sort((a, b) => a - b));
    expect(all.every((o) => /^\d{2}-\d{5}-\d{5}$/.test(o.orderId))).toBe(true);

    const first = await get('');
    expect(first.body).toMatchObject({ total: 489, limit: 50, offset: 0 });
    expect(first.body.orders).toHaveLength(50);
    expect(first.body.href).toBe(`${h.base}${ORDERS}?limit=50&offset=0`);
    expect(first.body.next).toBe(`${h.base}${ORDERS}?limit=50&offset=50`);
    expect(first.body.prev).toBeUndefined();
  });

  it('handles the boundaries of limit and offset', async () => {
    const last = await get('?limit=200&offset=400');
    expect(last.body.orders.map((o) => o.orderId)).toEqual(all.slice(400).map((o) => o.orderId));
    expect(last.body.next).toBeUndefined();
    expect(last.body.prev).toBe(`${h.base}${ORDERS}?limit=200&offset=200`);

    const exact = await get('?limit=89&offset=400');
    expect(exact.body.orders).toHaveLength(89);
    expect(exact.body.next).toBeUndefined();
    const oneShort = await get('?limit=88&offset=400');
    expect(oneShort.body.next).toBe(`${h.base}${ORDERS}?limit=88&offset=488`);

    const past = await get('?offset=489');
    expect(past.status).toBe(200);
    expect(past.body.orders).toEqual([]);
    expect(past.body.total).toBe(489);
    expect(past.body.prev).toBe(`${h.base}${ORDERS}?limit=50&offset=439`);

    for (const [q, id] of [['?limit=201', 31100], ['?limit=0', 31100], ['?limit=abc', 31100], ['?offset=-1', 31000], ['?offset=1.5', 31000]] as const) {
      const r = await get(q);
      expect(r.status).toBe(400);
      expect(errorId(r)).toBe(id);
    }
  });
});

describe('getOrders filters', () => {
  it('creationdate is inclusive at both ends and keeps the filter in its links', async () => {
    const o = all[100];
    const filter = `creationdate:[${o.creationDate}..${all[104].creationDate}]`;
    const r = await get(`?filter=${enc(filter)}&limit=2`);
    expect(r.body.total).toBe(5);
    expect(r.body.orders.map((x) => x.orderId)).toEqual([all[100].orderId, all[101].orderId]);
    expect(r.body.next).toBe(`${h.base}${ORDERS}?filter=creationdate:%5B${o.creationDate}..${all[104].creationDate}%5D&limit=2&offset=2`);
    const rest = await followAll(`${ORDERS}?filter=${enc(filter)}&limit=2`);
    expect(rest.map((x) => x.orderId)).toEqual(all.slice(100, 105).map((x) => x.orderId));
  });

  it('orderfulfillmentstatus matches the statuses shown on the orders', async () => {
    for (const set of ['NOT_STARTED|IN_PROGRESS', 'FULFILLED|IN_PROGRESS']) {
      const got = await followAll(`${ORDERS}?filter=${enc(`orderfulfillmentstatus:{${set}}`)}&limit=200`);
      const want = all.filter((o) => set.split('|').includes(o.orderFulfillmentStatus));
      expect(got.map((o) => o.orderId)).toEqual(want.map((o) => o.orderId));
      expect(want.length).toBeGreaterThan(10);
    }
    // Cancelled orders stay NOT_STARTED, so they show up in the "to ship" filter: check cancelStatus.
    expect(all.some((o) => o.cancelStatus.cancelState === 'CANCELED' && o.orderFulfillmentStatus === 'NOT_STARTED')).toBe(true);
  });

  it('lastmodifieddate selects by the current last-modified time; creationdate wins when both are given', async () => {
    const from = new Date(T0 - 3 * 86_400_000).toISOString();
    const got = await followAll(`${ORDERS}?filter=${enc(`lastmodifieddate:[${from}..]`)}&limit=200`);
    const want = all.filter((o) => Date.parse(o.lastModifiedDate) >= Date.parse(from));
    expect(got.map((o) => o.orderId)).toEqual(want.map((o) => o.orderId));
    expect(want.some((o) => Date.parse(o.creationDate) < Date.parse(from))).toBe(true);

    const both = await get(`?filter=${enc(`creationdate:[${all[0].creationDate}..${all[0].creationDate}],lastmodifieddate:[${from}..]`)}`);
    expect(both.body.orders.map((o) => o.orderId)).toEqual([all[0].orderId]);
  });

  it('rejects malformed filters with the documented error ids', async () => {
    const now = new Date(T0).toISOString();
    const cases: Array<[string, number]> = [
      ['shipdate:[2026-01-01T00:00:00.000Z..]', 30700],
      ['orderfulfillmentstatus:{NOT_STARTED}', 30800],
      ['orderfulfillmentstatus:{NOT_STARTED|FULFILLED}', 30800],
      ['creationdate:2026-01-01T00:00:00.000Z', 30800],
      ['creationdate:[2026-01-01..]', 30810],
      ['creationdate:[..2026-01-01T00:00:00.000Z]', 30820],
      ['creationdate:[2021-01-01T00:00:00.000Z..2026-01-01T00:00:00.000Z]', 30830],
      [`lastmodifieddate:[${now}..2026-01-01T00:00:00.000Z]`, 30840],
      [`creationdate:[${new Date(T0 + 60_000).toISOString()}..]`, 30850],
    ];
    for (const [filter, id] of cases) {
      const r = await get(`?filter=${enc(filter)}`);
      expect(r.status, filter).toBe(400);
      expect(errorId(r), filter).toBe(id);
      expect((r.body as unknown as { errors: Array<{ domain: string }> }).errors[0].domain).toBe('API_FULFILLMENT');
    }
  });

  it('orderIds returns just those orders and ignores the other parameters', async () => {
    const ids = [all[3].orderId, all[7].orderId, '99-99999-99999'];
    const r = await get(`?orderIds=${ids.join(',')}&filter=${enc('orderfulfillmentstatus:{FULFILLED|IN_PROGRESS}')}&limit=1`);
    expect(r.status).toBe(200);
    expect(r.body.orders.map((o) => o.orderId)).toEqual([all[3].orderId, all[7].orderId]);
    const many = Array.from({ length: 51 }, (_, i) => all[i].orderId).join(',');
    const tooMany = await get(`?orderIds=${many}`);
    expect(tooMany.status).toBe(400);
    expect(errorId(tooMany)).toBe(30900);
  });
});

describe('order content', () => {
  it('getOrder returns the same order, with cancel requests filled in', async () => {
    const cancelled = all.find((o) => o.cancelStatus.cancelState === 'CANCELED') as WireOrder;
    expect(cancelled.cancelStatus.cancelRequests).toEqual([]);
    const one = await call<WireOrder>(h.base, token, `${ORDERS}/${cancelled.orderId}`);
    expect(one.status).toBe(200);
    expect(one.body.cancelStatus.cancelRequests).toHaveLength(1);
    expect(one.body.cancelStatus.cancelledDate).toBe(cancelled.cancelStatus.cancelledDate);
    expect({ ...one.body, cancelStatus: null }).toEqual({ ...cancelled, cancelStatus: null });

    const missing = await call(h.base, token, `${ORDERS}/${all[0].orderId.replace(/^\d\d/, (p) => String(((Number(p) - 9) % 90) + 10))}`);
    expect(missing.status).toBe(404);
    expect(errorId(missing)).toBe(32100);
    const malformed = await call(h.base, token, `${ORDERS}/not-an-order`);
    expect(malformed.status).toBe(400);
    expect(errorId(malformed)).toBe(32100);
  });

  it('carries buyer, ship-to and line data, and hides e-mail after 14 days', async () => {
    const recent = all[all.length - 1];
    const old = all[0];
    const shipTo = recent.fulfillmentStartInstructions[0].shippingStep.shipTo;
    expect(shipTo.email).toMatch(/@/);
    expect(shipTo.fullName).toBeTruthy();
    expect(shipTo.contactAddress.addressLine1).toBeTruthy();
    expect(shipTo.contactAddress.countryCode).toBe('US');
    expect(recent.buyer.username).toMatch(/^[a-z]+_\d{4}$/);
    expect(h.svc.buyerOf(EBAY_SANDBOX_SELLER_USERNAME, recent.orderId).username).toBe(recent.buyer.username);
    expect(old.fulfillmentStartInstructions[0].shippingStep.shipTo.email).toBeUndefined();
    expect(old.buyer.buyerRegistrationAddress.email).toBeUndefined();
    expect(old.fulfillmentStartInstructions[0].shippingStep.shipTo.fullName).toBeTruthy();
    for (const l of recent.lineItems) {
      expect(l.lineItemId).toMatch(/^\d{14}$/);
      expect(l.legacyItemId).toMatch(/^\d{12}$/);
      expect(l.quantity).toBeGreaterThan(0);
    }
  });

  it('can send the immutable user id as buyer.username (eBay 2025 change)', async () => {
    const alt = await startEbay({ buyerUsernameIsUserId: true });
    try {
      const t = alt.svc.issueUserTokens().accessToken;
      const o = (await call<WireOrdersPage>(alt.base, t, `${ORDERS}?limit=1`)).body.orders[0];
      expect(o.buyer.username).toBe(alt.svc.buyerOf(EBAY_SANDBOX_SELLER_USERNAME, o.orderId).userId);
      expect(o.buyer.username).not.toBe(all[0].buyer.username);
    } finally {
      await alt.close();
    }
  });

  it('hides name, street and phone after 90 days, as eBay does', async () => {
    const old = await startEbay({
      accounts: [{ username: 'old_seller', password: 'pw-old-seller', profile: { seed: 'old', epochMs: T0 - 100 * 86_400_000, intervalMs: 86_400_000 } }],
    });
    try {
      const t = old.svc.issueUserTokens('old_seller').accessToken;
      const r = await call<WireOrdersPage>(old.base, t, `${ORDERS}?filter=${enc(`creationdate:[${new Date(T0 - 700 * 86_400_000).toISOString()}..]`)}`);
      const first = r.body.orders[0];
      const shipTo = first.fulfillmentStartInstructions[0].shippingStep.shipTo;
      expect(Date.parse(first.creationDate)).toBe(T0 - 100 * 86_400_000);
      expect(shipTo.fullName).toBeUndefined();
      expect(shipTo.primaryPhone).toBeUndefined();
      expect(shipTo.contactAddress.addressLine1).toBeUndefined();
      expect(shipTo.contactAddress.postalCode).toBeTruthy();
      // The default window is the last 90 days.
      expect((await call<WireOrdersPage>(old.base, t, ORDERS)).body.total).toBe(91);
    } finally {
      await old.close();
    }
  });

  it('TAX_BREAKDOWN adds collect-and-remit tax into totals', async () => {
    let checked = 0;
    for (const o of all.slice(0, 10)) {
      expect(o.pricingSummary.tax).toBeUndefined();
      const tax = await call<WireOrder>(h.base, token, `${ORDERS}/${o.orderId}?fieldGroups=TAX_BREAKDOWN`);
      if (!tax.body.pricingSummary.tax) continue; // e.g. shipped to Oregon: no sales tax
      const cents = (v: { value: string }) => Math.round(Number(v.value) * 100);
      expect(cents(tax.body.pricingSummary.total)).toBe(cents(o.pricingSummary.total) + cents(tax.body.pricingSummary.tax));
      checked++;
    }
    expect(checked).toBeGreaterThan(5);
    const bad = await call(h.base, token, `${ORDERS}/${all[0].orderId}?fieldGroups=EVERYTHING`);
    expect(bad.status).toBe(400);
    expect(errorId(bad)).toBe(32800);
  });
});
