// Amazon SP-API connector: orders from Orders API v2026-01-01 searchOrders, listings from
// Listings Items 2021-08-01 searchListingsItems, both through the hardened amazon-sp-api SDK.
//
// WHY searchOrders (v2026-01-01) AND NOT getOrders (v0) + RDT. Documented default limits
// (reference §2.10), N orders in a window, P = ⌈N/100⌉ pages (both APIs: at most 100 per page):
// - v0: getOrders 0.0167 rps / burst 20 per page, but the lines need getOrderItems per order
//   (0.5 rps / burst 30), plus one RDT per hour for PII. Items dominate:
//   time ≈ (N − 30) / 0.5 s, requests = P + N + 1.
// - v2026-01-01: searchOrders is only 0.0056 rps / burst 20, but each order arrives WITH its
//   orderItems (required in the Order schema) and, via includedData=BUYER,RECIPIENT, with its PII
//   (no RDT). time ≈ max(0, P − 20) / 0.0056 s, requests = P.
//   N = 1,000:   v0 ≈ 1,940 s and 1,011 requests;   v2026 ≈ 0 s (within the burst), 10 requests.
//   N = 100,000: v0 ≈ 55.5 h and 101,001 requests; v2026 ≈ 48.6 h, 1,000 requests.
//   Steady state: v0 0.5 orders/s (the items quota), v2026 100 orders per 178.6 s = 0.56 orders/s.
// v2026 is never slower and needs 1/(N+1) as many requests, and a page is ONE call (a v0 page of
// 100 orders is 101 calls, ~200 s once the items burst is spent). The price: a sustained poll
// rate of one searchOrders per ~3 minutes (the burst of 20 absorbs catch-ups); a run costs at
// least one call, so schedules tighter than ~3 minutes per account would wait on the bucket.
import { MarketplaceError, DEFAULT_RETRY, RateLimits, realTimer, type RetryPolicy, type Timer } from '@/lib/marketplaces/http';
import type { PushResult, TrackingPush } from '@/lib/marketplaces/capabilities';
import type { AccountIdentity, Connector, NormalizedListing, NormalizedOrder, OrderWindow, Page } from '@/lib/marketplaces/types';
import { decodeListingsCursor, decodeOrdersCursor, encodeListingsCursor, encodeOrdersCursor } from './cursor';
import { LWA_URL, LwaTokens } from './lwa';
import { mapListings, mapOrders } from './map';
import { SpClient, type AmazonRegion } from './sp';
import { searchListingsResponse, searchOrdersResponse, type SearchOrdersResponse } from './wire';
import { AmazonWrites } from './writes';

/** Per seller: what the OAuth callback gave us. */
export interface AmazonCredentials {
  refreshToken: string;
  /** The merchant token (`selling_partner_id`), also the Listings API `sellerId`. */
  sellingPartnerId: string;
}

/** ESM's registered SP-API application (LWA client). */
export interface AmazonAppCredentials {
  clientId: string;
  clientSecret: string;
}

export interface AmazonConnectorOptions {
  credentials: AmazonCredentials;
  app: AmazonAppCredentials;
  region: AmazonRegion;
  /** The first one is the account's marketplace code. */
  marketplaceIds: string[];
  /**
   * Base URL that every request goes to instead of Amazon's hosts (the simulator): the SDK's SP-API
   * calls through a connection-redirecting agent, LWA at `${endpointOverride}/auth/o2/token`.
   */
  endpointOverride?: string;
  limits: RateLimits;
  timer?: Timer;
  retry?: RetryPolicy;
  /** Per request: no first byte / no next chunk within this, and the whole answer within twice it. */
  timeoutMs?: number;
  /** For the LWA token request only (SP-API calls go through the SDK's https). */
  fetchImpl?: typeof fetch;
  /** Tests only: smaller pages than the documented maxima (orders 100, listings 20). */
  pageSizes?: { orders?: number; listings?: number };
}

const ORDERS_PAGE = 100;
const LISTINGS_PAGE = 20;
/**
 * Everything a NormalizedOrder needs: PII (BUYER, RECIPIENT), money, status and dates, shipments,
 * and each line's cancellation (a buyer's request shows as such on the line; map.ts lineStatus).
 */
const ORDER_DATA = ['BUYER', 'RECIPIENT', 'PROCEEDS', 'FULFILLMENT', 'PACKAGES', 'CANCELLATION'];
const LISTING_DATA = ['summaries', 'attributes', 'issues', 'offers', 'fulfillmentAvailability'];
/** How far Amazon's own bound may pass the window's end before the first page is asked again. */
const HISTORICAL_SLACK_MS = 10 * 60_000;

export class AmazonConnector implements Connector {
  readonly marketplace = 'amazon' as const;
  private calls = 0;
  private readonly sp: SpClient;
  private readonly tokens: LwaTokens;
  private readonly sellerId: string;
  private readonly marketplaceIds: string[];
  private readonly ordersPage: number;
  private readonly listingsPage: number;
  private readonly writes: AmazonWrites;

  constructor(opts: AmazonConnectorOptions) {
    const { credentials, app } = opts;
    if (!opts.marketplaceIds.length || opts.marketplaceIds.length > 50) {
      throw new MarketplaceError('permanent', 'amazon: between 1 and 50 marketplace ids are required');
    }
    if (!['na', 'eu', 'fe'].includes(opts.region)) throw new MarketplaceError('permanent', 'amazon: region must be na, eu or fe');
    const timer = opts.timer ?? realTimer;
    const timeoutMs = opts.timeoutMs ?? 30_000;
    this.sellerId = credentials.sellingPartnerId;
    this.marketplaceIds = [...opts.marketplaceIds];
    this.ordersPage = Math.min(ORDERS_PAGE, Math.max(1, opts.pageSizes?.orders ?? ORDERS_PAGE));
    this.listingsPage = Math.min(LISTINGS_PAGE, Math.max(1, opts.pageSizes?.listings ?? LISTINGS_PAGE));
    const base = opts.endpointOverride?.replace(/\/+$/, '');
    this.tokens = new LwaTokens({
      url: base ? `${base}/auth/o2/token` : LWA_URL,
      credentials: { clientId: app.clientId, clientSecret: app.clientSecret, refreshToken: credentials.refreshToken },
      timer,
      timeoutMs,
      fetchImpl: opts.fetchImpl,
    });
    this.sp = new SpClient({
      region: opts.region,
      endpointOverride: base,
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      refreshToken: credentials.refreshToken,
      sellerId: this.sellerId,
      limits: opts.limits,
      timer,
      retry: opts.retry ?? DEFAULT_RETRY,
      timeoutMs,
      tokens: this.tokens,
      onCall: () => void this.calls++,
    });
    this.writes = new AmazonWrites(this.sp, this.marketplaceIds[0]);
  }

  /** confirmShipment (Orders v0), read before and after (./writes). No acknowledgeOrders, no updateOffer yet. */
  pushTracking(push: TrackingPush): Promise<PushResult> {
    return this.writes.pushTracking(push);
  }

  /** SP-API requests sent (LWA token requests are not counted; see `tokenRequests`). */
  get apiCalls(): number {
    return this.calls;
  }

  /** LWA token requests this instance sent (instances share tokens, so usually 0 or 1). */
  get tokenRequests(): number {
    return this.tokens.requests;
  }

  /**
   * An LWA exchange plus the cheapest authenticated call that also proves the seller id belongs
   * to the refresh token: one listing (5 rps), not a search (0.0056 rps). The simulator has no
   * Sellers API (getMarketplaceParticipations).
   */
  async verify(): Promise<AccountIdentity> {
    await this.sp.call(
      {
        operation: 'searchListingsItems',
        endpoint: 'listingsItems',
        version: '2021-08-01',
        path: { sellerId: this.sellerId },
        query: { marketplaceIds: this.marketplaceIds, includedData: ['summaries'], pageSize: 1 },
      },
      searchListingsResponse,
    );
    return { externalAccountId: this.sellerId, displayName: `Amazon seller ${this.sellerId}`, marketplaceCode: this.marketplaceIds[0] };
  }

  /**
   * Amazon refuses a lastUpdatedBefore less than two minutes before ITS clock, and the engine's
   * windows end at "now" by ours. So the first page goes out without it (Amazon then applies
   * "now − 2 minutes" and says so in the answer) and records past the window's end are dropped
   * here: they are updates the next window, which overlaps this one, reads. Only when Amazon's
   * bound turns out to lie well past the window (a historical window: backfill, or a run resumed
   * long after it was planned) is the first page asked again with the window's end, which is then
   * surely valid: one extra request instead of paging through everything after the window.
   */
  async fetchOrders(window: OrderWindow, page: string | null): Promise<Page<NormalizedOrder>> {
    const from = window.updatedFrom.getTime();
    const to = window.updatedTo.getTime();
    const resume = page === null ? null : decodeOrdersCursor(page, from, to);
    const pageSize = resume?.pageSize ?? this.ordersPage;
    let bounded = resume?.bounded ?? false;
    let body = await this.searchOrders(from, bounded ? to : null, pageSize, resume?.token ?? null);
    if (!resume && body.lastUpdatedBefore && Date.parse(body.lastUpdatedBefore) > to + HISTORICAL_SLACK_MS) {
      bounded = true;
      body = await this.searchOrders(from, to, pageSize, null);
    }
    const { records: all, rejected } = mapOrders(body.orders);
    const records = all.filter((o) => {
      const t = o.updatedAt.getTime();
      return t >= from && t <= to;
    });
    // An empty nextToken ("") is Amazon's "no next page" too.
    const next = body.pagination?.nextToken;
    return { records, rejected, next: next ? encodeOrdersCursor(from, to, { token: next, pageSize, bounded }) : null };
  }

  private searchOrders(from: number, to: number | null, pageSize: number, token: string | null): Promise<SearchOrdersResponse> {
    return this.sp.call(
      {
        operation: 'searchOrders',
        endpoint: 'orders',
        version: '2026-01-01',
        query: {
          marketplaceIds: this.marketplaceIds,
          lastUpdatedAfter: new Date(from).toISOString(),
          ...(to !== null ? { lastUpdatedBefore: new Date(to).toISOString() } : {}),
          includedData: ORDER_DATA,
          maxResultsPerPage: pageSize,
          ...(token ? { paginationToken: token } : {}),
        },
      },
      searchOrdersResponse,
    );
  }

  async fetchListings(page: string | null): Promise<Page<NormalizedListing>> {
    const resume = page === null ? null : decodeListingsCursor(page);
    const pageSize = resume?.pageSize ?? this.listingsPage;
    const body = await this.sp.call(
      {
        operation: 'searchListingsItems',
        endpoint: 'listingsItems',
        version: '2021-08-01',
        path: { sellerId: this.sellerId },
        query: {
          marketplaceIds: this.marketplaceIds,
          includedData: LISTING_DATA,
          pageSize,
          // SKU order is stable while listings change under a running sync (the default,
          // lastUpdatedDate, moves an edited listing across pages).
          sortBy: 'sku',
          sortOrder: 'ASC',
          ...(resume ? { pageToken: resume.token } : {}),
        },
      },
      searchListingsResponse,
    );
    const mp = this.marketplaceIds[0];
    const { records, rejected } = mapListings(body.items, mp);
    const next = body.pagination?.nextToken;
    return { records, rejected, next: next ? encodeListingsCursor(pageSize, next) : null };
  }
}
