// Sell Fulfillment API v1: getOrders, getOrder, createShippingFulfillment, getShippingFulfillments,
// getShippingFulfillment. Paths are served under /sell/fulfillment/v1 like api.ebay.com.
import type { Router } from '@/sandbox/core/router';
import { json } from '@/sandbox/core/router';
import * as E from './errors';
import { ORDER_ID_PATTERN, lineItemId } from './ids';
import type { OrderIndex } from './order-index';
import { encodeFilter, parseFieldGroups, parseLimit, parseOffset, parseOrderFilter, parseOrderIds, type FilterError } from './order-filter';
import type { OrderState, Shipment } from './order-state';
import { toEbayFulfillment, toEbayOrder } from './order-wire';
import { SCOPE } from './scopes';

const BASE = '/sell/fulfillment/v1';
const READ = [SCOPE.fulfillment, SCOPE.fulfillmentReadonly];
const WRITE = [SCOPE.fulfillment];
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

// Trading API ShippingCarrierCodeType values the REST call points to (GeteBayDetails); subset.
export const EBAY_CARRIER_CODES = ['USPS', 'UPS', 'FedEx', 'DHL', 'DHLGlobalMail', 'OnTrac', 'LaserShip', 'CanadaPost', 'Purolator', 'AmazonLogistics', 'Other'];

export interface Seller {
  username: string;
  seed: string;
  orders: OrderIndex;
}

export interface FulfillmentContext {
  now(): number;
  guard(req: Request, scopes: readonly string[]): { ok: true; seller: Seller } | { ok: false; response: Response };
  buyerUsernameIsUserId(): boolean;
  nextFulfillmentId(): string;
}

const filterError = (e: FilterError) => E.fulfillmentError(400, e.errorId, e.message, e.parameters);

export function fulfillmentRoutes(router: Router, ctx: FulfillmentContext): void {
  const wire = (req: Request, seller: Seller, single: boolean, taxBreakdown: boolean) => ({
    seed: seller.seed,
    sellerUsername: seller.username,
    origin: new URL(req.url).origin,
    now: ctx.now(),
    single,
    taxBreakdown,
    buyerUsernameIsUserId: ctx.buyerUsernameIsUserId(),
  });

  router.add('GET', `${BASE}/order`, (req, { url }) => {
    const g = ctx.guard(req, READ);
    if (!g.ok) return g.response;
    const now = ctx.now();
    const q = url.searchParams;
    const fg = parseFieldGroups(q.get('fieldGroups'));
    if (!fg.ok) return filterError(fg.error);
    const origin = url.origin;
    const orders = g.seller.orders;

    const orderIds = q.get('orderIds');
    if (orderIds !== null && orderIds.trim() !== '') {
      // "If one or more order ID values are specified ... all other query parameters will be ignored."
      const ids = parseOrderIds(orderIds);
      if (!ids.ok) return filterError(ids.error);
      const found = ids.value.map((id) => orders.find(id, now)).filter((s): s is OrderState => s !== null);
      return json({
        href: `${origin}${BASE}/order?orderIds=${ids.value.join(',')}`,
        total: found.length,
        orders: found.map((s) => toEbayOrder(s, wire(req, g.seller, false, fg.value))),
      });
    }

    const filter = parseOrderFilter(q.get('filter'), now);
    if (!filter.ok) return filterError(filter.error);
    const limit = parseLimit(q.get('limit'));
    if (!limit.ok) return filterError(limit.error);
    const offset = parseOffset(q.get('offset'));
    if (!offset.ok) return filterError(offset.error);

    const { total, indexes } = orders.page(filter.value, now, offset.value, limit.value);
    const link = (off: number) =>
      `${origin}${BASE}/order?` +
      [
        q.get('filter') ? `filter=${encodeFilter(q.get('filter') as string)}` : null,
        `limit=${limit.value}`,
        `offset=${off}`,
        fg.value ? 'fieldGroups=TAX_BREAKDOWN' : null,
      ]
        .filter(Boolean)
        .join('&');
    return json({
      href: link(offset.value),
      total,
      limit: limit.value,
      offset: offset.value,
      ...(offset.value + limit.value < total ? { next: link(offset.value + limit.value) } : {}),
      ...(offset.value > 0 ? { prev: link(Math.max(0, offset.value - limit.value)) } : {}),
      orders: indexes.map((i) => toEbayOrder(orders.state(i, now), wire(req, g.seller, false, fg.value))),
    });
  });

  router.add('GET', `${BASE}/order/{orderId}`, (req, { params, url }) => {
    const g = ctx.guard(req, READ);
    if (!g.ok) return g.response;
    const fg = parseFieldGroups(url.searchParams.get('fieldGroups'));
    if (!fg.ok) return filterError(fg.error);
    const state = g.seller.orders.find(params.orderId, ctx.now());
    if (!state) return invalidOrder(params.orderId, ORDER_ID_PATTERN.test(params.orderId) ? 404 : 400);
    return json(toEbayOrder(state, wire(req, g.seller, true, fg.value)));
  });

  router.add('GET', `${BASE}/order/{orderId}/shipping_fulfillment`, (req, { params }) => {
    const g = ctx.guard(req, READ);
    if (!g.ok) return g.response;
    const state = g.seller.orders.find(params.orderId, ctx.now());
    if (!state) return invalidOrder(params.orderId, 400);
    return json({ fulfillments: state.shipments.map((s) => toEbayFulfillment(s, state.orderId)), total: state.shipments.length });
  });

  router.add('GET', `${BASE}/order/{orderId}/shipping_fulfillment/{fulfillmentId}`, (req, { params }) => {
    const g = ctx.guard(req, READ);
    if (!g.ok) return g.response;
    const state = g.seller.orders.find(params.orderId, ctx.now());
    if (!state) return invalidOrder(params.orderId, 400);
    const s = state.shipments.find((x) => x.fulfillmentId === params.fulfillmentId);
    if (!s) {
      return E.fulfillmentError(404, 32110, `Invalid shipping fulfillment ID: ${params.fulfillmentId}`, [
        { name: 'fulfillmentId', value: params.fulfillmentId },
      ]);
    }
    return json(toEbayFulfillment(s, state.orderId));
  });

  router.add('POST', `${BASE}/order/{orderId}/shipping_fulfillment`, async (req, { params, url }) => {
    const g = ctx.guard(req, WRITE);
    if (!g.ok) return g.response;
    const now = ctx.now();
    const orders = g.seller.orders;
    const state = orders.find(params.orderId, now);
    if (!state) return invalidOrder(params.orderId, 400);
    let body: unknown;
    try {
      body = JSON.parse(await req.text());
    } catch {
      return E.invalidRequest();
    }
    const checked = checkFulfillment(body, state, now);
    if ('response' in checked) return checked.response;
    const fulfillmentId = checked.tracking ?? ctx.nextFulfillmentId();
    const shipment: Shipment = {
      fulfillmentId,
      lines: checked.lines,
      ...(checked.carrier ? { carrier: checked.carrier, tracking: checked.tracking } : {}),
      shippedDate: checked.shippedDate,
      recordedAt: now,
      source: 'api',
    };
    const index = state.sim.index;
    const overlay = orders.overlay.get(index) ?? { shipments: [] };
    overlay.shipments.push(shipment);
    orders.overlay.set(index, overlay);
    return json({}, 201, { location: `${url.origin}${BASE}/order/${state.orderId}/shipping_fulfillment/${fulfillmentId}` });
  });
}

function invalidOrder(orderId: string, status: number): Response {
  return E.fulfillmentError(status, 32100, `Invalid Order Id: ${orderId}`, [{ name: 'orderId', value: orderId }]);
}

interface CheckedFulfillment {
  lines: Array<{ lineNumber: number; quantity: number }>;
  carrier?: string;
  tracking?: string;
  shippedDate: number;
}

function checkFulfillment(body: unknown, state: OrderState, now: number): CheckedFulfillment | { response: Response } {
  const bad = (id: number, message: string, parameters?: Array<{ name: string; value: string }>) => ({
    response: E.fulfillmentError(400, id, message, parameters),
  });
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return bad(32600, 'Invalid input data');
  const b = body as Record<string, unknown>;
  if (!Array.isArray(b.lineItems) || b.lineItems.length === 0) return bad(32600, 'Invalid input data');
  const lines: CheckedFulfillment['lines'] = [];
  for (const raw of b.lineItems as unknown[]) {
    const li = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const id = typeof li.lineItemId === 'string' ? li.lineItemId : '';
    const line = state.sim.lines.find((l) => lineItemId(state.orderId, l.lineNumber) === id);
    if (!line) return bad(32200, `Invalid line item id: ${id}`, [{ name: 'lineItemId', value: id }]);
    const quantity = li.quantity === undefined ? 1 : li.quantity;
    if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1) return bad(32600, 'Invalid input data');
    if (lines.some((l) => l.lineNumber === line.lineNumber)) return bad(32210, 'Duplicate line item in the request');
    lines.push({ lineNumber: line.lineNumber, quantity });
  }
  const hasTracking = b.trackingNumber !== undefined && b.trackingNumber !== null && b.trackingNumber !== '';
  const hasCarrier = b.shippingCarrierCode !== undefined && b.shippingCarrierCode !== null && b.shippingCarrierCode !== '';
  let carrier: string | undefined;
  let tracking: string | undefined;
  if (hasTracking || hasCarrier) {
    // "This field and the shippingCarrierCode field are mutually dependent."
    carrier = EBAY_CARRIER_CODES.find((c) => typeof b.shippingCarrierCode === 'string' && c.toLowerCase() === b.shippingCarrierCode.toLowerCase());
    tracking = typeof b.trackingNumber === 'string' ? b.trackingNumber : undefined;
    // "Only alphanumeric characters are supported for shipment tracking numbers."
    if (!hasTracking || !hasCarrier || !carrier || !tracking || !/^[A-Za-z0-9]{4,40}$/.test(tracking)) {
      return bad(32300, 'Invalid shipment tracking number or carrier');
    }
  }
  let shippedDate = now;
  if (b.shippedDate !== undefined) {
    const t = typeof b.shippedDate === 'string' && ISO.test(b.shippedDate) ? Date.parse(b.shippedDate) : NaN;
    if (Number.isNaN(t) || t > now || t < state.sim.createdAt) return bad(32500, 'Invalid shipped date');
    shippedDate = t;
  }
  if (state.cancelled) {
    return { response: E.ebayError(400, { errorId: 32600, domain: 'API_FULFILLMENT', category: 'REQUEST', message: 'Invalid input data', longMessage: 'The order has been cancelled.' }) };
  }
  const duplicate =
    lines.some((l) => state.shipped[l.lineNumber - 1] >= state.sim.lines[l.lineNumber - 1].quantity) ||
    (tracking !== undefined && state.shipments.some((s) => s.fulfillmentId === tracking));
  if (duplicate) return bad(34500, 'Please use PUT operation for updating shipping fulfillment');
  if (lines.some((l) => state.shipped[l.lineNumber - 1] + l.quantity > state.sim.lines[l.lineNumber - 1].quantity)) {
    return bad(32600, 'Invalid input data');
  }
  return { lines, carrier, tracking, shippedDate };
}
