// eBay Marketplace Account Deletion endpoint (marketplace-apis.md §4). GET answers eBay's
// challenge; POST takes a signed notification, records it once and acknowledges at once (204);
// the deletion runs right after the response and again from the privacy cron if that failed.
import { createHash } from 'node:crypto';
import { after } from 'next/server';
import { asService, serviceDatabase } from '@/lib/db';
import { config } from '@/lib/env';
import { log } from '@/lib/log';
import { processEbayDeletions } from '@/lib/privacy/ebay-deletion';
import { ebayPublicKeys } from '@/lib/privacy/ebay-keys';
import { MAX_NOTIFICATION_BYTES, receiveEbayNotification, recordDeletionRequest } from '@/lib/privacy/ebay-notification';
import { readCappedText } from '@/lib/request-body';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const notFound = () => new Response('Not Found', { status: 404 });
const problem = (status: number, error: string) => Response.json({ error }, { status, headers: { 'cache-control': 'no-store' } });

export async function GET(req: Request): Promise<Response> {
  const deletion = config().ebayDeletion;
  if (!deletion) return notFound();
  const code = new URL(req.url).searchParams.get('challenge_code');
  if (!code || code.length > 500) return problem(400, 'challenge_code is required');
  // Hash order per eBay: challengeCode + verificationToken + endpoint (the URL as registered).
  const challengeResponse = createHash('sha256').update(code).update(deletion.verificationToken).update(deletion.endpoint).digest('hex');
  return Response.json({ challengeResponse }, { headers: { 'cache-control': 'no-store' } });
}

export async function POST(req: Request): Promise<Response> {
  const getPublicKey = config().ebayDeletion ? ebayPublicKeys() : null;
  if (!getPublicKey) return notFound();
  const body = await readCappedText(req, MAX_NOTIFICATION_BYTES);
  if (body === null) return problem(413, 'notification too large');
  const outcome = await receiveEbayNotification(
    { getPublicKey, record: (r) => asService('ebay-account-deletion', (tx) => recordDeletionRequest(tx, r)) },
    body,
    req.headers.get('x-ebay-signature'),
  ).catch((e: unknown) => {
    log.error({ err: { type: e instanceof Error ? e.name : typeof e } }, 'eBay account deletion: recording failed');
    return { status: 500 as const, reason: 'internal' as const };
  });
  if (outcome.status !== 204) {
    log.warn({ status: outcome.status, reason: outcome.reason }, 'eBay account deletion notification refused');
    return problem(outcome.status, outcome.reason);
  }
  if (outcome.recorded) {
    after(async () => {
      try {
        const r = await processEbayDeletions(await serviceDatabase('ebay-account-deletion'), { limit: 10 });
        log.info(r, 'eBay account deletions honoured');
      } catch (e) {
        log.error({ err: { type: e instanceof Error ? e.name : typeof e } }, 'eBay account deletion run failed; the privacy cron retries it');
      }
    });
  }
  return new Response(null, { status: 204 });
}
