// The shared model every marketplace connector maps into, and the one Connector shape.
import type { Marketplace, OrderStatus } from '@/lib/model';
import type { ConnectorWrites } from './capabilities';
import type { RejectedRecord } from './records';

export type { Marketplace, OrderStatus };

/** Money as a decimal string with 2 places ("12.50"): never a float. */
export type Money = string;

export interface NormalizedItem {
  /** The marketplace's line id (Walmart lineNumber, Amazon OrderItemId, eBay lineItemId). */
  lineId: string;
  sku: string | null;
  title: string | null;
  quantity: number;
  quantityShipped: number;
  unitPrice: Money;
  marketplaceStatus: string | null;
}

/** Buyer PII: goes to order_buyers only, never to a log, an error or an audit event. */
export interface NormalizedBuyer {
  /** eBay username / user id, Amazon buyer id when given: what account-deletion matches on. */
  buyerRef: string | null;
  name: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  addressLine3: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  /** ISO 3166-1 alpha-2 ("US"). */
  country: string | null;
  phone: string | null;
  email: string | null;
}

export interface NormalizedOrder {
  externalOrderId: string;
  status: OrderStatus;
  marketplaceStatus: string;
  orderedAt: Date;
  /** The marketplace's last-update time: newer-only upserts compare on it. */
  updatedAt: Date;
  shipBy: Date | null;
  deliverBy: Date | null;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  cancelledAt: Date | null;
  currency: string;
  subtotal: Money;
  shippingTotal: Money;
  taxTotal: Money;
  total: Money;
  items: NormalizedItem[];
  buyer: NormalizedBuyer | null;
}

export type PublishStatus = 'published' | 'unpublished' | 'pending' | 'error' | 'retired';

export interface NormalizedListing {
  sku: string;
  externalListingId: string | null;
  title: string | null;
  imageUrls: string[];
  attributes: Record<string, unknown>;
  price: Money | null;
  currency: string;
  quantity: number | null;
  /** The marketplace reports stock apart from listings (Walmart): keep the stored quantity. */
  quantityReadApart?: true;
  publishStatus: PublishStatus;
  marketplaceStatus: string | null;
  updatedAt: Date | null;
}

export interface Page<T> {
  records: T[];
  /** Opaque continuation for the next page of the same window; null on the last page. */
  next: string | null;
  /** Records of this page that could not be read (the sync quarantines them). */
  rejected?: RejectedRecord[];
  /**
   * Stock levels read apart from the listings (Walmart's inventory API), for listings already
   * stored: each sets that SKU's quantity and nothing else.
   */
  quantities?: Array<{ sku: string; quantity: number }>;
}

export interface OrderWindow {
  /** Orders whose last update is at or after this instant... */
  updatedFrom: Date;
  /** ...and at or before this one (fixed for the whole run so pages are consistent). */
  updatedTo: Date;
}

/** Who the credentials belong to, learned at connect time. */
export interface AccountIdentity {
  externalAccountId: string;
  displayName: string;
  marketplaceCode: string | null;
}

/** The reads every connector has, and the writes (./capabilities) it implements where it can. */
export interface Connector extends Partial<ConnectorWrites> {
  readonly marketplace: Marketplace;
  /** Checks the credentials with a real call and says whose they are. */
  verify(): Promise<AccountIdentity>;
  /** One page of orders updated in the window; `page` is the previous page's `next`. */
  fetchOrders(window: OrderWindow, page: string | null): Promise<Page<NormalizedOrder>>;
  /**
   * One order by its id, where the marketplace offers such a look-up: how a quarantined order is
   * retried even when it does not change again. An empty page when the marketplace has none.
   */
  fetchOrder?(externalOrderId: string): Promise<Page<NormalizedOrder>>;
  /** One page of the account's listings. */
  fetchListings(page: string | null): Promise<Page<NormalizedListing>>;
  /** Marketplace calls made so far by this connector (for sync_runs.api_calls and benchmarks). */
  readonly apiCalls: number;
}
