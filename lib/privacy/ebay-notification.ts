// Receiving an eBay Marketplace Account Deletion notification (marketplace-apis.md §4.3–4.7):
// verified exactly as eBay's SDK does, recorded once by notificationId, acknowledged at once. The
// deletion itself runs afterwards (ebay-deletion.ts). Nothing is stored unless the signature holds.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf, type Tx } from '@/lib/db/connect';
import { KeyLookupThrottled } from './ebay-keys-errors';
import { UnknownKeyError, verifyEbaySignature, type PublicKeyLookup } from './ebay-signature';

export const EBAY_DELETION_TOPIC = 'MARKETPLACE_ACCOUNT_DELETION';
/** eBay's notifications are well under 1 KB; anything past this is not one. */
export const MAX_NOTIFICATION_BYTES = 64 * 1024;

const id = z.string().trim().min(1).max(200);
const Notification = z.object({
  metadata: z.object({ topic: z.string() }),
  notification: z.object({
    notificationId: id,
    eventDate: z.iso.datetime({ offset: true }).optional(),
    publishAttemptCount: z.number().int().min(0).max(1_000_000).optional(),
    data: z
      .object({ username: id.optional(), userId: id.optional(), eiasToken: z.string().trim().min(1).max(500).optional() })
      .refine((d) => d.username || d.userId, 'names no eBay user'),
  }),
});

export interface DeletionRequest {
  notificationId: string;
  eventDate: Date | null;
  publishAttemptCount: number | null;
  username: string | null;
  userId: string | null;
  eiasToken: string | null;
}

export type ReceiveOutcome =
  | { status: 204; recorded: boolean; notificationId: string }
  | { status: 400; reason: 'malformed_json' | 'wrong_topic' | 'malformed_notification' }
  | { status: 412; reason: 'missing_header' | 'malformed_header' | 'unsupported_algorithm' | 'bad_signature' | 'unknown_key' }
  | { status: 500; reason: 'key_unavailable' | 'malformed_key' }
  | { status: 503; reason: 'key_lookup_throttled' };

export interface ReceiveDeps {
  getPublicKey: PublicKeyLookup;
  /** Stores the request; false when that notificationId was already recorded. */
  record(request: DeletionRequest): Promise<boolean>;
}

export async function receiveEbayNotification(deps: ReceiveDeps, rawBody: string, signatureHeader: string | null): Promise<ReceiveOutcome> {
  let verdict: Awaited<ReturnType<typeof verifyEbaySignature>>;
  try {
    verdict = await verifyEbaySignature(rawBody, signatureHeader, deps.getPublicKey);
  } catch (e) {
    if (e instanceof UnknownKeyError) return { status: 412, reason: 'unknown_key' };
    if (e instanceof KeyLookupThrottled) return { status: 503, reason: 'key_lookup_throttled' };
    return { status: 500, reason: 'key_unavailable' }; // eBay redelivers; nothing was lost
  }
  if (!verdict.valid) {
    if (verdict.reason === 'malformed_body') return { status: 400, reason: 'malformed_json' };
    if (verdict.reason === 'malformed_key') return { status: 500, reason: 'malformed_key' };
    return { status: 412, reason: verdict.reason };
  }
  const parsed = Notification.safeParse(JSON.parse(rawBody));
  if (!parsed.success) {
    const topic = (JSON.parse(rawBody) as { metadata?: { topic?: unknown } } | null)?.metadata?.topic;
    return { status: 400, reason: typeof topic === 'string' && topic !== EBAY_DELETION_TOPIC ? 'wrong_topic' : 'malformed_notification' };
  }
  const { metadata, notification: n } = parsed.data;
  if (metadata.topic !== EBAY_DELETION_TOPIC) return { status: 400, reason: 'wrong_topic' };
  const recorded = await deps.record({
    notificationId: n.notificationId,
    eventDate: n.eventDate ? new Date(n.eventDate) : null,
    publishAttemptCount: n.publishAttemptCount ?? null,
    username: n.data.username ?? null,
    userId: n.data.userId ?? null,
    eiasToken: n.data.eiasToken ?? null,
  });
  return { status: 204, recorded, notificationId: n.notificationId };
}

/** Records a verified request once (service path); a redelivery changes nothing. */
export async function recordDeletionRequest(tx: Tx, r: DeletionRequest): Promise<boolean> {
  const rows = rowsOf(
    await tx.execute(sql`
      insert into public.ebay_deletion_notifications (notification_id, event_date, publish_attempt_count, username, user_id, eias_token)
      values (${r.notificationId}, ${r.eventDate?.toISOString() ?? null}, ${r.publishAttemptCount}, ${r.username}, ${r.userId}, ${r.eiasToken})
      on conflict (notification_id) do nothing
      returning notification_id`),
  );
  return rows.length === 1;
}
