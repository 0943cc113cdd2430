// What the order page shows about packages and their tracking upload, read in the person's
// transaction (RLS): each package (label or shipped outside ESM) with its lines and push state,
// the units still to ship, and a failed Walmart acknowledgement of the order.
import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/lib/db/connect';
import type { Marketplace } from '@/lib/model';
import { acknowledgeFailure } from './acknowledge';
import { openLines, type OpenLine } from './lines';

export type PushStatus = 'pending' | 'pushed' | 'failed' | 'not_required';

export interface PackageView {
  id: string;
  source: 'label' | 'manual';
  status: string;
  carrier: string | null;
  service: string | null;
  trackingNumber: string | null;
  packageNumber: number | null;
  shippedAt: Date | null;
  push: PushStatus;
  pushedAt: Date | null;
  pushError: string | null;
  lines: Array<{ label: string; quantity: number }>;
}

export interface OrderTracking {
  marketplace: Marketplace;
  status: string;
  onHold: boolean;
  packages: PackageView[];
  open: OpenLine[];
  acknowledgeError: string | null;
}

export async function loadOrderTracking(tx: Tx, orderId: string): Promise<OrderTracking | null> {
  const [o] = rowsOf<{ marketplace: Marketplace; status: string; on_hold: boolean; marketplace_account_id: string; external_order_id: string }>(
    await tx.execute(sql`select marketplace, status, on_hold, marketplace_account_id, external_order_id from public.orders where id = ${orderId}`),
  );
  if (!o) return null;
  const rows = rowsOf<Record<string, string | number | Date | null>>(
    await tx.execute(sql`
      select id, source, status, carrier, service_level, tracking_number, package_number, shipped_at, tracking_push_status,
        tracking_pushed_at, tracking_push_error
      from public.shipments where order_id = ${orderId} and (source = 'manual' or status in ('purchased', 'refund_pending') or tracking_push_status in ('pushed', 'failed'))
      order by coalesce(package_number, 0), created_at limit 50`),
  );
  const lineRows = rowsOf<{ shipment_id: string; sku: string | null; title: string | null; line_id: string; quantity: number }>(
    await tx.execute(sql`select l.shipment_id, i.sku, i.title, i.line_id, l.quantity from public.shipment_lines l
      join public.order_items i on i.id = l.order_item_id join public.shipments s on s.id = l.shipment_id
      where s.order_id = ${orderId} order by i.line_id`),
  );
  const date = (v: unknown) => (v ? new Date(v as string) : null);
  return {
    marketplace: o.marketplace,
    status: o.status,
    onHold: o.on_hold,
    packages: rows.map((r) => ({
      id: String(r.id), source: r.source as PackageView['source'], status: String(r.status), carrier: r.carrier as string | null, service: r.service_level as string | null,
      trackingNumber: r.tracking_number as string | null, packageNumber: r.package_number === null ? null : Number(r.package_number),
      shippedAt: date(r.shipped_at), push: r.tracking_push_status as PushStatus, pushedAt: date(r.tracking_pushed_at), pushError: r.tracking_push_error as string | null,
      lines: lineRows.filter((l) => l.shipment_id === r.id).map((l) => ({ label: l.sku ?? l.title ?? `Line ${l.line_id}`, quantity: Number(l.quantity) })),
    })),
    open: await openLines(tx, orderId),
    acknowledgeError: o.marketplace === 'walmart' ? await acknowledgeFailure(tx, { accountId: o.marketplace_account_id, externalOrderId: o.external_order_id }) : null,
  };
}
