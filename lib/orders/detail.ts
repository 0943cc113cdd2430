import 'server-only';
// One order with its lines, ship-to and account. Bad input (a malformed id, another tenant's
// order, a missing row) is simply "no such order" for the caller: never an exception.
import { and, asc, eq, sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/lib/db';
import { marketplaceAccounts, orderBuyers, orderItems, orders } from '@/lib/db/schema';
import { type Marketplace, type OrderStatus } from '@/lib/model';
import { isLate } from './list';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(s: unknown): s is string {
  return typeof s === 'string' && UUID.test(s);
}

export interface OrderItemView {
  id: string;
  lineId: string;
  sku: string | null;
  title: string | null;
  quantity: number;
  quantityShipped: number;
  unitPrice: number;
  lineTotal: number;
  currency: string;
}

export type BuyerView =
  | { anonymized: true; anonymizedAt: Date; region: string | null; country: string | null }
  | {
      anonymized: false;
      name: string | null;
      addressLines: string[];
      city: string | null;
      region: string | null;
      postalCode: string | null;
      country: string | null;
      phone: string | null;
    };

export interface OrderDetail {
  id: string;
  orgId: string;
  externalOrderId: string;
  marketplace: Marketplace;
  status: OrderStatus;
  marketplaceStatus: string;
  account: { id: string; name: string; status: string };
  orderedAt: Date;
  shipBy: Date | null;
  deliverBy: Date | null;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  cancelledAt: Date | null;
  currency: string;
  subtotal: number;
  shippingTotal: number;
  taxTotal: number;
  total: number;
  itemCount: number;
  late: boolean;
  hold: { onHold: boolean; reason: string | null; heldAt: Date | null; heldByEmail: string | null };
  items: OrderItemView[];
  buyer: BuyerView | null;
}

/** Cents-exact money from a numeric(12,2) string. */
const money = (s: string): number => Math.round(Number(s) * 100) / 100;

/** The organization an order belongs to, as far as the user can see it (RLS); null otherwise. */
export async function findOrderOrgId(tx: Tx, orderId: string): Promise<string | null> {
  if (!isUuid(orderId)) return null;
  const [row] = await tx.select({ orgId: orders.orgId }).from(orders).where(eq(orders.id, orderId)).limit(1);
  return row?.orgId ?? null;
}

export async function getOrder(tx: Tx, orgId: string, orderId: string, now: Date = new Date()): Promise<OrderDetail | null> {
  if (!isUuid(orgId) || !isUuid(orderId)) return null;
  const [o] = await tx
    .select({ order: orders, account: { id: marketplaceAccounts.id, name: marketplaceAccounts.displayName, status: marketplaceAccounts.status } })
    .from(orders)
    .innerJoin(marketplaceAccounts, and(eq(marketplaceAccounts.orgId, orgId), eq(marketplaceAccounts.id, orders.marketplaceAccountId)))
    .where(and(eq(orders.orgId, orgId), eq(orders.id, orderId)))
    .limit(1);
  if (!o) return null;

  const items = await tx
    .select()
    .from(orderItems)
    .where(and(eq(orderItems.orgId, orgId), eq(orderItems.orderId, orderId)))
    .orderBy(asc(orderItems.lineId), asc(orderItems.id));
  const [b] = await tx
    .select()
    .from(orderBuyers)
    .where(and(eq(orderBuyers.orgId, orgId), eq(orderBuyers.orderId, orderId)))
    .limit(1);

  let heldByEmail: string | null = null;
  if (o.order.onHold && o.order.heldBy) {
    // Members' e-mails come only through this function (auth.users is not readable directly).
    const members = rowsOf<{ user_id: string; email: string }>(
      await tx.execute(sql`select user_id, email from private.org_members(${orgId}::uuid)`),
    );
    heldByEmail = members.find((m) => m.user_id === o.order.heldBy)?.email ?? null;
  }

  const order = o.order;
  return {
    id: order.id,
    orgId: order.orgId,
    externalOrderId: order.externalOrderId,
    marketplace: order.marketplace,
    status: order.status,
    marketplaceStatus: order.marketplaceStatus,
    account: o.account,
    orderedAt: order.orderedAt,
    shipBy: order.shipBy,
    deliverBy: order.deliverBy,
    shippedAt: order.shippedAt,
    deliveredAt: order.deliveredAt,
    cancelledAt: order.cancelledAt,
    currency: order.currency,
    subtotal: money(order.subtotal),
    shippingTotal: money(order.shippingTotal),
    taxTotal: money(order.taxTotal),
    total: money(order.total),
    itemCount: order.itemCount,
    late: isLate(order, now),
    hold: { onHold: order.onHold, reason: order.holdReason, heldAt: order.heldAt, heldByEmail },
    items: items.map((i) => {
      const unitPrice = money(i.unitPrice);
      return {
        id: i.id,
        lineId: i.lineId,
        sku: i.sku,
        title: i.title,
        quantity: i.quantity,
        quantityShipped: i.quantityShipped,
        unitPrice,
        lineTotal: (Math.round(unitPrice * 100) * i.quantity) / 100,
        currency: i.currency,
      };
    }),
    buyer: !b
      ? null
      : b.anonymizedAt
        ? { anonymized: true, anonymizedAt: b.anonymizedAt, region: b.region, country: b.country }
        : {
            anonymized: false,
            name: b.name,
            addressLines: [b.addressLine1, b.addressLine2, b.addressLine3].filter((l): l is string => Boolean(l)),
            city: b.city,
            region: b.region,
            postalCode: b.postalCode,
            country: b.country,
            phone: b.phone,
          },
  };
}
