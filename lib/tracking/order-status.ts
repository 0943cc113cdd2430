// The order's status in ESM after a push landed: shipped when every unit is covered by a pushed
// package (or reported shipped by the marketplace), partially shipped when some are. Only ever
// forward: a cancelled, delivered or already shipped order is left as it is.
import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/lib/db/connect';
import type { OrderStatus } from '@/lib/model';

export async function advanceOrderStatus(tx: Tx, orderId: string): Promise<OrderStatus | null> {
  const [c] = rowsOf<{ total: number; shipped: number }>(
    await tx.execute(sql`
      select coalesce(sum(i.quantity), 0)::int as total,
        coalesce(sum(least(i.quantity, greatest(i.quantity_shipped, coalesce((
          select sum(l.quantity) from public.shipment_lines l join public.shipments s on s.id = l.shipment_id
          where l.order_item_id = i.id and s.tracking_push_status = 'pushed' and s.status in ('purchased', 'refund_pending')), 0)))), 0)::int as shipped
      from public.order_items i where i.order_id = ${orderId}`),
  );
  const total = Number(c?.total ?? 0);
  const shipped = Number(c?.shipped ?? 0);
  if (shipped <= 0) return null;
  const next: OrderStatus = shipped >= total ? 'shipped' : 'partially_shipped';
  const allowedFrom = next === 'shipped' ? ['pending', 'unshipped', 'partially_shipped'] : ['pending', 'unshipped'];
  const [row] = rowsOf<{ status: OrderStatus }>(
    await tx.execute(sql`
      update public.orders set status = ${next}, shipped_at = coalesce(shipped_at, now())
      where id = ${orderId} and status in (${sql.join(allowedFrom.map((s) => sql`${s}`), sql`, `)})
      returning status`),
  );
  return row?.status ?? null;
}

