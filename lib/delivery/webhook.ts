import 'server-only';
// Shippo's `track_updated` webhook (marketplace-apis.md §5.7): Shippo posts `{event, test, data:
// Track}` to the URL registered with it, which carries our secret as `?token=`. A public endpoint:
// the token is compared in constant time before the body is read, the body is capped, anything
// malformed is refused with nothing written, and a tracking number that is not ours is
// acknowledged (200) and ignored so Shippo stops retrying it. Never a 500: a database failure is
// a 503 that Shippo retries. Logs carry counts and statuses only: never the token, never the
// body (its address_to is the buyer's).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Db } from '@/lib/db';
import { log } from '@/lib/log';
import { readCappedText } from '@/lib/request-body';
import { applyTrackUpdate } from './apply';
import { parseTrackWire, webhookPayload } from './track';

/** A Track with a long history is a few KB; 256 KB leaves room and stops abuse. */
export const MAX_TRACK_WEBHOOK_BYTES = 256 * 1024;

export interface TrackWebhookDeps {
  /** The configured token; null: the endpoint is off (404). */
  token: string | null;
  db(): Promise<Db>;
  now?(): Date;
}

const answer = (status: number, body: Record<string, unknown>) => Response.json(body, { status, headers: { 'cache-control': 'no-store' } });

/** Constant-time equality of two strings of any length (compared as SHA-256 digests). */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

export async function receiveTrackWebhook(req: Request, deps: TrackWebhookDeps): Promise<Response> {
  if (!deps.token) return answer(404, { error: 'not found' });
  const given = new URL(req.url).searchParams.get('token');
  if (!given || !sameSecret(given, deps.token)) {
    log.warn({ reason: given ? 'wrong token' : 'no token' }, 'Shippo track webhook refused');
    return answer(401, { error: 'unauthorized' });
  }
  const text = await readCappedText(req, MAX_TRACK_WEBHOOK_BYTES).catch(() => null);
  if (text === null) return answer(413, { error: 'payload too large' });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return answer(400, { error: 'body is not JSON' });
  }
  const payload = webhookPayload.safeParse(json);
  if (!payload.success) return answer(400, { error: 'not a Shippo webhook payload' });
  // Other events (a webhook registered for "all") are acknowledged and left alone.
  if (payload.data.event !== 'track_updated') return answer(200, { ignored: 'event' });
  const update = parseTrackWire(payload.data.data);
  if (!update) return answer(400, { error: 'data is not a Track' });
  try {
    const r = await applyTrackUpdate(await deps.db(), update, deps.now?.() ?? new Date());
    if (!r.matched) return answer(200, { ignored: 'unknown tracking number' });
    log.info({ shipments: r.matched, moved: r.moved, delivered: r.delivered, status: update.current?.status ?? null }, 'Shippo track update applied');
    return answer(200, { ok: true });
  } catch (e) {
    log.error({ err: { type: e instanceof Error ? e.name : typeof e } }, 'Shippo track update failed; Shippo retries');
    return answer(503, { error: 'try again later' });
  }
}
