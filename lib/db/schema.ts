// Drizzle mirror of supabase/migrations (the migrations are the source of truth; a test proves
// the two match column for column).
import { sql } from 'drizzle-orm';
import {
  bigint, boolean, char, customType, date, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, unique, uuid,
} from 'drizzle-orm/pg-core';
import type { Marketplace, OrderStatus, Role, RuleKind } from '@/lib/model';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const money = (name: string) => numeric(name, { precision: 12, scale: 2 });
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v),
});

export { MARKETPLACES, ROLES, ORDER_STATUSES } from '@/lib/model';
export type { Marketplace, Role, OrderStatus } from '@/lib/model';

export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  createdBy: uuid('created_by'),
  piiRetentionDays: integer('pii_retention_days').notNull().default(30),
  piiCheckedAt: ts('pii_checked_at'),
  // Reports' day boundaries (migration 20261206000700_reports).
  timeZone: text('time_zone').notNull().default('UTC'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const memberships = pgTable(
  'memberships',
  {
    orgId: uuid('org_id').notNull(),
    userId: uuid('user_id').notNull(),
    role: text('role').$type<Role>().notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId] })],
);

export const marketplaceAccounts = pgTable(
  'marketplace_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    marketplace: text('marketplace').$type<Marketplace>().notNull(),
    displayName: text('display_name').notNull(),
    externalAccountId: text('external_account_id').notNull(),
    marketplaceCode: text('marketplace_code'),
    status: text('status').$type<'active' | 'needs_reconnect' | 'disconnected'>().notNull().default('active'),
    statusReason: text('status_reason'),
    consecutiveAuthFailures: integer('consecutive_auth_failures').notNull().default(0),
    lastSyncStartedAt: ts('last_sync_started_at'),
    lastSyncSucceededAt: ts('last_sync_succeeded_at'),
    lastSyncError: text('last_sync_error'),
    connectedBy: uuid('connected_by'),
    connectedAt: ts('connected_at').notNull().defaultNow(),
    disconnectedAt: ts('disconnected_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [unique().on(t.orgId, t.marketplace, t.externalAccountId)],
);

export const marketplaceCredentials = pgTable('marketplace_credentials', {
  accountId: uuid('account_id').primaryKey(),
  orgId: uuid('org_id').notNull(),
  keyId: text('key_id').notNull(),
  iv: bytea('iv').notNull(),
  ciphertext: bytea('ciphertext').notNull(),
  authTag: bytea('auth_tag').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const orders = pgTable(
  'orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    marketplaceAccountId: uuid('marketplace_account_id').notNull(),
    marketplace: text('marketplace').$type<Marketplace>().notNull(),
    externalOrderId: text('external_order_id').notNull(),
    status: text('status').$type<OrderStatus>().notNull(),
    marketplaceStatus: text('marketplace_status').notNull(),
    orderedAt: ts('ordered_at').notNull(),
    marketplaceUpdatedAt: ts('marketplace_updated_at').notNull(),
    shipBy: ts('ship_by'),
    deliverBy: ts('deliver_by'),
    shippedAt: ts('shipped_at'),
    deliveredAt: ts('delivered_at'),
    cancelledAt: ts('cancelled_at'),
    currency: char('currency', { length: 3 }).notNull().default('USD'),
    subtotal: money('subtotal').notNull().default('0'),
    shippingTotal: money('shipping_total').notNull().default('0'),
    taxTotal: money('tax_total').notNull().default('0'),
    total: money('total').notNull().default('0'),
    itemCount: integer('item_count').notNull().default(0),
    onHold: boolean('on_hold').notNull().default(false),
    holdReason: text('hold_reason'),
    heldBy: uuid('held_by'),
    heldAt: ts('held_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [unique().on(t.marketplaceAccountId, t.externalOrderId)],
);

export const orderItems = pgTable(
  'order_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    orderId: uuid('order_id').notNull(),
    lineId: text('line_id').notNull(),
    sku: text('sku'),
    title: text('title'),
    quantity: integer('quantity').notNull(),
    quantityShipped: integer('quantity_shipped').notNull().default(0),
    unitPrice: money('unit_price').notNull().default('0'),
    currency: char('currency', { length: 3 }).notNull().default('USD'),
    marketplaceStatus: text('marketplace_status'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  // In the database a unique index carrying org_id and title as well (migration 20261206002600).
  (t) => [unique().on(t.orderId, t.lineId)],
);

export const orderBuyers = pgTable('order_buyers', {
  orderId: uuid('order_id').primaryKey(),
  orgId: uuid('org_id').notNull(),
  marketplaceBuyerRef: text('marketplace_buyer_ref'),
  name: text('name'),
  addressLine1: text('address_line1'),
  addressLine2: text('address_line2'),
  addressLine3: text('address_line3'),
  city: text('city'),
  region: text('region'),
  postalCode: text('postal_code'),
  country: char('country', { length: 2 }),
  phone: text('phone'),
  email: text('email'),
  anonymizedAt: ts('anonymized_at'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  /** Set when an operator corrects the ship-to: later syncs keep the corrected address. */
  addressCorrectedAt: ts('address_corrected_at'),
});

export const listings = pgTable(
  'listings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    marketplaceAccountId: uuid('marketplace_account_id').notNull(),
    marketplace: text('marketplace').$type<Marketplace>().notNull(),
    sku: text('sku').notNull(),
    externalListingId: text('external_listing_id'),
    title: text('title'),
    imageUrls: text('image_urls').array().notNull().default(sql`'{}'`),
    attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull().default({}),
    price: money('price'),
    currency: char('currency', { length: 3 }).notNull().default('USD'),
    quantity: integer('quantity'),
    publishStatus: text('publish_status').$type<'published' | 'unpublished' | 'pending' | 'error' | 'retired'>().notNull(),
    marketplaceStatus: text('marketplace_status'),
    marketplaceUpdatedAt: ts('marketplace_updated_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [unique().on(t.marketplaceAccountId, t.sku)],
);

export const shipments = pgTable('shipments', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  orderId: uuid('order_id').notNull(),
  status: text('status')
    .$type<'purchasing' | 'purchased' | 'failed' | 'unknown' | 'voided' | 'refund_pending' | 'refunded'>()
    .notNull(),
  shippoShipmentId: text('shippo_shipment_id'),
  shippoRateId: text('shippo_rate_id'),
  shippoTransactionId: text('shippo_transaction_id').unique(),
  carrier: text('carrier'),
  serviceLevel: text('service_level'),
  trackingNumber: text('tracking_number'),
  trackingUrl: text('tracking_url'),
  labelUrl: text('label_url'),
  labelCost: money('label_cost'),
  currency: char('currency', { length: 3 }),
  trackingPushStatus: text('tracking_push_status').$type<'pending' | 'pushed' | 'failed' | 'not_required'>().notNull().default('pending'),
  trackingPushedAt: ts('tracking_pushed_at'),
  trackingPushError: text('tracking_push_error'),
  error: text('error'),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  shippoRefundId: text('shippo_refund_id'),
  // Delivery tracking (migration 20261206001100_delivery_tracking).
  deliveryStatus: text('delivery_status').$type<DeliveryStatus>(),
  deliveryStatusAt: ts('delivery_status_at'),
  deliveryEta: ts('delivery_eta'),
  deliveredAt: ts('delivered_at'),
  trackingCheckedAt: ts('tracking_checked_at'),
  // Tracking push (migration 20261206001000_tracking_push): a Shippo label or a package shipped outside ESM.
  source: text('source').$type<'label' | 'manual'>().notNull().default('label'),
  packageNumber: integer('package_number'),
  shippedAt: ts('shipped_at'),
});

export type DeliveryStatus = 'unknown' | 'pre_transit' | 'in_transit' | 'delivered' | 'returned' | 'exception';

/** A carrier scan of a shipment (Shippo tracking status), written by the service path only. */
export const shipmentTrackingEvents = pgTable('shipment_tracking_events', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  shipmentId: uuid('shipment_id').notNull(),
  shippoStatusId: text('shippo_status_id').notNull(),
  status: text('status').$type<DeliveryStatus>().notNull(),
  substatus: text('substatus'),
  details: text('details'),
  occurredAt: ts('occurred_at').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** The lines and quantities one package covers (migration 20261206001000_tracking_push). */
export const shipmentLines = pgTable(
  'shipment_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    shipmentId: uuid('shipment_id').notNull(),
    orderItemId: uuid('order_item_id').notNull(),
    quantity: integer('quantity').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [unique().on(t.shipmentId, t.orderItemId)],
);

export type ShipmentStatus = (typeof shipments.$inferSelect)['status'];

export const shipFromLocations = pgTable('ship_from_locations', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  name: text('name').notNull(),
  company: text('company'),
  street1: text('street1').notNull(),
  street2: text('street2'),
  city: text('city').notNull(),
  state: text('state').notNull(),
  zip: text('zip').notNull(),
  country: char('country', { length: 2 }).notNull(),
  phone: text('phone'),
  email: text('email'),
  shippoAddressId: text('shippo_address_id'),
  isDefault: boolean('is_default').notNull().default(false),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const packagePresets = pgTable('package_presets', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  name: text('name').notNull(),
  lengthIn: numeric('length_in', { precision: 6, scale: 2 }).notNull(),
  widthIn: numeric('width_in', { precision: 6, scale: 2 }).notNull(),
  heightIn: numeric('height_in', { precision: 6, scale: 2 }).notNull(),
  weightOz: numeric('weight_oz', { precision: 8, scale: 2 }).notNull(),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const skuDefaults = pgTable('sku_defaults', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  sku: text('sku').notNull(),
  presetId: uuid('preset_id'),
  weightOz: numeric('weight_oz', { precision: 8, scale: 2 }).notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const shippingRules = pgTable('shipping_rules', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  name: text('name').notNull(),
  effect: text('effect').$type<'block' | 'warn'>().notNull(),
  kind: text('kind').$type<RuleKind>().notNull(),
  value: text('value').notNull().default(''),
  message: text('message').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const syncRuns = pgTable('sync_runs', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  marketplaceAccountId: uuid('marketplace_account_id').notNull(),
  kind: text('kind').$type<'orders' | 'listings'>().notNull(),
  trigger: text('trigger').$type<'schedule' | 'manual' | 'connect'>().notNull(),
  status: text('status').$type<'running' | 'succeeded' | 'failed'>().notNull().default('running'),
  startedAt: ts('started_at').notNull().defaultNow(),
  finishedAt: ts('finished_at'),
  pages: integer('pages').notNull().default(0),
  recordsUpserted: integer('records_upserted').notNull().default(0),
  apiCalls: integer('api_calls').notNull().default(0),
  cursorFrom: ts('cursor_from'),
  cursorTo: ts('cursor_to'),
  error: text('error'),
});

// Records a sync could not read, kept apart so the rest of their page is stored (sync migration
// 20261206000200). Written only by the sync; reason is ESM's own sanitized wording.
export const syncQuarantine = pgTable(
  'sync_quarantine',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    accountId: uuid('account_id').notNull(),
    kind: text('kind').$type<'order' | 'listing'>().notNull(),
    externalId: text('external_id').notNull(),
    reason: text('reason').notNull(),
    firstSeenAt: ts('first_seen_at').notNull().defaultNow(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(1),
  },
  (t) => [unique().on(t.accountId, t.kind, t.externalId)],
);

export const jobs = pgTable('jobs', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  marketplaceAccountId: uuid('marketplace_account_id'),
  kind: text('kind').notNull(),
  runAt: ts('run_at').notNull().defaultNow(),
  lockedBy: text('locked_by'),
  lockedUntil: ts('locked_until'),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  state: jsonb('state').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  // lib/jobs (migration 20261206000400_job_runner).
  status: text('status').$type<'queued' | 'running' | 'done' | 'dead'>().notNull().default('queued'),
  recurring: boolean('recurring').notNull().default(true),
  maxAttempts: integer('max_attempts'),
  dedupeKey: text('dedupe_key'),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
  finishedAt: ts('finished_at'),
});

export const auditEvents = pgTable('audit_events', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  actorType: text('actor_type').$type<'user' | 'system' | 'marketplace'>().notNull(),
  actorUserId: uuid('actor_user_id'),
  action: text('action').notNull(),
  targetType: text('target_type'),
  targetId: text('target_id'),
  details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** An order's history (migration 20261206001300_order_events): written by triggers only. */
export const ORDER_EVENT_KINDS = [
  'status_changed', 'held', 'released', 'label_bought', 'label_failed', 'void_requested', 'void_rejected',
  'label_voided', 'tracking_pushed', 'tracking_push_failed', 'buyer_anonymized',
] as const;
export type OrderEventKind = (typeof ORDER_EVENT_KINDS)[number];

export const orderEvents = pgTable('order_events', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  orderId: uuid('order_id').notNull(),
  kind: text('kind').$type<OrderEventKind>().notNull(),
  actorType: text('actor_type').$type<'user' | 'system'>().notNull(),
  actorUserId: uuid('actor_user_id'),
  details: jsonb('details').$type<Record<string, string>>().notNull().default({}),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** eBay Marketplace Account Deletion notifications: a system table (no person reads it). */
export const ebayDeletionNotifications = pgTable('ebay_deletion_notifications', {
  notificationId: text('notification_id').primaryKey(),
  eventDate: ts('event_date'),
  publishAttemptCount: integer('publish_attempt_count'),
  receivedAt: ts('received_at').notNull().defaultNow(),
  username: text('username'),
  userId: text('user_id'),
  eiasToken: text('eias_token'),
  status: text('status').$type<'pending' | 'done'>().notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  processedAt: ts('processed_at'),
  orgsTouched: integer('orgs_touched'),
  buyersAnonymized: integer('buyers_anonymized'),
  accountsDisconnected: integer('accounts_disconnected'),
});

export const INVITATION_STATUSES = ['pending', 'accepted', 'declined', 'revoked', 'expired'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export const invitations = pgTable('invitations', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  email: text('email').notNull(),
  role: text('role').$type<Role>().notNull(),
  tokenHash: text('token_hash').notNull(),
  invitedBy: uuid('invited_by'),
  status: text('status').$type<InvitationStatus>().notNull().default('pending'),
  expiresAt: ts('expires_at').notNull().default(sql`now() + interval '7 days'`),
  decidedAt: ts('decided_at'),
  decidedBy: uuid('decided_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const userPreferences = pgTable('user_preferences', {
  userId: uuid('user_id').primaryKey(),
  currentOrgId: uuid('current_org_id'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

// Report rollups (migration 20261206001500_report_rollups): kept by triggers, read by lib/reports.
const day = (name: string) => date(name, { mode: 'string' });
const rollupKey = () => ({ orgId: uuid('org_id').notNull(), marketplaceAccountId: uuid('marketplace_account_id').notNull(), marketplace: text('marketplace').$type<Marketplace>().notNull(), day: day('day').notNull() });

export const reportOrderDays = pgTable(
  'report_order_days',
  {
    ...rollupKey(),
    status: text('status').$type<OrderStatus>().notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    orders: integer('orders').notNull(),
    units: bigint('units', { mode: 'number' }).notNull(),
    subtotal: numeric('subtotal').notNull(),
    shipping: numeric('shipping').notNull(),
    tax: numeric('tax').notNull(),
    total: numeric('total').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.day, t.marketplaceAccountId, t.status, t.currency] })],
);

export const reportFlowDays = pgTable(
  'report_flow_days',
  {
    ...rollupKey(),
    event: text('event').$type<'placed' | 'shipped' | 'delivered' | 'cancelled'>().notNull(),
    orders: integer('orders').notNull(),
    withShipBy: integer('with_ship_by').notNull(),
    onTime: integer('on_time').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.day, t.marketplaceAccountId, t.event] })],
);

export const reportSkuDays = pgTable(
  'report_sku_days',
  {
    ...rollupKey(),
    currency: char('currency', { length: 3 }).notNull(),
    sku: text('sku').notNull(),
    title: text('title'),
    units: bigint('units', { mode: 'number' }).notNull(),
    revenue: numeric('revenue').notNull(),
    orders: integer('orders').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.day, t.marketplaceAccountId, t.currency, t.sku] })],
);

export const reportGeoDays = pgTable(
  'report_geo_days',
  {
    ...rollupKey(),
    currency: char('currency', { length: 3 }).notNull(),
    country: text('country').notNull(),
    region: text('region').notNull(),
    orders: integer('orders').notNull(),
    sales: numeric('sales').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.day, t.marketplaceAccountId, t.currency, t.country, t.region] })],
);

// Report rollups for speed (migration 20261206001600_report_speed).
const periodKey = () => ({
  orgId: uuid('org_id').notNull(),
  marketplaceAccountId: uuid('marketplace_account_id').notNull(),
  marketplace: text('marketplace').$type<Marketplace>().notNull(),
  grain: text('grain').$type<'month' | 'year'>().notNull(),
  start: day('start').notNull(),
});
export const reportSkuPeriods = pgTable(
  'report_sku_periods',
  {
    ...periodKey(),
    currency: char('currency', { length: 3 }).notNull(),
    sku: text('sku').notNull(),
    title: text('title'),
    days: integer('days').notNull(),
    units: bigint('units', { mode: 'number' }).notNull(),
    revenue: numeric('revenue').notNull(),
    orders: integer('orders').notNull(),
  },
  (t) => [unique('report_sku_periods_key').on(t.orgId, t.grain, t.start, t.marketplaceAccountId, t.currency, t.sku, t.title).nullsNotDistinct()],
);

/** Label spend per currency, carrier, service and destination (net: per table). */
const labelSpend = () => ({
  currency: char('currency', { length: 3 }).notNull(),
  carrier: text('carrier'),
  service: text('service'),
  country: text('country'),
  region: text('region'),
  labels: integer('labels').notNull(),
  refunded: integer('refunded').notNull(),
  gross: numeric('gross').notNull(),
  refunds: numeric('refunds').notNull(),
});

export const reportLabelDays = pgTable(
  'report_label_days',
  {
    ...rollupKey(),
    ...labelSpend(),
    net: numeric('net'),
  },
  (t) => [unique('report_label_days_key').on(t.orgId, t.day, t.marketplaceAccountId, t.currency, t.carrier, t.service, t.country, t.region).nullsNotDistinct()],
);

export const reportLabelPeriods = pgTable(
  'report_label_periods',
  {
    ...periodKey(),
    ...labelSpend(),
    net: numeric('net').notNull(),
  },
  (t) => [unique('report_label_periods_key').on(t.orgId, t.grain, t.start, t.marketplaceAccountId, t.currency, t.carrier, t.service, t.country, t.region).nullsNotDistinct()],
);

export const reportLabelOrders = pgTable(
  'report_label_orders',
  {
    orgId: uuid('org_id').notNull(),
    orderId: uuid('order_id').notNull(),
    day: day('day').notNull(),
    marketplaceAccountId: uuid('marketplace_account_id').notNull(),
    marketplace: text('marketplace').$type<Marketplace>().notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    externalOrderId: text('external_order_id').notNull(),
    charged: numeric('charged').notNull(),
    cost: numeric('cost').notNull(),
    days: integer('days').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.day] })],
);

export const reportLabelMarginDays = pgTable(
  'report_label_margin_days',
  {
    ...rollupKey(),
    currency: char('currency', { length: 3 }).notNull(),
    orders: integer('orders').notNull(),
    charged: numeric('charged').notNull(),
    cost: numeric('cost').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.day, t.marketplaceAccountId, t.currency] })],
);

/** A named orders filter of one person in one organization (migration 20261206001200). */
export const savedOrderViews = pgTable(
  'saved_order_views',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    userId: uuid('user_id').notNull(),
    name: text('name').notNull(),
    query: text('query').notNull().default(''),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [unique().on(t.orgId, t.userId, t.name)],
);
