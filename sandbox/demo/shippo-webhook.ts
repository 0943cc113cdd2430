// On the embedded default the app subscribes itself to the Shippo simulator's track_updated
// webhook, as an operator does once in Shippo's dashboard (or POST /webhooks) in production:
// the URL is the app's own route with the configured secret token. Idempotent (an existing
// subscription to the same URL is kept); failures are logged without the URL (it holds the token).
import { config, SHIPPO_TRACK_WEBHOOK_PATH } from '@/lib/env';
import { log } from '@/lib/log';

export async function subscribeToShippoTracking(): Promise<'subscribed' | 'already' | 'skipped'> {
  const cfg = config();
  const { baseUrl, apiKey } = cfg.marketplaces.shippo;
  const token = cfg.shippoWebhookToken;
  // Only the simulator beside the app (loopback): never a real Shippo account from here.
  if (!cfg.sandbox || !token || !apiKey || !/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(baseUrl)) return 'skipped';
  const url = `http://127.0.0.1:${cfg.port}${SHIPPO_TRACK_WEBHOOK_PATH}?token=${encodeURIComponent(token)}`;
  const headers = { authorization: `ShippoToken ${apiKey}`, 'content-type': 'application/json' };
  const list = await fetch(`${baseUrl}/webhooks?results=100`, { headers, signal: AbortSignal.timeout(10_000) });
  if (!list.ok) throw new Error(`Shippo simulator GET /webhooks: HTTP ${list.status}`);
  const existing = ((await list.json()) as { results?: Array<{ url: string; event: string }> }).results ?? [];
  if (existing.some((h) => h.url === url && (h.event === 'track_updated' || h.event === 'all'))) return 'already';
  const res = await fetch(`${baseUrl}/webhooks`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ event: 'track_updated', url, active: true, is_test: apiKey.startsWith('shippo_test_') }),
    signal: AbortSignal.timeout(10_000),
  });
  if (res.status !== 201) throw new Error(`Shippo simulator POST /webhooks: HTTP ${res.status}`);
  return 'subscribed';
}

/** Fire and forget from the bootstrap: a few tries while the simulator may still be starting. */
export function subscribeInBackground(tries = 5): void {
  void (async () => {
    for (let i = 1; i <= tries; i++) {
      try {
        await subscribeToShippoTracking();
        return;
      } catch (e) {
        if (i === tries) log.warn({ err: { type: e instanceof Error ? e.name : typeof e } }, 'Shippo tracking webhook not subscribed; polling still follows packages');
        else await new Promise((r) => setTimeout(r, 2_000 * i));
      }
    }
  })();
}
