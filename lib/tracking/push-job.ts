// The tracking_push job: one per shipment (and per "Retry"). It sends the package through the
// connector's pushTracking, which reads the marketplace's state before every attempt (eBay
// fulfillments, Amazon order packages, Walmart line statuses) and answers 'already_pushed' when
// an earlier attempt landed, so a timeout after the marketplace accepted never sends it twice.
// Transient failures are retried with the job's backoff (on top of the connector's own retries,
// which honour each API's rate limits); permanent ones, or the last attempt, mark the shipment
// 'failed' with the marketplace's message, sanitized: "needs attention", with a Retry button.
import { sql } from 'drizzle-orm';
import { rowsOf, type Db, type Tx } from '@/lib/db/connect';
import { recordAudit } from '@/lib/audit';
import { accountKind, type AccountJob, type JobContext, type JobRegistry } from '@/lib/jobs/registry';
import { requireCapability, type TrackingPush } from '@/lib/marketplaces/capabilities';
import type { Connector } from '@/lib/marketplaces/types';
import { PUSH_MAX_ATTEMPTS, type PushPayload } from './enqueue';
import { classifyPushError } from './errors';
import { packageLines } from './lines';
import { advanceOrderStatus } from './order-status';

export interface PushDeps {
  connectorFor(db: Db, job: AccountJob): Promise<Connector>;
  /** For the log: a failure's kind, never its text (lib/log redacts too). */
  onError?(job: AccountJob, error: unknown): void;
}

interface Loaded {
  shipment: { id: string; orgId: string; orderId: string; status: string; source: string; push: string; carrier: string | null; service: string | null; tracking: string | null; trackingUrl: string | null; shippedAt: Date; packageNumber: number | null };
  order: { externalOrderId: string; status: string };
  lines: Array<{ lineId: string; quantity: number }>;
  /** The buyer's values, only to cut them out of any stored message. */
  redact: string[];
}

async function load(tx: Tx, shipmentId: string): Promise<Loaded | null> {
  const [r] = rowsOf<Record<string, string | null>>(
    await tx.execute(sql`
      select s.id, s.org_id, s.order_id, s.status, s.source, s.tracking_push_status as push, s.carrier, s.service_level, s.tracking_number,
        s.tracking_url, coalesce(s.shipped_at, s.created_at) as shipped_at, s.package_number, o.external_order_id, o.status as order_status,
        b.name, b.address_line1, b.address_line2, b.city, b.postal_code, b.phone, b.email
      from public.shipments s join public.orders o on o.id = s.order_id left join public.order_buyers b on b.order_id = o.id
      where s.id = ${shipmentId}`),
  );
  if (!r) return null;
  return {
    shipment: {
      id: r.id!, orgId: r.org_id!, orderId: r.order_id!, status: r.status!, source: r.source!, push: r.push!, carrier: r.carrier, service: r.service_level,
      tracking: r.tracking_number, trackingUrl: r.tracking_url, shippedAt: new Date(r.shipped_at!), packageNumber: r.package_number === null ? null : Number(r.package_number),
    },
    order: { externalOrderId: r.external_order_id!, status: r.order_status! },
    lines: await packageLines(tx, shipmentId),
    redact: [r.name, r.address_line1, r.address_line2, r.city, r.postal_code, r.phone, r.email].filter((v): v is string => !!v),
  };
}

async function markFailed(tx: Tx, shipmentId: string, orgId: string, message: string): Promise<void> {
  await tx.execute(sql`update public.shipments set tracking_push_status = 'failed', tracking_push_error = ${message}
    where id = ${shipmentId} and tracking_push_status <> 'pushed'`);
  await recordAudit(tx, { orgId, actor: { type: 'system' }, action: 'shipment.tracking_push_failed', targetType: 'shipment', targetId: shipmentId });
}

export function toPush(l: Loaded): TrackingPush {
  const s = l.shipment;
  return {
    externalOrderId: l.order.externalOrderId,
    lines: l.lines.length ? l.lines : undefined,
    carrier: s.carrier ?? '',
    carrierName: s.carrier ?? undefined,
    serviceLevel: s.service ?? undefined,
    trackingNumber: s.tracking ?? '',
    trackingUrl: s.trackingUrl ?? undefined,
    shippedAt: s.shippedAt,
    packageNumber: s.packageNumber ?? undefined,
  };
}

export async function runPush(ctx: JobContext<PushPayload, AccountJob<PushPayload>>, deps: PushDeps): Promise<'completed' | 'failed' | 'lease_lost'> {
  const { db, job } = ctx;
  const done = async (fn?: (tx: Tx) => Promise<void>) =>
    (await db.transaction(async (tx) => {
      await fn?.(tx);
      return ctx.complete(tx);
    }))
      ? 'completed'
      : 'lease_lost';
  const l = await db.transaction((tx) => load(tx, job.payload.shipmentId));
  // Gone (order deleted), already pushed by an earlier job, or voided before it went out.
  if (!l || l.shipment.push === 'pushed') return done();
  if (l.shipment.status !== 'purchased' || !l.shipment.tracking) {
    return done(async (tx) => {
      await tx.execute(sql`update public.shipments set tracking_push_status = 'not_required', tracking_push_error = null
        where id = ${l.shipment.id} and tracking_push_status <> 'pushed' and status in ('voided', 'refunded', 'failed')`);
    });
  }
  if (l.order.status === 'cancelled') {
    return done((tx) => markFailed(tx, l.shipment.id, l.shipment.orgId, 'The order was cancelled on the marketplace; its tracking was not sent.'));
  }
  try {
    const connector = requireCapability(await deps.connectorFor(db, job), 'pushTracking');
    const res = await connector.pushTracking(toPush(l));
    return done(async (tx) => {
      await tx.execute(sql`update public.shipments set tracking_push_status = 'pushed', tracking_pushed_at = now(), tracking_push_error = null
        where id = ${l.shipment.id}`);
      await advanceOrderStatus(tx, l.shipment.orderId);
      await recordAudit(tx, {
        orgId: l.shipment.orgId, actor: { type: 'system' }, action: 'shipment.tracking_pushed', targetType: 'shipment', targetId: l.shipment.id,
        details: { outcome: res.outcome },
      });
    });
  } catch (e) {
    deps.onError?.(job, e);
    const f = classifyPushError(e, [...l.redact]);
    const last = job.maxAttempts !== null && job.attempts >= job.maxAttempts;
    if (f.permanent) return done((tx) => markFailed(tx, l.shipment.id, l.shipment.orgId, f.message));
    const r = await db.transaction(async (tx) => {
      if (last) await markFailed(tx, l.shipment.id, l.shipment.orgId, `${f.message} (gave up after ${job.attempts} attempts)`);
      else await tx.execute(sql`update public.shipments set tracking_push_error = ${`Retrying: ${f.message}`} where id = ${l.shipment.id} and tracking_push_status = 'pending'`);
      return ctx.fail(tx, f.message);
    });
    return r === 'lease_lost' ? 'lease_lost' : 'failed';
  }
}

export function registerTrackingPush(registry: JobRegistry, deps: PushDeps, o: { backoffMs?: number } = {}): JobRegistry {
  if (registry.get('tracking_push')) return registry;
  return registry.register<PushPayload>(
    'tracking_push',
    accountKind<PushPayload>({
      // Each connector paces its own calls by the marketplace's rate-limit bucket; several pushes at
      // once keep those buckets busy without one slow marketplace holding up the others.
      concurrency: 8,
      maxAttempts: PUSH_MAX_ATTEMPTS,
      backoff: { baseMs: o.backoffMs ?? 60_000, maxMs: 30 * 60_000 },
      leaseMs: 120_000,
      handler: (ctx) => runPush(ctx, deps),
    }),
  );
}
