// Webhook subscriptions and the emitter: track_updated / transaction_* payloads delivered to a
// local receiver as the SimClock moves, in the shape of the SDK's webhook payload models.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebhookPayloadTrack$inboundSchema, WebhookPayloadTransaction$inboundSchema } from 'shippo/models/components';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buyLabel, OTHER_KEY, sdkParse, startShippo, type Sim } from './testkit';

interface Received {
  url: string;
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: { event: string; test: boolean; data: Record<string, any> };
}

let sim: Sim;
let receiver: http.Server;
let receiverUrl: string;
let received: Received[];
let answer = 200;

beforeEach(async () => {
  received = [];
  answer = 200;
  receiver = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      received.push({ url: req.url ?? '', headers: req.headers, raw, body: JSON.parse(raw) });
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/shippo/webhook?token=s3cret`;
  sim = await startShippo({ rateLimits: false, webhookSecret: 'whsec_sandbox' });
});
afterEach(async () => {
  await sim.close();
  await new Promise((r) => receiver.close(r));
});

describe('webhooks', () => {
  it('delivers transaction_created, then track_updated as the parcel moves', async () => {
    await sim.call('POST', '/webhooks', { event: 'all', url: receiverUrl, is_test: true });
    const { tx } = await buyLabel(sim);
    await sim.svc.deliverWebhooks(sim.url);
    expect(received.map((r) => r.body.event).sort()).toEqual(['track_updated', 'transaction_created']);
    expect(received[0].url).toBe('/shippo/webhook?token=s3cret');
    for (const r of received) {
      const schema = r.body.event === 'track_updated' ? WebhookPayloadTrack$inboundSchema : WebhookPayloadTransaction$inboundSchema;
      expect(await sdkParse(schema, r.body)).toEqual([]);
      expect(r.body.test).toBe(true);
    }

    received.length = 0;
    await sim.svc.deliverWebhooks(sim.url);
    expect(received).toEqual([]); // nothing changed

    sim.clock.advance(21 * 3_600_000);
    await sim.svc.deliverWebhooks(sim.url);
    const events = received.map((r) => [r.body.event, r.body.data.tracking_status?.status ?? r.body.data.tracking_status]);
    expect(events).toContainEqual(['track_updated', 'TRANSIT']);
    expect(events).toContainEqual(['transaction_updated', 'TRANSIT']);
    const track = received.find((r) => r.body.event === 'track_updated')!;
    expect(track.body.data.tracking_number).toBe(tx.body.tracking_number);
    expect(track.body.data.transaction).toBe(tx.body.object_id);
  });

  it('sends registered test numbers to track_updated subscribers only', async () => {
    await sim.call('POST', '/webhooks', { event: 'track_updated', url: receiverUrl, is_test: true });
    await sim.call('POST', '/tracks', { carrier: 'shippo', tracking_number: 'SHIPPO_DELIVERED', metadata: 'Order 9' });
    await buyLabel(sim, { async: true });
    await sim.svc.deliverWebhooks(sim.url);
    expect(received.map((r) => r.body.event)).toEqual(['track_updated']);
    expect(received[0].body.data).toMatchObject({ tracking_number: 'SHIPPO_DELIVERED', metadata: 'Order 9' });
  });

  it("signs deliveries and only sends an account's own events", async () => {
    await sim.call('POST', '/webhooks', { event: 'transaction_created', url: receiverUrl, is_test: true }, OTHER_KEY);
    await buyLabel(sim);
    await sim.svc.deliverWebhooks(sim.url);
    expect(received).toEqual([]);
    await sim.call('POST', '/webhooks', { event: 'transaction_created', url: receiverUrl, is_test: true });
    await buyLabel(sim);
    await sim.svc.deliverWebhooks(sim.url);
    expect(received).toHaveLength(1);
    const [, ts, sig] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(received[0].headers['shippo-auth-signature'])) ?? [];
    expect(sig).toBe(createHmac('sha256', 'whsec_sandbox').update(`${ts}.${received[0].raw}`).digest('hex'));
  });

  it('retries a delivery the receiver refused, and skips inactive or live-only hooks', async () => {
    await sim.call('POST', '/webhooks', { event: 'transaction_created', url: receiverUrl, is_test: false });
    const hook = await sim.call('POST', '/webhooks', { event: 'transaction_created', url: receiverUrl, is_test: true });
    answer = 500;
    await buyLabel(sim);
    const first = await sim.svc.deliverWebhooks(sim.url);
    expect(first.map((d) => d.status)).toEqual([500]);
    answer = 200;
    const second = await sim.svc.deliverWebhooks(sim.url);
    expect(second.map((d) => d.status)).toEqual([200]);
    expect(received).toHaveLength(2);
    await sim.call('PUT', `/webhooks/${hook.body.object_id}`, { event: 'transaction_created', url: receiverUrl, active: false });
    await buyLabel(sim);
    expect(await sim.svc.deliverWebhooks(sim.url)).toEqual([]);
  });
});
