// The eBay REST calls the connector makes: getOrders (Fulfillment), getInventoryItems and getOffers
// (Inventory), getUser (Identity). Every call goes through callJson (timeout, daily-quota bucket,
// classification) inside bounded retries; a 401 (expired or revoked access token) refreshes the
// token once and repeats the call, a second 401 is the 'auth' error the engine reports.
import type { z } from 'zod';
import {
  DEFAULT_RETRY, MarketplaceError, callJson, realTimer, withRetries,
  type RateLimits, type RetryPolicy, type Timer, type TokenBucket,
} from '@/lib/marketplaces/http';
import { ebayBucket, type EbayQuotaName } from './limits';
import { EbayTokenCache, EbayTokenSource, sharedEbayTokenCache, type EbayApp } from './oauth';
import { EBAY_CONNECTOR_SCOPES } from './scopes';
import { Fulfillments, InventoryPage, OfferPage, Order, OrderPage, User, describeEbayError, parseWire, type Offer } from './wire';

export const ORDERS_MAX_LIMIT = 200; // getOrders: "max 200" (error 31100 above)
export const INVENTORY_MAX_LIMIT = 200; // getInventoryItems: 1..200

export interface EbayClientOptions {
  apiBaseUrl: string;
  /** Commerce Identity lives on apiz.ebay.com; derived from apiBaseUrl when omitted. */
  identityBaseUrl?: string;
  app: EbayApp;
  refreshToken: string;
  scopes?: readonly string[];
  limits: RateLimits;
  timer?: Timer;
  retry?: RetryPolicy;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
  tokenCache?: EbayTokenCache;
  onCall?: () => void;
}

export interface OrdersQuery {
  from: Date;
  /** null: open-ended range (`[from..]`). */
  to: Date | null;
  offset: number;
  limit: number;
}

const trimSlash = (u: string) => u.replace(/\/+$/, '');

/** eBay's spelling: ISO with milliseconds and Z; brackets percent-encoded, ':' and ',' kept. */
export function lastModifiedFilter(from: Date, to: Date | null): string {
  const range = `lastmodifieddate:[${from.toISOString()}..${to ? to.toISOString() : ''}]`;
  return encodeURIComponent(range).replace(/%3A/gi, ':').replace(/%2C/gi, ',');
}

export function identityBaseFor(apiBaseUrl: string): string {
  const u = new URL(apiBaseUrl);
  // api.ebay.com → apiz.ebay.com, api.sandbox.ebay.com → apiz.sandbox.ebay.com; others unchanged.
  if (/^api\.(sandbox\.)?ebay\.com$/.test(u.hostname)) u.hostname = u.hostname.replace(/^api\./, 'apiz.');
  return trimSlash(u.toString());
}

export class EbayClient {
  readonly scopes: readonly string[];
  private readonly base: string;
  private readonly identityBase: string;
  private readonly tokens: EbayTokenSource;
  private readonly timer: Timer;
  private readonly retry: RetryPolicy;

  constructor(private readonly o: EbayClientOptions) {
    this.base = trimSlash(o.apiBaseUrl);
    this.identityBase = trimSlash(o.identityBaseUrl ?? identityBaseFor(o.apiBaseUrl));
    this.scopes = o.scopes ?? EBAY_CONNECTOR_SCOPES;
    this.timer = o.timer ?? realTimer;
    this.retry = o.retry ?? DEFAULT_RETRY;
    this.tokens = new EbayTokenSource({
      apiBaseUrl: o.apiBaseUrl,
      app: o.app,
      refreshToken: o.refreshToken,
      scopes: this.scopes,
      limits: o.limits,
      cache: o.tokenCache ?? sharedEbayTokenCache,
      timer: this.timer,
      timeoutMs: o.timeoutMs,
      fetchImpl: o.fetchImpl,
      onCall: () => o.onCall?.(),
    });
  }

  async getOrders(q: OrdersQuery) {
    const url =
      `${this.base}/sell/fulfillment/v1/order?filter=${lastModifiedFilter(q.from, q.to)}` +
      `&limit=${q.limit}&offset=${q.offset}&fieldGroups=TAX_BREAKDOWN`;
    return this.get(url, 'ebay.getOrders', 'fulfillment', OrderPage);
  }

  /** Cheapest authenticated Fulfillment call: one order, any. */
  async getAnyOrder() {
    return this.get(`${this.base}/sell/fulfillment/v1/order?limit=1`, 'ebay.getOrders', 'fulfillment', OrderPage);
  }

  /** `offset` is whatever eBay's own `next` link carried (documented as a page number). */
  async getInventoryItems(offset: string, limit: number) {
    const url = `${this.base}/sell/inventory/v1/inventory_item?limit=${limit}&offset=${encodeURIComponent(offset)}`;
    return this.get(url, 'ebay.getInventoryItems', 'inventory', InventoryPage);
  }

  /** All offers of one SKU on the marketplace (no bulk read exists); none → []. */
  async getOffers(sku: string, marketplaceId: string): Promise<Offer[]> {
    const url = `${this.base}/sell/inventory/v1/offer?sku=${encodeURIComponent(sku)}&marketplace_id=${encodeURIComponent(marketplaceId)}`;
    try {
      return (await this.get(url, 'ebay.getOffers', 'inventory', OfferPage)).offers;
    } catch (e) {
      // 25713 "This Offer is not available": the SKU exists but was never offered.
      if (e instanceof MarketplaceError && e.kind === 'not_found' && e.details.code === '25713') return [];
      throw e;
    }
  }

  async getUser() {
    return this.get(`${this.identityBase}/commerce/identity/v1/user/`, 'ebay.getUser', null, User);
  }

  async getOrder(orderId: string) {
    return this.get(`${this.orderUrl(orderId)}`, 'ebay.getOrder', 'fulfillment', Order);
  }

  async getShippingFulfillments(orderId: string) {
    return this.get(`${this.orderUrl(orderId)}/shipping_fulfillment`, 'ebay.getShippingFulfillments', 'fulfillment', Fulfillments);
  }

  /** Sent once (no retries here): its caller reads the fulfillments back before trying again. */
  async createShippingFulfillment(orderId: string, body: unknown, schema: z.ZodType<unknown>) {
    return this.request(`${this.orderUrl(orderId)}/shipping_fulfillment`, 'ebay.createShippingFulfillment', 'fulfillment', schema, body, {
      ...this.retry,
      maxAttempts: 1,
    });
  }

  get retryPolicy(): RetryPolicy {
    return this.retry;
  }

  get clock(): Timer {
    return this.timer;
  }

  private orderUrl(orderId: string): string {
    return `${this.base}/sell/fulfillment/v1/order/${encodeURIComponent(orderId)}`;
  }

  private get<T>(url: string, operation: string, quota: EbayQuotaName | null, schema: z.ZodType<T>): Promise<T> {
    return this.request(url, operation, quota, schema);
  }

  private request<T>(url: string, operation: string, quota: EbayQuotaName | null, schema: z.ZodType<T>, body?: unknown, retry = this.retry): Promise<T> {
    // Identity has no documented quota, so it gets no bucket rather than an invented one.
    const bucket: TokenBucket | undefined = quota ? ebayBucket(this.o.limits, this.o.app.clientId, quota) : undefined;
    return withRetries(
      async () => {
        for (let authRetry = false; ; authRetry = true) {
          const token = await this.tokens.get();
          try {
            const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
            if (body !== undefined) headers['content-type'] = 'application/json';
            const res = await callJson(
              url,
              body === undefined ? { method: 'GET', headers } : { method: 'POST', headers, body: JSON.stringify(body) },
              { operation, timeoutMs: this.o.timeoutMs, bucket, fetchImpl: this.o.fetchImpl, onCall: () => this.o.onCall?.() },
              describeEbayError,
            );
            return parseWire(schema, res.body, operation);
          } catch (e) {
            // 401 = the token is invalid or expired (1001); 403 is a scope problem a refresh won't fix.
            if (!authRetry && e instanceof MarketplaceError && e.kind === 'auth' && e.details.status === 401) {
              this.tokens.invalidate(token);
              continue;
            }
            throw e;
          }
        }
      },
      retry,
      this.timer,
    );
  }
}
