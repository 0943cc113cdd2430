import 'server-only';
// Applies a Shippo track update (webhook or poll) to the shipments with that tracking number:
// the scans are stored once each, the shipment's delivery status moves forward only (an older or
// repeated message changes nothing, delivered is final), and when every live label of the order
// is delivered the order becomes delivered with `delivered_at`: the start of the buyer-data
// retention clock (lib/privacy/retention.ts). Service path: no person writes these columns.
import { sql } from 'drizzle-orm';
import { rowsOf, type Db, type Tx } from '@/lib/db';
import { runAsService } from '@/lib/db/session';
import type { DeliveryStatus } from '@/lib/db/schema';
import type { TrackEvent, TrackUpdate } from './track';

export interface ApplyResult {
  /** Shipments with this tracking number (0: not one of ours, ignored). */
  matched: number;
  /** Shipments whose delivery status changed. */
  moved: number;
  /** Orders that became delivered. */
  delivered: number;
}

interface Target {
  id: string;
  org_id: string;
  order_id: string;
  delivery_status: DeliveryStatus | null;
  delivery_status_at: string | Date | null;
}

const time = (v: string | Date | null) => (v === null ? null : new Date(v).getTime());

/** Whether `next` may replace what the shipment shows now. */
export function movesForward(cur: { status: DeliveryStatus | null; at: number | null }, next: TrackEvent): boolean {
  if (cur.status === 'delivered') return false;
  if (next.status === 'unknown' && cur.status !== null) return false;
  if (cur.at !== null && next.at.getTime() < cur.at) return false;
  return next.status !== cur.status || cur.at === null || next.at.getTime() > cur.at;
}

/**
 * A carrier's clock may run ahead of ours: the shipment's status time and `delivered_at` (the
 * retention clock) are never in the future. Scans keep the carrier's own times, so the timeline
 * stays in the order things happened.
 */
const notAfter = (d: Date, now: Date) => (d.getTime() > now.getTime() ? now : d);

async function storeEvents(tx: Tx, s: Target, events: TrackEvent[]): Promise<void> {
  if (!events.length) return;
  await tx.execute(sql`
    insert into public.shipment_tracking_events (org_id, shipment_id, shippo_status_id, status, substatus, details, occurred_at)
    select ${s.org_id}::uuid, ${s.id}::uuid, e.id, e.status, e.substatus, e.details, e.at
    from jsonb_to_recordset(${JSON.stringify(events.map((e) => ({ ...e, at: e.at.toISOString() })))}::jsonb)
      as e(id text, status text, substatus text, details text, at timestamptz)
    on conflict (shipment_id, shippo_status_id) do nothing`);
}

async function applyOne(tx: Tx, s: Target, u: TrackUpdate, now: Date): Promise<{ moved: boolean; delivered: boolean }> {
  await storeEvents(tx, s, u.events);
  const next = u.current;
  const moved = next !== null && movesForward({ status: s.delivery_status, at: time(s.delivery_status_at) }, next);
  if (moved) {
    const at = notAfter(next.at, now).toISOString();
    await tx.execute(sql`
      update public.shipments set delivery_status = ${next.status}, delivery_status_at = ${at}::timestamptz,
        delivered_at = case when ${next.status} = 'delivered' then ${at}::timestamptz else delivered_at end,
        delivery_eta = coalesce(${u.eta?.toISOString() ?? null}::timestamptz, delivery_eta), tracking_checked_at = ${now.toISOString()}::timestamptz
      where id = ${s.id} and delivery_status is distinct from 'delivered'`);
  } else {
    await tx.execute(sql`update public.shipments set tracking_checked_at = ${now.toISOString()}::timestamptz where id = ${s.id}`);
  }
  if (!moved || next.status !== 'delivered') return { moved, delivered: false };
  // Delivered when every live label of the order is; the latest delivery starts the clock.
  // Cancelled and delivered orders stay as they are (never backwards).
  const done = rowsOf<{ id: string }>(
    await tx.execute(sql`
      update public.orders o set status = 'delivered',
        delivered_at = coalesce(o.delivered_at, (select max(s.delivered_at) from public.shipments s where s.order_id = o.id and s.status = 'purchased'))
      where o.id = ${s.order_id} and o.org_id = ${s.org_id} and o.status not in ('delivered', 'cancelled')
        and not exists (select 1 from public.shipments s where s.order_id = o.id and s.status in ('purchased', 'refund_pending')
          and s.delivery_status is distinct from 'delivered')
      returning o.id`),
  );
  if (done.length) {
    await tx.execute(sql`insert into public.audit_events (org_id, actor_type, action, target_type, target_id, details)
      values (${s.org_id}, 'system', 'order.delivered', 'order', ${s.order_id}, ${JSON.stringify({ source: 'shippo_tracking' })}::jsonb)`);
  }
  return { moved, delivered: done.length > 0 };
}

export async function applyTrackUpdate(db: Db, u: TrackUpdate, now = new Date()): Promise<ApplyResult> {
  return runAsService(db, 'shipping', async (tx) => {
    // Live labels only: a refunded label's number is dead. Locked so a webhook and a poll of the
    // same package apply one after the other.
    const targets = rowsOf<Target>(
      await tx.execute(sql`select id, org_id, order_id, delivery_status, delivery_status_at from public.shipments
        where tracking_number = ${u.trackingNumber} and status in ('purchased', 'refund_pending') order by id for update`),
    );
    const result: ApplyResult = { matched: targets.length, moved: 0, delivered: 0 };
    for (const s of targets) {
      const r = await applyOne(tx, s, u, now);
      result.moved += Number(r.moved);
      result.delivered += Number(r.delivered);
    }
    return result;
  });
}
