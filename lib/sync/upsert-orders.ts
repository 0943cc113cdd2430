// Writes a page of synced orders: one statement per table with unnest arrays (the fastest
// measured path), keyed on (marketplace_account_id, external_order_id). An order is only
// rewritten when the incoming copy is newer, so replaying a page writes nothing. Items and
// buyers follow only for orders that were inserted or changed; an anonymized buyer is never
// filled in again.
import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/lib/db/connect';
import type { Marketplace, NormalizedOrder } from '@/lib/marketplaces/types';
import { pgArray } from './pg-array';

/** Item titles are cut here: the (order_id, line_id) index carries them (migration 20261206002600). */
export const TITLE_MAX = 500;

const keepCorrected = (column: string) => sql.raw(`case when b.address_corrected_at is null then excluded.${column} else b.${column} end`);

export interface UpsertResult {
  /** Orders inserted or updated (replays and older copies count as zero). */
  written: number;
}

export async function upsertOrders(
  tx: Tx,
  scope: { orgId: string; accountId: string; marketplace: Marketplace },
  orders: NormalizedOrder[],
): Promise<UpsertResult> {
  if (!orders.length) return { written: 0 };
  // A page may repeat an order (the marketplace changed it between pages): keep the newest.
  const byId = new Map<string, NormalizedOrder>();
  for (const o of orders) {
    const prev = byId.get(o.externalOrderId);
    if (!prev || prev.updatedAt < o.updatedAt) byId.set(o.externalOrderId, o);
  }
  const list = [...byId.values()];
  const col = <T>(f: (o: NormalizedOrder) => T) => list.map(f) as never[];

  const written = rowsOf<{ id: string; external_order_id: string }>(
    await tx.execute(sql`
      insert into public.orders as o (org_id, marketplace_account_id, marketplace, external_order_id, status,
        marketplace_status, ordered_at, marketplace_updated_at, ship_by, deliver_by, shipped_at, delivered_at,
        cancelled_at, currency, subtotal, shipping_total, tax_total, total, item_count)
      select ${scope.orgId}::uuid, ${scope.accountId}::uuid, ${scope.marketplace}, u.*
      from unnest(
        ${pgArray(col((o) => o.externalOrderId), 'text')}, ${pgArray(col((o) => o.status), 'text')},
        ${pgArray(col((o) => o.marketplaceStatus), 'text')}, ${pgArray(col((o) => o.orderedAt), 'timestamptz')},
        ${pgArray(col((o) => o.updatedAt), 'timestamptz')}, ${pgArray(col((o) => o.shipBy), 'timestamptz')},
        ${pgArray(col((o) => o.deliverBy), 'timestamptz')}, ${pgArray(col((o) => o.shippedAt), 'timestamptz')},
        ${pgArray(col((o) => o.deliveredAt), 'timestamptz')}, ${pgArray(col((o) => o.cancelledAt), 'timestamptz')},
        ${pgArray(col((o) => o.currency), 'text')}, ${pgArray(col((o) => o.subtotal), 'numeric')},
        ${pgArray(col((o) => o.shippingTotal), 'numeric')}, ${pgArray(col((o) => o.taxTotal), 'numeric')},
        ${pgArray(col((o) => o.total), 'numeric')},
        ${pgArray(col((o) => o.items.reduce((n, i) => n + i.quantity, 0)), 'int')}
      ) as u
      on conflict (marketplace_account_id, external_order_id) do update set
        -- Forward only (or to cancelled): a copy that has not caught up with ESM's tracking push
        -- yet never moves a shipped order back to unshipped (issue 11).
        status = case when excluded.status = 'cancelled' or o.status = 'cancelled'
            or coalesce(array_position(array['pending', 'unshipped', 'partially_shipped', 'shipped', 'delivered'], excluded.status), 0)
              >= coalesce(array_position(array['pending', 'unshipped', 'partially_shipped', 'shipped', 'delivered'], o.status), 0)
          then excluded.status else o.status end,
        marketplace_status = excluded.marketplace_status,
        marketplace_updated_at = excluded.marketplace_updated_at, ship_by = excluded.ship_by,
        deliver_by = excluded.deliver_by, shipped_at = coalesce(excluded.shipped_at, o.shipped_at), delivered_at = excluded.delivered_at,
        cancelled_at = excluded.cancelled_at, currency = excluded.currency, subtotal = excluded.subtotal,
        shipping_total = excluded.shipping_total, tax_total = excluded.tax_total, total = excluded.total,
        item_count = excluded.item_count
      where o.marketplace_updated_at < excluded.marketplace_updated_at
      returning o.id, o.external_order_id`),
  );
  if (!written.length) return { written: 0 };

  const idOf = new Map(written.map((r) => [r.external_order_id, r.id]));
  const changed = list.filter((o) => idOf.has(o.externalOrderId));
  const items = changed.flatMap((o) => o.items.map((i) => ({ orderId: idOf.get(o.externalOrderId)!, currency: o.currency, i })));
  if (items.length) {
    const ic = <T>(f: (x: (typeof items)[number]) => T) => items.map(f) as never[];
    await tx.execute(sql`
      insert into public.order_items as oi (org_id, order_id, line_id, sku, title, quantity, quantity_shipped,
        unit_price, currency, marketplace_status)
      select ${scope.orgId}::uuid, u.order_id, u.line_id, u.sku, left(u.title, ${TITLE_MAX}), u.quantity, u.quantity_shipped,
        u.unit_price, u.currency, u.marketplace_status
      from unnest(${pgArray(ic((x) => x.orderId), 'uuid')}, ${pgArray(ic((x) => x.i.lineId), 'text')},
        ${pgArray(ic((x) => x.i.sku), 'text')}, ${pgArray(ic((x) => x.i.title), 'text')},
        ${pgArray(ic((x) => x.i.quantity), 'int')}, ${pgArray(ic((x) => x.i.quantityShipped), 'int')},
        ${pgArray(ic((x) => x.i.unitPrice), 'numeric')},
        ${pgArray(ic((x) => x.currency), 'text')},
        ${pgArray(ic((x) => x.i.marketplaceStatus), 'text')})
        as u(order_id, line_id, sku, title, quantity, quantity_shipped, unit_price, currency, marketplace_status)
      on conflict (order_id, line_id) do update set
        sku = excluded.sku, title = excluded.title, quantity = excluded.quantity,
        quantity_shipped = excluded.quantity_shipped, unit_price = excluded.unit_price,
        currency = excluded.currency, marketplace_status = excluded.marketplace_status`);
  }
  const buyers = changed.filter((o) => o.buyer);
  if (buyers.length) {
    const bc = <T>(f: (o: NormalizedOrder) => T) => buyers.map(f) as never[];
    await tx.execute(sql`
      insert into public.order_buyers as b (order_id, org_id, marketplace_buyer_ref, name, address_line1,
        address_line2, address_line3, city, region, postal_code, country, phone, email)
      select u.order_id, ${scope.orgId}::uuid, u.ref, u.name, u.a1, u.a2, u.a3, u.city, u.region, u.zip, u.country, u.phone, u.email
      from unnest(${pgArray(bc((o) => idOf.get(o.externalOrderId)), 'uuid')}, ${pgArray(bc((o) => o.buyer!.buyerRef), 'text')},
        ${pgArray(bc((o) => o.buyer!.name), 'text')}, ${pgArray(bc((o) => o.buyer!.addressLine1), 'text')},
        ${pgArray(bc((o) => o.buyer!.addressLine2), 'text')}, ${pgArray(bc((o) => o.buyer!.addressLine3), 'text')},
        ${pgArray(bc((o) => o.buyer!.city), 'text')}, ${pgArray(bc((o) => o.buyer!.region), 'text')},
        ${pgArray(bc((o) => o.buyer!.postalCode), 'text')}, ${pgArray(bc((o) => o.buyer!.country), 'text')},
        ${pgArray(bc((o) => o.buyer!.phone), 'text')}, ${pgArray(bc((o) => o.buyer!.email), 'text')})
        as u(order_id, ref, name, a1, a2, a3, city, region, zip, country, phone, email)
      on conflict (order_id) do update set
        marketplace_buyer_ref = excluded.marketplace_buyer_ref, name = excluded.name,
        phone = excluded.phone, email = excluded.email,
        -- An address an operator corrected (lib/shipping/address-fix.ts) wins over later copies.
        address_line1 = ${keepCorrected('address_line1')}, address_line2 = ${keepCorrected('address_line2')},
        address_line3 = ${keepCorrected('address_line3')}, city = ${keepCorrected('city')}, region = ${keepCorrected('region')},
        postal_code = ${keepCorrected('postal_code')}, country = ${keepCorrected('country')}
      where b.anonymized_at is null`);
  }
  return { written: written.length };
}
