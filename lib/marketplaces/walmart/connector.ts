// The Walmart Marketplace (US) connector: orders by last-modified window (getAllOrders, 200 per
// page, following Walmart's nextCursor) and listings (getAllItems, 50 per page, nextCursor), then
// their stock (getMultiNodeInventories, 50 SKUs per page: one call per 50 SKUs where the
// single-SKU inventory read would cost one per SKU).
// Writes (./writes): pushTracking (shippingUpdates) and acknowledgeOrders; no updateOffer yet.
import type { AcknowledgeResult, PushResult, TrackingPush } from '@/lib/marketplaces/capabilities';
import type { AccountIdentity, Connector, NormalizedListing, NormalizedOrder, OrderWindow, Page } from '@/lib/marketplaces/types';
import { realTimer, type Timer } from '@/lib/marketplaces/http';
import { NO_CONTENT, WalmartClient, type WalmartClientOptions } from './client';
import { mapListings, mapOrders } from './map';
import { decodeListingsPage, decodeOrdersPage, encodeInventoryPage, encodeListingsPage, encodeOrdersPage, type InventoryPageState, type OrdersPageState } from './page-token';
import { inventoriesResponse, itemsResponse, orderHead, orderResponse, ordersResponse, walmartInventory } from './wire';
import { WalmartWrites } from './writes';

export type WalmartConnectorOptions = WalmartClientOptions;

const DAY = 86_400_000;
/** getAllOrders: "Cannot be larger than 200". */
export const ORDERS_PAGE_SIZE = 200;
/** getAllItems: "It cannot be more than 50". */
export const ITEMS_PAGE_SIZE = 50;
/** getMultiNodeInventoryForAllSkuAndAllShipNodes: "Cannot be more than 50". */
export const INVENTORY_PAGE_SIZE = 50;
/** "Only orders created in last 180 days ... can be fetched". */
const ORDER_HISTORY_MS = 180 * DAY;
/**
 * Walmart refuses to page past a fixed number of orders per search (20,000 in the spec, 10,000
 * in the current guide). A bigger window is split into segments by createdEndDate: orders come
 * newest first, so the next segment is "created at or before the last order seen".
 * 10,000 is a multiple of the page size, so segmenting costs no extra request.
 */
export const ORDERS_PER_SEGMENT = 10_000;

const iso = (ms: number) => new Date(ms).toISOString();

export class WalmartConnector implements Connector {
  readonly marketplace = 'walmart' as const;
  private readonly client: WalmartClient;
  private readonly timer: Timer;
  private readonly writes: WalmartWrites;

  constructor(private readonly opts: WalmartConnectorOptions) {
    this.client = new WalmartClient(opts);
    this.timer = opts.timer ?? realTimer;
    this.writes = new WalmartWrites(this.client);
  }

  pushTracking(push: TrackingPush): Promise<PushResult> {
    return this.writes.pushTracking(push);
  }

  acknowledgeOrders(externalOrderIds: readonly string[]): Promise<AcknowledgeResult[]> {
    return this.writes.acknowledgeOrders(externalOrderIds);
  }

  get apiCalls(): number {
    return this.client.apiCalls;
  }

  /**
   * A token call plus one getAllOrders call. Walmart has no "who am I" endpoint for sellers; the
   * partner id appears in getAllOrders' nextCursor (whenever there are two or more orders).
   * Without it the client id, stable for these credentials, identifies the account.
   */
  async verify(): Promise<AccountIdentity> {
    const q = new URLSearchParams({ limit: '1', createdStartDate: iso(this.timer.now() - ORDER_HISTORY_MS + DAY) });
    const res = await this.client.get('getAllOrders', `/v3/orders?${q}`, ordersResponse);
    const cursor = res === NO_CONTENT ? null : res.body.list.meta.nextCursor;
    const partnerId = cursor ? new URLSearchParams(cursor.replace(/^\?/, '')).get('partnerId') : null;
    const id = partnerId && /^[A-Za-z0-9_-]{1,64}$/.test(partnerId) ? partnerId : this.opts.credentials.clientId;
    return { externalAccountId: id, displayName: `Walmart ${id}`, marketplaceCode: 'WALMART_US' };
  }

  async fetchOrders(window: OrderWindow, page: string | null): Promise<Page<NormalizedOrder>> {
    const from = window.updatedFrom.getTime();
    const to = window.updatedTo.getTime();
    const state: OrdersPageState = page
      ? decodeOrdersPage(page, window)
      : { k: 'o1', from, to, cursor: null, createdEnd: null, skip: [], fetched: 0 };

    let path: string;
    if (state.cursor !== null) {
      // Walmart's cursor is a complete query string (window ends frozen in it): send it verbatim.
      path = `/v3/orders?${state.cursor.replace(/^\?/, '')}`;
    } else {
      const q = new URLSearchParams({
        limit: String(ORDERS_PAGE_SIZE),
        lastModifiedStartDate: iso(from),
        lastModifiedEndDate: iso(to),
        // Without a created date Walmart may apply its 7-day default; any order changed in the
        // window was created at most 180 days before it ends.
        createdStartDate: iso(to - ORDER_HISTORY_MS),
      });
      if (state.createdEnd !== null) q.set('createdEndDate', iso(state.createdEnd));
      path = `/v3/orders?${q}`;
    }

    const res = await this.client.get('getAllOrders', path, ordersResponse);
    if (res === NO_CONTENT) return { records: [], next: null };
    const raws = res.body.list.elements?.order ?? [];
    // Segmenting reads only id and date, even from an order that fails validation.
    const orders = raws.map((r) => {
      const h = orderHead.safeParse(r);
      return h.success ? h.data : { purchaseOrderId: null, orderDate: null };
    });
    const skip = new Set(state.skip);
    const { records, rejected } = mapOrders(raws.filter((_r, i) => !skip.has(orders[i].purchaseOrderId ?? '')));
    const cursor = res.body.list.meta.nextCursor?.trim();
    if (!cursor || orders.length === 0) return { records, rejected, next: null };

    const fetched = state.fetched + orders.length;
    const boundary = orders.findLast((o) => o.orderDate !== null)?.orderDate;
    if (fetched >= ORDERS_PER_SEGMENT && boundary != null) {
      return {
        records,
        rejected,
        next: encodeOrdersPage({
          from,
          to,
          cursor: null,
          createdEnd: boundary,
          // Orders created at the boundary instant come again in the next segment.
          skip: orders.filter((o) => o.orderDate === boundary && o.purchaseOrderId !== null).map((o) => o.purchaseOrderId as string),
          fetched: 0,
        }),
      };
    }
    return { records, rejected, next: encodeOrdersPage({ from, to, cursor, createdEnd: state.createdEnd, skip: [], fetched }) };
  }

  /** getAnOrder: one order by id (a quarantined order's retry); an empty page when Walmart has none. */
  async fetchOrder(externalOrderId: string): Promise<Page<NormalizedOrder>> {
    const res = await this.client.get('getAnOrder', `/v3/orders/${encodeURIComponent(externalOrderId)}`, orderResponse);
    if (res === NO_CONTENT) return { records: [], next: null };
    return { ...mapOrders([res.body.order]), next: null };
  }

  async fetchListings(page: string | null): Promise<Page<NormalizedListing>> {
    const state = page ? decodeListingsPage(page) : null;
    if (state?.k === 'i1') return this.fetchInventory(state);
    const q = new URLSearchParams({ limit: String(ITEMS_PAGE_SIZE) });
    if (state) q.set('nextCursor', state.cursor);
    const res = await this.client.get('getAllItems', `/v3/items?${q}`, itemsResponse);
    if (res === NO_CONTENT) return { records: [], next: null };
    const items = res.body.ItemResponse;
    const { records, rejected } = mapListings(items);
    const fetched = (state?.fetched ?? 0) + items.length;
    const cursor = res.body.nextCursor?.trim();
    const total = res.body.totalItems;
    const more = Boolean(cursor) && items.length > 0 && (total === null || total === undefined || fetched < total);
    // After the last items page, the stock of every SKU (items carry none).
    return { records, rejected, next: more ? encodeListingsPage({ cursor: cursor as string, fetched }) : encodeInventoryPage({ cursor: null, fetched: 0 }) };
  }

  /** One page of every SKU's stock: available to sell, summed over the seller's ship nodes. */
  private async fetchInventory(state: InventoryPageState): Promise<Page<NormalizedListing>> {
    const q = new URLSearchParams({ limit: String(INVENTORY_PAGE_SIZE) });
    if (state.cursor) q.set('nextCursor', state.cursor);
    const res = await this.client.get('getMultiNodeInventories', `/v3/inventories?${q}`, inventoriesResponse);
    if (res === NO_CONTENT) return { records: [], next: null };
    const raws = res.body.elements?.inventories ?? [];
    const quantities: Array<{ sku: string; quantity: number }> = [];
    for (const raw of raws) {
      // A SKU whose inventory cannot be read keeps the quantity it had.
      const inv = walmartInventory.safeParse(raw);
      if (!inv.success || !inv.data.nodes?.length) continue;
      const quantity = inv.data.nodes.reduce((sum, n) => sum + Math.floor(n.availToSellQty?.amount ?? 0), 0);
      if (quantity <= 2_147_483_647) quantities.push({ sku: inv.data.sku, quantity });
    }
    const fetched = state.fetched + raws.length;
    const cursor = res.body.meta?.nextCursor?.trim();
    const total = res.body.meta?.totalCount;
    const more = Boolean(cursor) && raws.length > 0 && (total === null || total === undefined || fetched < total);
    return { records: [], quantities, next: more ? encodeInventoryPage({ cursor: cursor as string, fetched }) : null };
  }
}
