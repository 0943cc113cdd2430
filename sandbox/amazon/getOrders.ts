// Orders v0 getOrders: the documented parameter rules (exactly one of CreatedAfter /
// LastUpdatedAfter, "before" bounds at least two minutes in the past, SellerOrderId exclusions,
// list sizes), filters, PII through an RDT covering GET /orders/v0/orders, and NextToken paging.
import { AMAZON_US_MARKETPLACE_ID } from './accounts';
import { rdtResource, type SpContext } from './context';
import { invalidInput, isoSeconds, listParam, parseIso, spError, spJson, type SpError } from './http';
import { relayEmailFor } from './ids';
import { ORDER_STATUSES, type OrderView } from './orderState';
import { decodePageToken, encodePageToken, searchOrders, type OrderWindow } from './ordersQuery';
import { formatOrder } from './ordersV0Format';

const TWO_MIN = 120_000;
const DAY = 86_400_000;

interface Filters {
  st?: string[];
  fc?: string[];
  pm?: string[];
  ids?: string[];
  soid?: string;
  email?: string;
  easyShip?: boolean;
  einv?: string[];
  ispu?: boolean;
  store?: string;
  source?: string;
  eda?: number;
  edb?: number;
  lda?: number;
  ldb?: number;
}

function matcher(f: Filters, seed: string): (v: OrderView) => boolean {
  return (v) => {
    const earliestDelivery = v.order.createdAt + 3 * DAY;
    if (f.st && !f.st.includes(v.status)) return false;
    if (f.fc && !f.fc.includes('MFN')) return false;
    if (f.pm && !f.pm.includes('Other')) return false;
    if (f.ids && !f.ids.includes(v.id)) return false;
    if (f.soid !== undefined && f.soid !== v.id) return false;
    if (f.email !== undefined && f.email.toLowerCase() !== relayEmailFor(seed, v.index)) return false;
    // No simulated order is Easy Ship, in-store pickup, store-chain or supply-source routed, and
    // US orders never need an electronic invoice.
    if (f.easyShip || f.ispu === true || f.store !== undefined || f.source !== undefined) return false;
    if (f.einv && !f.einv.includes('NotRequired')) return false;
    if (f.eda !== undefined && earliestDelivery < f.eda) return false;
    if (f.edb !== undefined && earliestDelivery > f.edb) return false;
    if (f.lda !== undefined && v.order.deliverBy < f.lda) return false;
    if (f.ldb !== undefined && v.order.deliverBy > f.ldb) return false;
    return true;
  };
}

type Parsed = { window: OrderWindow; filters: Filters; limit: number } | SpError;

function parseFresh(url: URL, now: number): Parsed {
  const q = url.searchParams;
  const date = (name: string): number | undefined | SpError => {
    const raw = q.get(name);
    if (raw === null) return undefined;
    const t = parseIso(raw);
    return t === null ? invalidInput(`Invalid ${name}: ${raw}`, 'The date must be in ISO 8601 format.') : t;
  };
  const ca = date('CreatedAfter');
  const cb = date('CreatedBefore');
  const ua = date('LastUpdatedAfter');
  const ub = date('LastUpdatedBefore');
  for (const d of [ca, cb, ua, ub]) if (typeof d === 'object') return d;
  const [createdAfter, createdBefore, updatedAfter, updatedBefore] = [ca, cb, ua, ub] as Array<number | undefined>;

  if (createdAfter === undefined && updatedAfter === undefined) {
    return invalidInput('Either CreatedAfter or LastUpdatedAfter must be specified.');
  }
  if (createdAfter !== undefined && (updatedAfter !== undefined || updatedBefore !== undefined)) {
    return invalidInput('LastUpdatedAfter and LastUpdatedBefore cannot be set when CreatedAfter is set.');
  }
  if (updatedAfter !== undefined && createdBefore !== undefined) {
    return invalidInput('CreatedAfter and CreatedBefore cannot be set when LastUpdatedAfter is set.');
  }
  const mode = createdAfter !== undefined ? 'created' : 'updated';
  const after = (createdAfter ?? updatedAfter) as number;
  const given = mode === 'created' ? createdBefore : updatedBefore;
  const beforeName = mode === 'created' ? 'CreatedBefore' : 'LastUpdatedBefore';
  if (after > now) return invalidInput(`${mode === 'created' ? 'CreatedAfter' : 'LastUpdatedAfter'} cannot be in the future.`);
  if (given !== undefined && given < after) return invalidInput(`${beforeName} must be equal to or after the ${mode === 'created' ? 'CreatedAfter' : 'LastUpdatedAfter'} date.`);
  if (given !== undefined && given > now - TWO_MIN) return invalidInput(`${beforeName} must be at least two minutes before the current time.`);
  // Whole seconds, so the bound echoed back (ISO without ms) loses nothing when reused as the next
  // LastUpdatedAfter.
  const window: OrderWindow = { mode, after, before: given ?? Math.floor((now - TWO_MIN) / 1000) * 1000 };

  const list = (name: string, allowed?: readonly string[], max?: number): string[] | undefined | SpError => {
    const v = listParam(url, name);
    if (!v) return undefined;
    if (max !== undefined && v.length > max) return invalidInput(`${name} accepts at most ${max} values.`);
    const bad = allowed && v.find((x) => !allowed.includes(x));
    return bad ? invalidInput(`Invalid ${name} value: ${bad}`) : v;
  };
  const st = list('OrderStatuses', ORDER_STATUSES);
  const fc = list('FulfillmentChannels', ['AFN', 'MFN']);
  const pm = list('PaymentMethods', ['COD', 'CVS', 'Other']);
  const ids = list('AmazonOrderIds', undefined, 50);
  const es = list('EasyShipShipmentStatuses');
  const einv = list('ElectronicInvoiceStatuses', ['NotRequired', 'NotFound', 'Processing', 'Errored', 'Accepted']);
  for (const x of [st, fc, pm, ids, es, einv]) if (x && !Array.isArray(x)) return x;
  const soid = q.get('SellerOrderId') ?? undefined;
  const email = q.get('BuyerEmail') ?? undefined;
  if (soid !== undefined && (fc || st || pm || updatedAfter !== undefined || updatedBefore !== undefined || email !== undefined)) {
    return invalidInput('If SellerOrderId is specified, FulfillmentChannels, OrderStatuses, PaymentMethods, LastUpdatedAfter, LastUpdatedBefore and BuyerEmail cannot be specified.');
  }
  const ispuRaw = q.get('IsISPU');
  if (ispuRaw !== null && ispuRaw !== 'true' && ispuRaw !== 'false') return invalidInput(`Invalid IsISPU value: ${ispuRaw}`);
  const dd = ['EarliestDeliveryDateAfter', 'EarliestDeliveryDateBefore', 'LatestDeliveryDateAfter', 'LatestDeliveryDateBefore'].map(date);
  for (const d of dd) if (typeof d === 'object') return d;
  const [eda, edb, lda, ldb] = dd as Array<number | undefined>;

  const limitRaw = q.get('MaxResultsPerPage');
  const limit = limitRaw === null ? 100 : Number(limitRaw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) return invalidInput('MaxResultsPerPage must be between 1 and 100.');

  const filters: Filters = {
    st: st as string[] | undefined, fc: fc as string[] | undefined, pm: pm as string[] | undefined,
    ids: ids as string[] | undefined, soid, email, easyShip: es ? true : undefined, einv: einv as string[] | undefined,
    ispu: ispuRaw === null ? undefined : ispuRaw === 'true', store: q.get('StoreChainStoreId') ?? undefined,
    source: q.get('ActualFulfillmentSupplySourceId') ?? undefined, eda, edb, lda, ldb,
  };
  return { window, filters, limit };
}

export function validateMarketplaces(ids: string[] | undefined, own: string, name: string): SpError | null {
  if (!ids || !ids.length) return invalidInput(`Missing required parameter: ${name}.`);
  if (ids.length > 50) return invalidInput(`${name} accepts at most 50 values.`);
  const bad = ids.find((m) => m !== own);
  return bad ? invalidInput(`Invalid ${name}: ${bad}`, 'The seller is not registered in this marketplace.') : null;
}

export function getOrders(ctx: SpContext): Response {
  const { url, account, now, rate } = ctx;
  const own = account.marketplaceId ?? AMAZON_US_MARKETPLACE_ID;
  const mpError = validateMarketplaces(listParam(url, 'MarketplaceIds'), own, 'MarketplaceIds');
  if (mpError) return spError(400, mpError, rate);

  let parsed: Parsed;
  let cursor = 0;
  const next = url.searchParams.get('NextToken');
  if (next !== null) {
    // The token pins the original filters and window; filters re-sent with it do not change them.
    const t = decodePageToken(next);
    if (!t) return spError(400, invalidInput('Invalid NextToken.'), rate);
    const body = JSON.parse(t.filterKey) as { f: Filters; l: number };
    parsed = { window: t.window, filters: body.f, limit: body.l };
    cursor = t.cursor;
  } else parsed = parseFresh(url, now);
  if ('code' in parsed) return spError(400, parsed, rate);

  const resource = rdtResource(ctx.grant, 'GET', url.pathname);
  const elements = new Set(resource?.dataElements ?? []);
  const pii = { shippingAddress: elements.has('shippingAddress'), buyerInfo: elements.has('buyerInfo') };
  const filterKey = JSON.stringify({ f: parsed.filters, l: parsed.limit });
  const page = searchOrders(account.profile, account.sellingPartnerId, ctx.world.overlays, {
    window: parsed.window,
    filterKey,
    match: matcher(parsed.filters, account.profile.seed),
    limit: parsed.limit,
    cursor,
  }, now);
  const bound = isoSeconds(parsed.window.before);
  return spJson(200, {
    payload: {
      Orders: page.views.map((v) => formatOrder(account, v, pii)),
      ...(page.nextCursor !== null ? { NextToken: encodePageToken(parsed.window, filterKey, page.nextCursor) } : {}),
      ...(parsed.window.mode === 'created' ? { CreatedBefore: bound } : { LastUpdatedBefore: bound }),
    },
  }, rate);
}
