import 'server-only';
// The delivery side's background work, two kinds of the one job runner (lib/jobs), drained by the
// cron tick:
// - tracking_poll: the webhook's fallback. One recurring job per organization (queued by a
//   trigger when its first label is bought) asks Shippo (GET /tracks/{carrier}/{number}) about
//   labels not delivered a few days after purchase and not checked lately, paced under Shippo's
//   tracking limit (50 GETs a minute in test mode, 500 live) across all workers (concurrency 1).
// - refund_poll: a void is a Shippo refund answered later; a trigger queues a job when a label
//   goes refund_pending, and each run asks once and queues the next ask, further apart each time,
//   until Shippo says refunded or rejected. "Check again" stays for the impatient.
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/lib/db';
import type { JobContext, JobRegistry } from '@/lib/jobs/registry';
import { JobFailure } from '@/lib/jobs/tick';
import type { ShippingDeps } from '@/lib/shipping/purchase';
import { refreshRefund } from '@/lib/shipping/refund';
import { classifyShippoError } from '@/lib/shipping/shippo';
import { applyTrackUpdate } from './apply';
import { carrierToken, fromSdkTrack, type SdkTrack } from './track';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export const POLL_RULES = {
  /** A label is polled once it is this old and still not delivered (the webhook usually got there first). */
  afterMs: 3 * DAY,
  /** ...and no longer once this old: the carrier has long stopped answering. */
  untilMs: 45 * DAY,
  /** Not again within this long of the last word from Shippo (webhook or poll). */
  recheckMs: 12 * HOUR,
  perRun: 40,
  /** Between two GETs: about 46 a minute, under the test-mode limit of 50. */
  gapMs: 1_300,
};

/** Delay before the n-th ask about a refund (n ≥ 1): 1, 2, 4, 8, 16, 32 min, then hourly. */
export const refundPollDelayMs = (n: number) => Math.min(HOUR, MIN * 2 ** Math.max(0, n - 1));
/** About three days of asking, then "Check again" is the way. */
export const REFUND_MAX_POLLS = 75;

interface PollDeps {
  shippo: () => ShippingDeps['shippo'];
  sleep?: (ms: number) => Promise<void>;
}

interface Due {
  id: string;
  carrier: string | null;
  tracking_number: string;
}

export async function dueForPolling(db: Db, orgId: string, now: number, limit = POLL_RULES.perRun): Promise<Due[]> {
  const iso = (ms: number) => new Date(ms).toISOString();
  return rowsOf<Due>(
    await db.execute(sql`select id, carrier, tracking_number from public.shipments
      where org_id = ${orgId} and status = 'purchased' and tracking_number is not null
        and delivery_status is distinct from 'delivered' and delivery_status is distinct from 'returned'
        and created_at <= ${iso(now - POLL_RULES.afterMs)}::timestamptz and created_at > ${iso(now - POLL_RULES.untilMs)}::timestamptz
        and (tracking_checked_at is null or tracking_checked_at <= ${iso(now - POLL_RULES.recheckMs)}::timestamptz)
      order by tracking_checked_at nulls first, created_at limit ${limit}`),
  );
}

export async function runTrackingPoll(ctx: JobContext, deps: PollDeps): Promise<{ asked: number; moved: number }> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  const due = await dueForPolling(ctx.db, ctx.job.orgId, ctx.now());
  const out = { asked: 0, moved: 0 };
  if (!due.length) return out;
  const shippo = deps.shippo();
  for (const s of due) {
    if (ctx.now() >= ctx.deadline || ctx.signal.aborted) break;
    const carrier = carrierToken(s.carrier);
    if (out.asked > 0) await sleep(POLL_RULES.gapMs);
    out.asked++;
    try {
      if (!carrier) throw Object.assign(new Error('no carrier'), { skip: true });
      const track = (await shippo.trackingStatus.get(s.tracking_number, carrier)) as unknown as SdkTrack;
      const r = await applyTrackUpdate(ctx.db, fromSdkTrack(track), new Date(ctx.now()));
      out.moved += r.moved;
    } catch (e) {
      const err = (e as { skip?: boolean }).skip ? null : classifyShippoError(e);
      // Shippo down or limiting: stop here, the next scheduled run goes on. A number Shippo
      // refuses is marked checked so it does not hold the queue.
      if (err && (err.ambiguous || err.kind === 'rate_limited' || err.kind === 'auth' || err.kind === 'not_configured')) break;
      await ctx.db.execute(sql`update public.shipments set tracking_checked_at = ${new Date(ctx.now()).toISOString()}::timestamptz where id = ${s.id}`);
    }
  }
  return out;
}

type RefundPayload = { shipmentId: string; poll?: number };

export async function runRefundPoll(ctx: JobContext<RefundPayload>, deps: PollDeps): Promise<'completed'> {
  const { shipmentId } = ctx.job.payload;
  const poll = Number(ctx.job.payload.poll ?? 1);
  const out = await refreshRefund({ db: ctx.db, shippo: deps.shippo() }, shipmentId);
  if (!out.ok && /No void is pending/.test(out.message)) return 'completed';
  // Shippo could not answer: the runner retries this ask with backoff. The message is ESM's own.
  if (!out.ok) throw new JobFailure(out.message);
  await ctx.db.transaction(async (tx) => {
    if (out.status === 'refund_pending' && poll < REFUND_MAX_POLLS) {
      await tx.execute(sql`insert into public.jobs (org_id, kind, run_at, recurring, max_attempts, payload, dedupe_key)
        values (${ctx.job.orgId}, 'refund_poll', ${new Date(ctx.now() + refundPollDelayMs(poll + 1)).toISOString()}::timestamptz, false, 5,
          ${JSON.stringify({ shipmentId, poll: poll + 1 })}::jsonb, ${`refund:${shipmentId}:${ctx.job.id}:${poll + 1}`})
        on conflict do nothing`);
    }
    await ctx.complete(tx);
  });
  return 'completed';
}

export function registerDeliveryKinds(registry: JobRegistry, deps: PollDeps): JobRegistry {
  if (!registry.get('tracking_poll')) {
    registry.register('tracking_poll', {
      scope: 'org',
      schedule: { everyMs: HOUR },
      concurrency: 1,
      leaseMs: 120_000,
      handler: async (ctx) => void (await runTrackingPoll(ctx, deps)),
    });
  }
  if (!registry.get('refund_poll')) {
    registry.register<RefundPayload>('refund_poll', {
      scope: 'org',
      concurrency: 2,
      maxAttempts: 5,
      backoff: { baseMs: MIN, maxMs: 30 * MIN },
      handler: (ctx) => runRefundPoll(ctx, deps),
    });
  }
  return registry;
}
