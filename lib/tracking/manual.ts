// "Mark as shipped": a package an operator shipped outside ESM (no Shippo label) is recorded with
// its carrier, service, tracking number, ship date and the lines it holds, and its push job is
// queued in the same transaction. Every check runs before anything is written; a refusal writes
// nothing. Read and checked in the person's transaction (RLS), written by the service path
// (people have no grant on shipments) right after, in one transaction of its own.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf, type Db } from '@/lib/db/connect';
import { runAsService, runAsUser, type Claims } from '@/lib/db/session';
import { recordAudit } from '@/lib/audit';
import { carrierToken } from '@/lib/marketplaces/carriers';
import type { Marketplace } from '@/lib/model';
import { hasRole } from '@/lib/orgs/roles';
import { orderRole } from '@/lib/shipping/shippable';
import { safeUrl } from '@/lib/shipping/store';
import { enqueuePush } from './enqueue';
import { nextPackageNumber, openLines, recordLines } from './lines';

/** Longest tracking number each marketplace takes (eBay: letters and digits, 40 at most). */
export const TRACKING_MAX: Record<Marketplace, number> = { walmart: 50, amazon: 50, ebay: 40 };

export const manualInput = z.object({
  orderId: z.uuid(),
  carrier: z.string().trim().min(1, 'Choose a carrier').max(60),
  carrierName: z.string().trim().max(60).optional().default(''),
  service: z.string().trim().max(60).optional().default(''),
  trackingNumber: z
    .string()
    .trim()
    .min(4, 'Enter the tracking number')
    .max(80, 'That tracking number is too long')
    .regex(/^[A-Za-z0-9 -]+$/, 'A tracking number has only letters, digits, spaces and dashes'),
  trackingUrl: z.string().trim().max(2048).optional().default(''),
  shipDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the ship date'),
  lines: z.array(z.object({ orderItemId: z.uuid(), quantity: z.number().int().min(0).max(100_000) })).max(500),
});
export type ManualInput = z.input<typeof manualInput>;

export type ManualOutcome = { ok: true; shipmentId: string } | { ok: false; message: string };

const REFUSE = {
  not_found: 'This order no longer exists or you no longer have access to it.',
  forbidden: "Viewers can't mark orders shipped. Ask an admin of your organization for the operator role.",
  cancelled: 'This order was cancelled on the marketplace. Nothing was recorded.',
  on_hold: 'This order is on hold. Release the hold before marking it shipped.',
  shipped: 'This order has already shipped. Nothing was recorded.',
};

/** Checks everything, then records the package and queues its push; nothing is written on a refusal. */
export async function markShipped(db: Db, claims: Claims, raw: ManualInput, now = new Date()): Promise<ManualOutcome> {
  const p = manualInput.safeParse(raw);
  if (!p.success) return { ok: false, message: p.error.issues[0]?.message ?? 'That request was not valid.' };
  const input = p.data;
  const checked = await runAsUser(db, claims, async (tx) => {
    const access = await orderRole(tx, input.orderId, claims.sub);
    if (!access) return { ok: false as const, message: REFUSE.not_found };
    if (!hasRole(access.role, 'operator')) return { ok: false as const, message: REFUSE.forbidden };
    const [o] = rowsOf<{ marketplace: Marketplace; status: string; on_hold: boolean; ordered_at: string | Date }>(
      await tx.execute(sql`select marketplace, status, on_hold, ordered_at from public.orders where id = ${input.orderId}`),
    );
    if (o.status === 'cancelled') return { ok: false as const, message: REFUSE.cancelled };
    if (o.status === 'shipped' || o.status === 'delivered') return { ok: false as const, message: REFUSE.shipped };
    if (o.on_hold) return { ok: false as const, message: REFUSE.on_hold };
    return { ok: true as const, orgId: access.orgId, marketplace: o.marketplace, orderedAt: new Date(o.ordered_at) };
  });
  if (!checked.ok) return checked;

  const isOther = input.carrier.toLowerCase() === 'other';
  if (isOther && !input.carrierName) return { ok: false, message: "Enter the carrier's name." };
  const carrier = isOther ? input.carrierName : input.carrier;
  const token = carrierToken(carrier);
  const url = input.trackingUrl ? safeUrl(input.trackingUrl) : null;
  if (input.trackingUrl && !url) return { ok: false, message: 'The tracking link must be an https:// address.' };
  if (!token && !url) return { ok: false, message: 'This carrier is not on the marketplaces\' lists: add the link to its tracking page so the buyer can follow the package.' };
  const tracking = checked.marketplace === 'ebay' ? input.trackingNumber.replace(/[\s-]+/g, '') : input.trackingNumber.replace(/\s+/g, ' ');
  const max = TRACKING_MAX[checked.marketplace];
  if (tracking.length > max) return { ok: false, message: `That tracking number is longer than ${checked.marketplace === 'ebay' ? 'eBay' : checked.marketplace === 'amazon' ? 'Amazon' : 'Walmart'} accepts (${max} characters at most).` };
  const day = new Date(`${input.shipDate}T12:00:00Z`);
  if (Number.isNaN(day.getTime()) || day.getTime() > now.getTime() + 36 * 3_600_000) return { ok: false, message: 'The ship date cannot be in the future.' };
  if (input.shipDate < checked.orderedAt.toISOString().slice(0, 10) && day.getTime() < checked.orderedAt.getTime() - 36 * 3_600_000) {
    return { ok: false, message: 'The ship date is before the order was placed.' };
  }
  // Midday of the ship date, kept between the order's time and now: marketplaces refuse a ship
  // time in the future or before the purchase.
  const shippedAt = new Date(Math.min(now.getTime(), Math.max(checked.orderedAt.getTime(), day.getTime())));
  const wanted = input.lines.filter((l) => l.quantity > 0);
  if (!wanted.length) return { ok: false, message: 'Choose at least one item and how many of it are in this package.' };
  if (new Set(wanted.map((l) => l.orderItemId)).size !== wanted.length) return { ok: false, message: 'Each item can be listed once per package.' };

  return runAsService(db, 'shipping', async (tx) => {
    // Checked again where it is written, under the order's row lock: two packages entered at once
    // cannot both take the last units.
    const [locked] = rowsOf<{ status: string; on_hold: boolean }>(await tx.execute(sql`select status, on_hold from public.orders where id = ${input.orderId} for update`));
    if (!locked || locked.status === 'cancelled') return { ok: false as const, message: REFUSE.cancelled };
    if (locked.status === 'shipped' || locked.status === 'delivered') return { ok: false as const, message: REFUSE.shipped };
    if (locked.on_hold) return { ok: false as const, message: REFUSE.on_hold };
    const open = new Map((await openLines(tx, input.orderId)).map((l) => [l.orderItemId, l]));
    for (const w of wanted) {
      const line = open.get(w.orderItemId);
      if (!line) return { ok: false as const, message: 'One of the items is not part of this order. Reload the page.' };
      if (w.quantity > line.unshipped) {
        return { ok: false as const, message: `Only ${line.unshipped} of ${line.sku ?? line.title ?? 'that item'} ${line.unshipped === 1 ? 'is' : 'are'} left to ship.` };
      }
    }
    const [s] = rowsOf<{ id: string }>(
      await tx.execute(sql`
        insert into public.shipments (org_id, order_id, status, source, carrier, service_level, tracking_number, tracking_url,
          tracking_push_status, shipped_at, package_number, created_by)
        values (${checked.orgId}, ${input.orderId}, 'purchased', 'manual', ${carrier},
          ${input.service || null}, ${tracking}, ${url}, 'pending', ${shippedAt.toISOString()}::timestamptz,
          ${await nextPackageNumber(tx, input.orderId)}, ${claims.sub})
        returning id`),
    );
    await recordLines(tx, { orgId: checked.orgId, shipmentId: s.id, lines: wanted });
    await enqueuePush(tx, s.id);
    await recordAudit(tx, {
      orgId: checked.orgId, actor: { type: 'user', userId: claims.sub }, action: 'shipment.marked_shipped', targetType: 'shipment', targetId: s.id,
      details: { units: wanted.reduce((n, l) => n + l.quantity, 0) },
    });
    return { ok: true as const, shipmentId: s.id };
  });
}
