// Orders API v2026-01-01: searchOrders and getOrder. Buyer and recipient PII come with
// includedData=BUYER,RECIPIENT and need no Restricted Data Token; searchOrders has the very low
// 0.0056 rps usage plan. Paging: response pagination.nextToken -> paginationToken.
import { AMAZON_US_MARKETPLACE_ID, type AmazonAccount } from './accounts';
import type { SpContext } from './context';
import { invalidInput, isoSeconds, listParam, money2, parseIso, spError, spJson, type SpError } from './http';
import { asinFor, relayEmailFor } from './ids';
import type { OrderStatus, OrderView } from './orderState';
import { decodePageToken, encodePageToken, searchOrders as scan, type OrderWindow } from './ordersQuery';
import { findOrder } from './ordersV0';
import { formatPhone, lineAmounts, orderTotal } from './ordersV0Format';
import { validateMarketplaces } from './getOrders';
import { digits, rngFor } from '@/sandbox/core/random';

const INCLUDED = ['BUYER', 'RECIPIENT', 'PROCEEDS', 'EXPENSE', 'PROMOTION', 'CANCELLATION', 'FULFILLMENT', 'PACKAGES', 'TAX', 'PAYMENT', 'FULFILLMENT_ORDERS'];
const STATUSES = ['PENDING_AVAILABILITY', 'PENDING', 'UNSHIPPED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'CANCELLED', 'UNFULFILLABLE'];
const STATUS_2026: Record<OrderStatus, string> = {
  Pending: 'PENDING', Unshipped: 'UNSHIPPED', PartiallyShipped: 'PARTIALLY_SHIPPED', Shipped: 'SHIPPED', Canceled: 'CANCELLED',
};
const TWO_MIN = 120_000;
const usd = (n: number) => ({ amount: money2(n), currencyCode: 'USD' });

function packagesOf(account: AmazonAccount, v: OrderView) {
  const shipFrom = { name: account.name, addressLine1: '1200 Industrial Way', city: 'Reno', stateOrRegion: 'NV', postalCode: '89502', countryCode: 'US' };
  const timeline = v.timelineShipments.map((s, k) => ({
    packageReferenceId: String(k + 1),
    createdTime: isoSeconds(s.at),
    packageStatus: { status: v.order.deliveredAt !== null && v.order.deliveredAt <= v.lastUpdate ? 'DELIVERED' : 'SHIPPED' },
    carrier: 'USPS',
    shipTime: isoSeconds(s.at),
    shippingService: 'USPS Ground Advantage',
    trackingNumber: `9400${digits(rngFor(account.profile.seed, 'tracking', v.index, k), 18)}`,
    shipFromAddress: shipFrom,
    packageItems: s.lines.map((i) => ({ orderItemId: v.itemIds[i], quantity: v.order.lines[i].quantity })),
  }));
  const api = v.packages.map((p) => ({
    packageReferenceId: p.packageReferenceId,
    createdTime: isoSeconds(p.confirmedAt),
    packageStatus: { status: 'SHIPPED' },
    carrier: p.carrierCode === 'Other' ? (p.carrierName ?? 'Other') : p.carrierCode,
    shipTime: isoSeconds(p.shipDate),
    ...(p.shippingMethod ? { shippingService: p.shippingMethod } : {}),
    trackingNumber: p.trackingNumber,
    shipFromAddress: shipFrom,
    packageItems: p.items.map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantity })),
  }));
  return [...timeline, ...api];
}

/** `buyerRequested`: the buyer asked to cancel and nobody has acted on it yet (request block only). */
export function formatOrder2026(account: AmazonAccount, v: OrderView, inc: Set<string>, buyerRequested = false) {
  const o = v.order;
  const b = o.buyer;
  const cancelled = v.status === 'Canceled';
  const released = v.status !== 'Pending';
  return {
    orderId: v.id,
    orderAliases: [{ aliasId: v.id, aliasType: 'SELLER_ORDER_ID' }],
    createdTime: isoSeconds(o.createdAt),
    lastUpdatedTime: isoSeconds(v.lastUpdate),
    salesChannel: { channelName: 'Amazon.com', marketplaceId: account.marketplaceId ?? AMAZON_US_MARKETPLACE_ID, marketplaceName: 'Amazon.com' },
    ...(inc.has('BUYER') ? { buyer: { buyerName: b.name, buyerEmail: relayEmailFor(account.profile.seed, v.index) } } : {}),
    ...(inc.has('RECIPIENT') && released
      ? {
          recipient: {
            deliveryAddress: {
              name: b.name, addressLine1: b.address1, ...(b.address2 ? { addressLine2: b.address2 } : {}), city: b.city,
              stateOrRegion: b.state, postalCode: b.postalCode, countryCode: b.country, phone: formatPhone(b.phone), addressType: 'RESIDENTIAL',
            },
          },
        }
      : {}),
    ...(inc.has('PROCEEDS') && !cancelled ? { proceeds: { grandTotal: usd(orderTotal(v)) } } : {}),
    ...(inc.has('FULFILLMENT')
      ? {
          fulfillment: {
            fulfillmentStatus: STATUS_2026[v.status],
            fulfilledBy: 'MERCHANT',
            fulfillmentServiceLevel: 'STANDARD',
            shipByWindow: { earliestDateTime: isoSeconds(o.createdAt), latestDateTime: isoSeconds(o.shipBy) },
            deliverByWindow: { earliestDateTime: isoSeconds(o.createdAt + 3 * 86_400_000), latestDateTime: isoSeconds(o.deliverBy) },
          },
        }
      : {}),
    orderItems: o.lines.map((l, i) => {
      const a = lineAmounts(v, i);
      return {
        orderItemId: v.itemIds[i],
        quantityOrdered: l.quantity,
        product: {
          asin: asinFor(l.item.sku),
          title: l.item.title,
          sellerSku: l.item.sku,
          condition: { conditionType: 'NEW', conditionSubtype: 'NEW' },
          price: { unitPrice: usd(l.item.price) },
        },
        ...(inc.has('PROCEEDS') && !cancelled
          ? { proceeds: { proceedsTotal: usd(a.price + a.tax), breakdowns: [{ type: 'ITEM', subtotal: usd(a.price) }, { type: 'TAX', subtotal: usd(a.tax) }] } }
          : {}),
        ...(inc.has('CANCELLATION') && cancelled
          ? { cancellation: { cancellationRequest: { requester: 'BUYER', cancelReason: 'BUYER_CANCELLED' }, cancellationExecution: { cancelledBy: 'BUYER', cancelReason: 'BUYER_CANCELLED' } } }
          : inc.has('CANCELLATION') && buyerRequested
            ? { cancellation: { cancellationRequest: { requester: 'BUYER', cancelReason: 'Changed mind about purchase' } } }
            : {}),
        ...(inc.has('FULFILLMENT')
          ? { fulfillment: { quantityFulfilled: v.shipped[i], quantityUnfulfilled: cancelled ? 0 : l.quantity - v.shipped[i] } }
          : {}),
      };
    }),
    ...(inc.has('PACKAGES') ? { packages: packagesOf(account, v) } : {}),
  };
}

function included(url: URL): Set<string> | SpError {
  const list = listParam(url, 'includedData') ?? [];
  const bad = list.find((x) => !INCLUDED.includes(x));
  return bad ? invalidInput(`Invalid includedData value: ${bad}`) : new Set(list);
}

interface Filters {
  st?: string[];
  by?: string[];
  l: number;
}

function parseSearch(url: URL, now: number): { window: OrderWindow; f: Filters } | SpError {
  const q = url.searchParams;
  const dates: Record<string, number | undefined> = {};
  for (const name of ['createdAfter', 'createdBefore', 'lastUpdatedAfter', 'lastUpdatedBefore']) {
    const raw = q.get(name);
    if (raw === null) continue;
    const t = parseIso(raw);
    if (t === null) return invalidInput(`Invalid ${name}: ${raw}`);
    dates[name] = t;
  }
  const { createdAfter, createdBefore, lastUpdatedAfter, lastUpdatedBefore } = dates;
  if ((createdAfter === undefined) === (lastUpdatedAfter === undefined)) return invalidInput('Exactly one of createdAfter and lastUpdatedAfter must be provided.');
  if (createdAfter !== undefined && lastUpdatedBefore !== undefined) return invalidInput('lastUpdatedBefore cannot be provided with createdAfter.');
  if (lastUpdatedAfter !== undefined && createdBefore !== undefined) return invalidInput('createdBefore cannot be provided with lastUpdatedAfter.');
  const mode = createdAfter !== undefined ? 'created' : 'updated';
  const after = (createdAfter ?? lastUpdatedAfter) as number;
  const given = mode === 'created' ? createdBefore : lastUpdatedBefore;
  if (after > now) return invalidInput(`${mode === 'created' ? 'createdAfter' : 'lastUpdatedAfter'} cannot be in the future.`);
  if (given !== undefined && given < after) return invalidInput('The before date must be equal to or after the after date.');
  if (given !== undefined && given > now - TWO_MIN) return invalidInput('The before date must be at least two minutes before the time of the request.');
  const st = listParam(url, 'fulfillmentStatuses');
  const badSt = st?.find((s) => !STATUSES.includes(s));
  if (badSt) return invalidInput(`Invalid fulfillmentStatuses value: ${badSt}`);
  const by = listParam(url, 'fulfilledBy');
  const badBy = by?.find((s) => s !== 'MERCHANT' && s !== 'AMAZON');
  if (badBy) return invalidInput(`Invalid fulfilledBy value: ${badBy}`);
  const lRaw = q.get('maxResultsPerPage');
  const l = lRaw === null ? 100 : Number(lRaw);
  if (!Number.isInteger(l) || l < 1 || l > 100) return invalidInput('maxResultsPerPage must be between 1 and 100.');
  return { window: { mode, after, before: given ?? Math.floor((now - TWO_MIN) / 1000) * 1000 }, f: { st, by, l } };
}

export function searchOrders2026(ctx: SpContext): Response {
  const { url, account, now, rate } = ctx;
  const inc = included(url);
  if (!(inc instanceof Set)) return spError(400, inc, rate);
  const mps = listParam(url, 'marketplaceIds');
  if (mps) {
    const e = validateMarketplaces(mps, account.marketplaceId ?? AMAZON_US_MARKETPLACE_ID, 'marketplaceIds');
    if (e) return spError(400, e, rate);
  }
  let window: OrderWindow;
  let f: Filters;
  let cursor = 0;
  const token = url.searchParams.get('paginationToken');
  if (token !== null) {
    const t = decodePageToken(token);
    if (!t) return spError(400, invalidInput('Invalid paginationToken.'), rate);
    ({ window, cursor } = t);
    f = JSON.parse(t.filterKey) as Filters;
  } else {
    const p = parseSearch(url, now);
    if ('code' in p) return spError(400, p, rate);
    ({ window, f } = p);
  }
  const filterKey = JSON.stringify(f);
  const page = scan(account.profile, account.sellingPartnerId, ctx.world.overlays, {
    window,
    filterKey,
    match: (v) => (!f.st || f.st.includes(STATUS_2026[v.status])) && (!f.by || f.by.includes('MERCHANT')),
    limit: f.l,
    cursor,
  }, now);
  const bound = isoSeconds(window.before);
  return spJson(200, {
    orders: page.views.map((v) => formatOrder2026(account, v, inc, ctx.world.quirks.cancellationRequested.has(v.id))),
    ...(page.nextCursor !== null
      ? { pagination: { nextToken: encodePageToken(window, filterKey, page.nextCursor) } }
      : ctx.world.quirks.emptyNextToken
        ? { pagination: { nextToken: '' } }
        : {}),
    ...(window.mode === 'created' ? { createdBefore: bound } : { lastUpdatedBefore: bound }),
  }, rate);
}

export function getOrder2026(ctx: SpContext): Response {
  const inc = included(ctx.url);
  if (!(inc instanceof Set)) return spError(400, inc, ctx.rate);
  const v = findOrder(ctx);
  if (v instanceof Response) return v;
  return spJson(200, { order: formatOrder2026(ctx.account, v, inc, ctx.world.quirks.cancellationRequested.has(v.id)) }, ctx.rate);
}
