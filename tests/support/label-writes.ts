// Writes to shipments, and to the order and buyer fields label reports read, as any writer may
// make them: the random steps of lib/reports/rollups.test.ts (the label rollups must follow).
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/lib/db/connect';

type Rng = { next: () => number; int: (n: number) => number; pick: <T>(xs: readonly T[]) => T };
const HOUR = 3_600_000;

/**
 * A write to shipments as the label paths make them (bought, failed, refunded, voided, re-costed,
 * moved to another day, deleted), straight in SQL: the triggers must hold for any writer. A write
 * the one-active-label index refuses changes nothing, and the rollups must still match.
 */
export async function labelStep(db: Db, orgId: string, r: Rng, times: { base: number; clock: { t: number } }): Promise<string> {
  const clock = times.clock;
  const one = async (q: ReturnType<typeof sql>) => rowsOf<{ id: string }>(await db.execute(q))[0]?.id;
  const shipment = () => one(sql`select id from public.shipments where org_id = ${orgId}::uuid order by created_at, id offset ${r.int(4)} limit 1`);
  const roll = r.next();
  try {
    if (roll < 0.15) {
      // A second package a day or two after a live label: an order whose labels span days.
      const first = rowsOf<{ order_id: string; at: string }>(await db.execute(sql`select order_id, (created_at + ${`${24 + r.int(30)} hours`}::interval)::text as at
        from public.shipments where org_id = ${orgId}::uuid and label_cost is not null and status = 'purchased' order by created_at desc, id limit 1`))[0];
      if (!first) return 'no live label to follow';
      await db.execute(sql`insert into public.shipments (org_id, order_id, status, source, carrier, service_level, label_cost, created_at)
        values (${orgId}::uuid, ${first.order_id}::uuid, 'purchased', 'manual', 'usps', 'ground', ${(r.int(900) / 100 + 2).toFixed(2)}, ${first.at}::timestamptz)`);
      return `second package for ${first.order_id}`;
    }
    if (roll < 0.45) {
      const order = await one(sql`select id from public.orders where org_id = ${orgId}::uuid order by external_order_id, id
        offset ${r.int(3)}::int % greatest(1, (select count(*)::int from public.orders where org_id = ${orgId}::uuid)) limit 1`);
      if (!order) return 'no order to label';
      const cost = r.next() < 0.9 ? (r.int(1500) / 100 + 3).toFixed(2) : null;
      const at = new Date(times.base + r.int(120) * HOUR + r.int(60) * 60_000);
      await db.execute(sql`insert into public.shipments (org_id, order_id, status, source, carrier, service_level, label_cost, currency, created_at)
        values (${orgId}::uuid, ${order}::uuid, ${r.pick(['purchased', 'purchased', 'purchased', 'refund_pending', 'failed', 'purchasing'])}, ${r.pick(['label', 'manual', 'manual'])},
          ${r.pick(['usps', 'ups', null])}, ${r.pick(['ground', 'priority', null])}, ${cost}, ${r.pick(['USD', 'EUR', null])}, ${at.toISOString()}::timestamptz)`);
      return `label bought for ${order}`;
    }
    const labelled = await one(sql`select order_id as id from public.shipments where org_id = ${orgId}::uuid order by created_at desc, id limit 1`);
    if (roll < 0.55 && labelled) {
      // What the margin reads of the order: its shipping charged (and its currency).
      await db.execute(sql`update public.orders set shipping_total = ${(r.int(1200) / 100).toFixed(2)}, currency = ${r.pick(['USD', 'USD', 'EUR'])} where id = ${labelled}::uuid`);
      return `order ${labelled} re-priced`;
    }
    if (roll < 0.6 && labelled) {
      // What spend by destination reads: the buyer's country and region (or no buyer row).
      await db.execute(r.next() < 0.8
        ? sql`insert into public.order_buyers (order_id, org_id, country, region) values (${labelled}::uuid, ${orgId}::uuid, ${r.pick(['US', 'DE'])}, ${r.pick(['NY', 'BE', null])})
            on conflict (order_id) do update set country = excluded.country, region = excluded.region`
        : sql`delete from public.order_buyers where order_id = ${labelled}::uuid`);
      return `buyer of ${labelled} moved`;
    }
    const id = await shipment();
    if (!id) return 'no label yet';
    if (roll < 0.72) {
      const status = r.pick(['refunded', 'voided', 'refund_pending', 'purchased', 'failed']);
      await db.execute(sql`update public.shipments set status = ${status} where id = ${id}::uuid`);
      return `label ${id} ${status}`;
    }
    if (roll < 0.82) {
      await db.execute(sql`update public.shipments set label_cost = ${(r.int(900) / 100).toFixed(2)}, currency = ${r.pick(['USD', 'EUR', null])} where id = ${id}::uuid`);
      return `label ${id} re-costed`;
    }
    if (roll < 0.9) {
      await db.execute(sql`update public.shipments set created_at = created_at + ${`${r.int(60) - 30} hours`}::interval where id = ${id}::uuid`);
      return `label ${id} moved`;
    }
    if (roll < 0.95) {
      // Tracking only: nothing a report reads.
      await db.execute(sql`update public.shipments set delivery_status = 'in_transit', tracking_checked_at = ${new Date((clock.t += 60_000)).toISOString()}::timestamptz where id = ${id}::uuid`);
      return `label ${id} tracked`;
    }
    await db.execute(sql`delete from public.shipments where id = ${id}::uuid`);
    return `label ${id} deleted`;
  } catch (e) {
    if (!/one_active_per_order/.test(String((e as { cause?: unknown }).cause ?? e)) && !/one_active_per_order/.test(String(e))) throw e;
    return 'a second active label refused';
  }
}

