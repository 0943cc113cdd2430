// EbayConnector: the Connector the sync engine drives for an eBay account.
// Orders: getOrders filtered on lastmodifieddate over the run's fixed window, 200 per page (the
// maximum), offset paging. Listings: getInventoryItems, 200 per page, joined with getOffers per SKU
// (the Inventory API has no bulk offer read), so a listings page costs 1 + (SKUs on it) calls.
// Writes (./writes): pushTracking (createShippingFulfillment); no acknowledgeOrders, no updateOffer yet.
import { MarketplaceError, RateLimits, type RetryPolicy, type Timer } from '@/lib/marketplaces/http';
import type { PushResult, TrackingPush } from '@/lib/marketplaces/capabilities';
import type { AccountIdentity, Connector, NormalizedListing, NormalizedOrder, OrderWindow, Page } from '@/lib/marketplaces/types';
import { EbayClient, INVENTORY_MAX_LIMIT, ORDERS_MAX_LIMIT } from './client';
import { decodeListingsCursor, decodeOrdersCursor, encodeListingsCursor, encodeOrdersCursor, type OrdersCursor } from './cursor';
import { mapListing, mapOrders } from './map';
import type { EbayApp, EbayTokenCache } from './oauth';
import { EBAY_SCOPES } from './scopes';
import { InventoryItem, type Offer, type OrderPage } from './wire';
import { idField, mapEach, rejectionReason, safeExternalId, type RejectedRecord } from '@/lib/marketplaces/records';
import { EbayWrites } from './writes';

/** What ESM stores for an eBay account (sealed): the long-lived refresh token from the consent. */
export interface EbayCredentials {
  refreshToken: string;
}

export interface EbayConnectorOptions {
  /** https://api.ebay.com (sandbox https://api.sandbox.ebay.com, or the simulator). */
  apiBaseUrl: string;
  /** Commerce Identity host (apiz.*); derived from apiBaseUrl when omitted. */
  identityBaseUrl?: string;
  credentials: EbayCredentials;
  /** ESM's eBay application keyset. */
  app: EbayApp;
  /** Default 'EBAY_US'. */
  marketplaceId?: string;
  limits: RateLimits;
  timer?: Timer;
  retry?: RetryPolicy;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
  /** Scopes asked for on refresh: must be those consented (or fewer). Default EBAY_CONNECTOR_SCOPES. */
  scopes?: readonly string[];
  /** Defaults to one process-wide cache, so connector instances of an account share a token. */
  tokenCache?: EbayTokenCache;
  /** Smaller pages for tests; production uses the documented maxima. */
  pageSizes?: { orders?: number; inventory?: number };
  /** Parallel getOffers calls while joining a listings page. */
  offerConcurrency?: number;
}

const TWO_YEARS_MS = 730 * 86_400_000;

const CURRENCY: Record<string, string> = {
  EBAY_US: 'USD', EBAY_MOTORS_US: 'USD', EBAY_CA: 'CAD', EBAY_GB: 'GBP', EBAY_AU: 'AUD', EBAY_DE: 'EUR', EBAY_FR: 'EUR',
  EBAY_IT: 'EUR', EBAY_ES: 'EUR', EBAY_AT: 'EUR', EBAY_BE: 'EUR', EBAY_IE: 'EUR', EBAY_NL: 'EUR', EBAY_CH: 'CHF',
  EBAY_PL: 'PLN', EBAY_HK: 'HKD', EBAY_SG: 'SGD', EBAY_MY: 'MYR', EBAY_PH: 'PHP', EBAY_IN: 'INR',
};

async function mapPool<T, R>(items: readonly T[], concurrency: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return out;
}

export class EbayConnector implements Connector {
  readonly marketplace = 'ebay' as const;
  readonly marketplaceId: string;
  private calls = 0;
  private readonly client: EbayClient;
  private readonly ordersLimit: number;
  private readonly inventoryLimit: number;
  private readonly writes: EbayWrites;

  constructor(private readonly o: EbayConnectorOptions) {
    this.marketplaceId = o.marketplaceId ?? 'EBAY_US';
    this.ordersLimit = Math.min(o.pageSizes?.orders ?? ORDERS_MAX_LIMIT, ORDERS_MAX_LIMIT);
    this.inventoryLimit = Math.min(o.pageSizes?.inventory ?? INVENTORY_MAX_LIMIT, INVENTORY_MAX_LIMIT);
    this.client = new EbayClient({
      apiBaseUrl: o.apiBaseUrl,
      identityBaseUrl: o.identityBaseUrl,
      app: o.app,
      refreshToken: o.credentials.refreshToken,
      scopes: o.scopes,
      limits: o.limits,
      timer: o.timer,
      retry: o.retry,
      timeoutMs: o.timeoutMs,
      fetchImpl: o.fetchImpl,
      tokenCache: o.tokenCache,
      onCall: () => this.calls++,
    });
    this.writes = new EbayWrites(this.client);
  }

  pushTracking(push: TrackingPush): Promise<PushResult> {
    return this.writes.pushTracking(push);
  }

  /** Every request sent, token refreshes included (they spend eBay's OAuth quota too). */
  get apiCalls(): number {
    return this.calls;
  }

  async verify(): Promise<AccountIdentity> {
    if (this.client.scopes.includes(EBAY_SCOPES.identity)) {
      const user = await this.client.getUser();
      return { externalAccountId: user.userId, displayName: user.username ?? user.userId, marketplaceCode: this.marketplaceId };
    }
    // Without the identity scope the seller's user ID is only visible on their orders.
    const page = await this.client.getAnyOrder();
    const first = page.orders[0] as { sellerId?: unknown } | undefined;
    const sellerId = typeof first?.sellerId === 'string' && first.sellerId ? first.sellerId : null;
    if (!sellerId) {
      throw new MarketplaceError('permanent', 'ebay.verify: credentials work, but without the identity scope the seller cannot be named', {
        operation: 'ebay.verify',
      });
    }
    return { externalAccountId: sellerId, displayName: sellerId, marketplaceCode: this.marketplaceId };
  }

  async fetchOrders(window: OrderWindow, page: string | null): Promise<Page<NormalizedOrder>> {
    const from = window.updatedFrom.getTime();
    const to = window.updatedTo.getTime();
    if (from > to) return { records: [], next: null };
    let c: OrdersCursor | null = page ? decodeOrdersCursor(page) : null;
    // A cursor of another window is not continued: this window starts over (upserts are idempotent).
    if (c && (c.from !== from || c.to !== to)) c = null;
    let offset = c?.offset ?? 0;
    let open = c?.open ?? false;

    let res = await this.ordersPage(from, to, offset, open);
    if (!res) return { records: [], next: null };
    ({ open } = res);
    // Offsets shift when orders leave the window mid-run (modified after `to`): step back by the
    // drop so none is skipped; the few re-read orders are harmless (newer-only upserts).
    if (c && offset > 0 && res.page.total < c.total) {
      offset = Math.max(0, offset - (c.total - res.page.total));
      res = await this.ordersPage(from, to, offset, open);
      if (!res) return { records: [], next: null };
      ({ open } = res);
    }
    const { page: p } = res;
    const nextOffset = offset + p.orders.length;
    const more = p.orders.length > 0 && (!!p.next || nextOffset < p.total);
    return {
      ...mapOrders(p.orders),
      next: more ? encodeOrdersCursor({ from, to, offset: nextOffset, total: p.total, open }) : null,
    };
  }

  /** One getOrders page; null when the whole window is in eBay's future (nothing to read yet). */
  private async ordersPage(from: number, to: number, offset: number, open: boolean): Promise<{ page: OrderPage; open: boolean } | null> {
    // eBay keeps two years of orders and rejects longer ranges (30830).
    const start = new Date(Math.max(from, to - TWO_YEARS_MS));
    try {
      return { page: await this.client.getOrders({ from: start, to: open ? null : new Date(to), offset, limit: this.ordersLimit }), open };
    } catch (e) {
      // 30850 "dates can't be in the future": eBay's clock is behind ours. Leave the range open
      // (eBay's now is earlier than `to` anyway); if even the start is in its future, nothing exists.
      if (e instanceof MarketplaceError && e.details.code === '30850') {
        if (open) return null;
        return this.ordersPage(from, to, offset, true);
      }
      throw e;
    }
  }

  async fetchListings(page: string | null): Promise<Page<NormalizedListing>> {
    const c = page ? decodeListingsCursor(page) : { offset: '0', limit: this.inventoryLimit };
    const res = await this.client.getInventoryItems(c.offset, c.limit);
    // Items are read one by one: an unreadable one is set aside (quarantined by the engine), and
    // its offers are not even fetched.
    const items = mapEach('listing', res.inventoryItems, InventoryItem, (it) => it, idField('sku'));
    const offers: Offer[][] = await mapPool(items.records, this.o.offerConcurrency ?? 4, (it) =>
      this.client.getOffers(it.sku, this.marketplaceId),
    );
    const currency = CURRENCY[this.marketplaceId] ?? 'USD';
    const records: NormalizedListing[] = [];
    const rejected: RejectedRecord[] = [...items.rejected];
    items.records.forEach((it, i) => {
      try {
        records.push(mapListing(it, offers[i], this.marketplaceId, currency));
      } catch (e) {
        rejected.push({ kind: 'listing', externalId: safeExternalId(it.sku), reason: rejectionReason(e) });
      }
    });
    let next: string | null = null;
    if (res.next && res.inventoryItems.length > 0) {
      // eBay documents `offset` here as a page number; whatever its link says is what it means.
      const linked = new URL(res.next, 'http://x').searchParams;
      const offset = linked.get('offset') ?? String(Number(c.offset) + 1);
      const limit = Number(linked.get('limit') ?? c.limit);
      next = encodeListingsCursor({ offset, limit: Number.isInteger(limit) && limit > 0 ? limit : c.limit });
    }
    return { records, rejected, next };
  }
}
