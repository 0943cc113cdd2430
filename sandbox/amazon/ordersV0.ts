// Orders v0 single-order operations: getOrder, getOrderItems (NextToken paged), and the
// restricted getOrderAddress / getOrderBuyerInfo (the wrapper has already demanded an RDT).
import { hashString } from '@/sandbox/core/random';
import { rdtResource, type SpContext } from './context';
import { invalidInput, spError, spJson } from './http';
import { parseOrderId } from './ids';
import { orderExists, viewOrder, type OrderView } from './orderState';
import { buyerInfo, formatOrder, formatOrderItem, fullAddress } from './ordersV0Format';

/** The order named by the `orderId` path parameter, or the SP-API error answering for it. */
export function findOrder(ctx: SpContext): OrderView | Response {
  const id = ctx.params.orderId;
  const { profile, sellingPartnerId } = ctx.account;
  const index = parseOrderId(profile.seed, id);
  if (index === null && !/^\d{3}-\d{7}-\d{7}$/.test(id)) {
    return spError(400, invalidInput('Invalid Input', `Invalid AmazonOrderId: ${id}`), ctx.rate);
  }
  if (index === null || !orderExists(profile, index, ctx.now)) {
    return spError(404, { code: 'NotFound', message: 'Requested order not found', details: `No order ${id}` }, ctx.rate);
  }
  return viewOrder(profile, index, ctx.world.overlays.get(sellingPartnerId, index), ctx.now);
}

function piiFor(ctx: SpContext) {
  const elements = new Set(rdtResource(ctx.grant, 'GET', ctx.url.pathname)?.dataElements ?? []);
  return { shippingAddress: elements.has('shippingAddress'), buyerInfo: elements.has('buyerInfo') };
}

export function getOrder(ctx: SpContext): Response {
  const v = findOrder(ctx);
  if (v instanceof Response) return v;
  return spJson(200, { payload: formatOrder(ctx.account, v, piiFor(ctx)) }, ctx.rate);
}

function itemsToken(orderId: string, offset: number): string {
  const raw = `${orderId}:${offset}`;
  return Buffer.from(`${raw}:${hashString(`items|${raw}`).toString(36)}`).toString('base64url');
}

function readItemsToken(token: string, orderId: string): number | null {
  const [id, offset, sum] = Buffer.from(token, 'base64url').toString('utf8').split(':');
  if (id !== orderId || !sum || hashString(`items|${id}:${offset}`).toString(36) !== sum) return null;
  const n = Number(offset);
  return Number.isInteger(n) && n >= 0 ? n : null;
}

export function getOrderItems(ctx: SpContext): Response {
  const v = findOrder(ctx);
  if (v instanceof Response) return v;
  const token = ctx.url.searchParams.get('NextToken');
  let offset = 0;
  if (token !== null) {
    const o = readItemsToken(token, v.id);
    if (o === null) return spError(400, invalidInput('Invalid NextToken.'), ctx.rate);
    offset = o;
  }
  const size = ctx.world.orderItemsPageSize;
  const indexes = v.order.lines.map((_, i) => i).slice(offset, offset + size);
  const more = offset + size < v.order.lines.length;
  return spJson(200, {
    payload: {
      AmazonOrderId: v.id,
      OrderItems: indexes.map((i) => formatOrderItem(v, i)),
      ...(more ? { NextToken: itemsToken(v.id, offset + size) } : {}),
    },
  }, ctx.rate);
}

export function getOrderAddress(ctx: SpContext): Response {
  const v = findOrder(ctx);
  if (v instanceof Response) return v;
  // The address is released once payment is authorised.
  const payload = v.status === 'Pending' ? { AmazonOrderId: v.id } : { AmazonOrderId: v.id, ShippingAddress: fullAddress(v) };
  return spJson(200, { payload }, ctx.rate);
}

export function getOrderBuyerInfo(ctx: SpContext): Response {
  const v = findOrder(ctx);
  if (v instanceof Response) return v;
  return spJson(200, { payload: { AmazonOrderId: v.id, ...buyerInfo(ctx.account, v) } }, ctx.rate);
}
