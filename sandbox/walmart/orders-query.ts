// Query parameters of GET /v3/orders (and /released), and the `nextCursor` Walmart hands back:
// a ready-made query string `?limit=..&hasMoreElements=true&soIndex=<totalCount>&poIndex=<offset>
// &partnerId=..&sellerId=..&<filters>&createdStartDate=..&createdEndDate=<frozen>&shipNodeType=..`
// (spec examples and live captures). Open-ended windows are frozen in the cursor so later pages
// see the same orders even as new ones arrive.
import type { WalmartAccount } from './accounts';
import { invalidParam } from './errors';
import { LINE_STATUSES, type LineStatus } from './order-state';

const DAY = 86_400_000;
export const ORDERS_API = 'GMP_ORDER_API';
export const DEFAULT_ORDER_LIMIT = 100;
export const MAX_ORDER_LIMIT = 200;
/** "Only orders created in last 180 days ... can be fetched" (getAllOrders description). */
export const ORDER_HISTORY_MS = 180 * DAY;

export interface DateParam {
  raw: string;
  ms: number;
}

export interface OrdersQuery {
  limit: number;
  /** `poIndex`: how many matching orders earlier pages already returned. */
  offset: number;
  /** `soIndex`: the total count computed by the first page. */
  soIndex: number | null;
  createdStart: DateParam | null;
  createdEnd: DateParam;
  lastModifiedStart: DateParam | null;
  lastModifiedEnd: DateParam | null;
  fromExpectedShip: DateParam | null;
  toExpectedShip: DateParam | null;
  status: LineStatus | null;
  sku: string | null;
  customerOrderId: string | null;
  purchaseOrderId: string | null;
  productInfo: boolean;
  replacementInfo: boolean;
  orderType: string | null;
  shipNodeType: string;
  shippingProgramType: string | null;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** `yyyy-MM-dd` (midnight UTC) or an ISO 8601 timestamp; anything else is rejected. */
export function parseWalmartDate(raw: string): number | null {
  if (!DATE_RE.test(raw)) return null;
  const iso = raw.length === 10 ? `${raw}T00:00:00Z` : /[Zz]|[+-]\d{2}:?\d{2}$/.test(raw) ? raw : `${raw}Z`;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
}

function frozen(ms: number): DateParam {
  return { raw: new Date(ms).toISOString(), ms };
}

type Parsed<T> = { ok: true; value: T } | { ok: false; error: Response };

function bool(params: URLSearchParams, name: string): Parsed<boolean> {
  const v = params.get(name);
  if (v === null || v === '') return { ok: true, value: false };
  if (v === 'true' || v === 'false') return { ok: true, value: v === 'true' };
  return { ok: false, error: invalidParam(ORDERS_API, name, `Invalid value '${v}' for ${name}; allowed values are true or false`) };
}

function oneOf(params: URLSearchParams, name: string, allowed: readonly string[]): Parsed<string | null> {
  const v = params.get(name);
  if (v === null || v === '') return { ok: true, value: null };
  const hit = allowed.find((a) => a.toLowerCase() === v.toLowerCase());
  if (hit) return { ok: true, value: hit };
  return { ok: false, error: invalidParam(ORDERS_API, name, `Invalid value '${v}' for ${name}; allowed values are ${allowed.join(', ')}`) };
}

function date(params: URLSearchParams, name: string): Parsed<DateParam | null> {
  const raw = params.get(name);
  if (raw === null || raw === '') return { ok: true, value: null };
  const ms = parseWalmartDate(raw);
  if (ms === null) {
    return { ok: false, error: invalidParam(ORDERS_API, name, `Invalid date '${raw}' for ${name}; use yyyy-MM-dd or yyyy-MM-ddTHH:mm:ssZ`) };
  }
  return { ok: true, value: { raw, ms } };
}

function count(params: URLSearchParams, name: string, fallback: number | null): Parsed<number | null> {
  const v = params.get(name);
  if (v === null || v === '') return { ok: true, value: fallback };
  if (!/^\d{1,9}$/.test(v)) return { ok: false, error: invalidParam(ORDERS_API, name, `Invalid value '${v}' for ${name}`) };
  return { ok: true, value: Number(v) };
}

export function parseOrdersQuery(params: URLSearchParams, now: number, forcedStatus?: LineStatus): OrdersQuery | Response {
  const parts = {
    limit: count(params, 'limit', DEFAULT_ORDER_LIMIT),
    offset: count(params, 'poIndex', 0),
    soIndex: count(params, 'soIndex', null),
    createdStart: date(params, 'createdStartDate'),
    createdEnd: date(params, 'createdEndDate'),
    lastModifiedStart: date(params, 'lastModifiedStartDate'),
    lastModifiedEnd: date(params, 'lastModifiedEndDate'),
    fromExpectedShip: date(params, 'fromExpectedShipDate'),
    toExpectedShip: date(params, 'toExpectedShipDate'),
    status: oneOf(params, 'status', LINE_STATUSES),
    productInfo: bool(params, 'productInfo'),
    replacementInfo: bool(params, 'replacementInfo'),
    orderType: oneOf(params, 'orderType', ['REGULAR', 'REPLACEMENT']),
    shipNodeType: oneOf(params, 'shipNodeType', ['SellerFulfilled', 'WFSFulfilled', '3PLFulfilled']),
    shippingProgramType: oneOf(params, 'shippingProgramType', ['TWO_DAY', 'ONE_DAY']),
  };
  const v: Record<string, unknown> = {};
  for (const [k, p] of Object.entries(parts)) {
    if (!p.ok) return p.error;
    v[k] = p.value;
  }
  const limit = v.limit as number;
  if (limit < 1 || limit > MAX_ORDER_LIMIT) {
    return invalidParam(ORDERS_API, 'limit', `Invalid value '${limit}' for limit; it cannot be larger than ${MAX_ORDER_LIMIT}`);
  }
  const str = (name: string) => params.get(name) || null;
  const lastModifiedStart = v.lastModifiedStart as DateParam | null;
  const byId = str('purchaseOrderId') !== null || str('customerOrderId') !== null;
  const modifiedWindow = lastModifiedStart !== null || v.lastModifiedEnd !== null;
  // The documented default window (last 7 days) would defeat incremental sync by modification
  // time and id look-ups, so it only applies when neither is asked for.
  const createdStart = (v.createdStart as DateParam | null) ?? (byId || modifiedWindow ? null : frozen(now - 7 * DAY));
  return {
    limit,
    offset: v.offset as number,
    soIndex: v.soIndex as number | null,
    createdStart,
    createdEnd: (v.createdEnd as DateParam | null) ?? frozen(now),
    lastModifiedStart,
    lastModifiedEnd: (v.lastModifiedEnd as DateParam | null) ?? (lastModifiedStart ? frozen(now) : null),
    fromExpectedShip: v.fromExpectedShip as DateParam | null,
    toExpectedShip: v.toExpectedShip as DateParam | null,
    status: forcedStatus ?? (v.status as LineStatus | null),
    sku: str('sku'),
    customerOrderId: str('customerOrderId'),
    purchaseOrderId: str('purchaseOrderId'),
    productInfo: v.productInfo as boolean,
    replacementInfo: v.replacementInfo as boolean,
    orderType: v.orderType as string | null,
    shipNodeType: (v.shipNodeType as string | null) ?? 'SellerFulfilled',
    shippingProgramType: v.shippingProgramType as string | null,
  };
}

/** Walmart leaves ':' unescaped in cursor dates (`createdEndDate=2019-09-17T18:47:03.703Z`). */
function enc(v: string): string {
  return encodeURIComponent(v).replace(/%3A/gi, ':');
}

/** The filter part of a cursor: identical on every page of one search. */
export function querySignature(q: OrdersQuery): string {
  const pairs: Array<[string, string | null | undefined]> = [
    ['sku', q.sku],
    ['customerOrderId', q.customerOrderId],
    ['purchaseOrderId', q.purchaseOrderId],
    ['status', q.status],
    ['fromExpectedShipDate', q.fromExpectedShip?.raw],
    ['toExpectedShipDate', q.toExpectedShip?.raw],
    ['createdStartDate', q.createdStart?.raw],
    ['createdEndDate', q.createdEnd.raw],
    ['lastModifiedStartDate', q.lastModifiedStart?.raw],
    ['lastModifiedEndDate', q.lastModifiedEnd?.raw],
    ['productInfo', q.productInfo ? 'true' : null],
    ['replacementInfo', q.replacementInfo ? 'true' : null],
    ['orderType', q.orderType],
    ['shippingProgramType', q.shippingProgramType],
    ['shipNodeType', q.shipNodeType],
  ];
  return pairs
    .filter((p): p is [string, string] => typeof p[1] === 'string')
    .map(([k, val]) => `${k}=${enc(val)}`)
    .join('&');
}

export function nextCursor(account: WalmartAccount, q: OrdersQuery, total: number, nextOffset: number): string {
  const head = `?limit=${q.limit}&hasMoreElements=true&soIndex=${total}&poIndex=${nextOffset}&partnerId=${account.partnerId}&sellerId=${account.sellerId}`;
  return `${head}&${querySignature(q)}`;
}
