// Which units of an order are still to ship, and which a package covers. "Shipped" is the larger
// of what the marketplace reports (order_items.quantity_shipped, from sync) and what ESM's own
// live packages cover (shipment_lines of shipments not voided or failed): after a push lands and
// the next sync reports it, the two agree and nothing is counted twice.
import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/lib/db/connect';

export interface OpenLine {
  orderItemId: string;
  lineId: string;
  sku: string | null;
  title: string | null;
  quantity: number;
  unshipped: number;
}

/** Shipments whose lines count as shipped (or about to be): labels bought or being bought, and manual packages. */
export const LIVE_SHIPMENT = sql`s.status in ('purchasing', 'purchased', 'unknown', 'refund_pending')`;

export async function openLines(tx: Tx, orderId: string): Promise<OpenLine[]> {
  const rows = rowsOf<{ id: string; line_id: string; sku: string | null; title: string | null; quantity: number; shipped: number; covered: number }>(
    await tx.execute(sql`
      select i.id, i.line_id, i.sku, i.title, i.quantity, i.quantity_shipped as shipped,
        coalesce((select sum(l.quantity) from public.shipment_lines l join public.shipments s on s.id = l.shipment_id
          where l.order_item_id = i.id and ${LIVE_SHIPMENT}), 0)::int as covered
      from public.order_items i where i.order_id = ${orderId} order by i.line_id`),
  );
  return rows.map((r) => ({
    orderItemId: r.id,
    lineId: r.line_id,
    sku: r.sku,
    title: r.title,
    quantity: Number(r.quantity),
    unshipped: Math.max(0, Number(r.quantity) - Math.max(Number(r.shipped), Number(r.covered))),
  }));
}

/** Records what a package covers, in the transaction that writes the shipment. */
export async function recordLines(tx: Tx, o: { orgId: string; shipmentId: string; lines: Array<{ orderItemId: string; quantity: number }> }): Promise<void> {
  for (const l of o.lines) {
    if (l.quantity <= 0) continue;
    await tx.execute(sql`insert into public.shipment_lines (org_id, shipment_id, order_item_id, quantity)
      values (${o.orgId}, ${o.shipmentId}, ${l.orderItemId}, ${l.quantity})`);
  }
}

/** The next package number of the order (1, 2, …): Amazon's packageReferenceId, stable across retries. */
export async function nextPackageNumber(tx: Tx, orderId: string): Promise<number> {
  const [r] = rowsOf<{ n: number }>(await tx.execute(sql`select coalesce(max(package_number), 0)::int + 1 as n from public.shipments where order_id = ${orderId}`));
  return Number(r.n);
}

/** A package's lines as the marketplace names them (line ids), for the push. */
export async function packageLines(tx: Tx, shipmentId: string): Promise<Array<{ lineId: string; quantity: number }>> {
  return rowsOf<{ line_id: string; quantity: number }>(
    await tx.execute(sql`select i.line_id, l.quantity from public.shipment_lines l join public.order_items i on i.id = l.order_item_id
      where l.shipment_id = ${shipmentId} order by i.line_id`),
  ).map((r) => ({ lineId: r.line_id, quantity: Number(r.quantity) }));
}
