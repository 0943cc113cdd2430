// Shippo `track_updated` webhook, registered with Shippo as
// `$APP_URL/api/shippo/track?token=$SHIPPO_WEBHOOK_TOKEN` (lib/delivery/webhook.ts does the work).
import { serviceDatabase } from '@/lib/db';
import { config } from '@/lib/env';
import { receiveTrackWebhook } from '@/lib/delivery/webhook';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function POST(req: Request): Promise<Response> {
  return receiveTrackWebhook(req, { token: config().shippoWebhookToken, db: () => serviceDatabase('shipping') });
}
