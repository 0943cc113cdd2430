// The embedded default's Shippo wiring: the app subscribes itself (once) to the simulator's
// track_updated webhook with its configured token; the simulators started beside the app send
// those webhooks on their own as packages move on Shippo's clock, which can run ahead of the
// marketplaces' clock.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSandboxes, type Sandboxes } from '@/sandbox/index';
import { SHIPPO_DEMO_API_KEY } from '@/sandbox/shippo';
import { FROM, PARCEL, TO } from '@/sandbox/shippo/testkit';

const state = { port: 0, shippoUrl: '', token: 'tok_embedded_0123456789abcdef0123456789' as string | null };
vi.mock('@/lib/env', () => ({
  SHIPPO_TRACK_WEBHOOK_PATH: '/api/shippo/track',
  config: () => ({ sandbox: true, port: state.port, shippoWebhookToken: state.token, marketplaces: { shippo: { baseUrl: state.shippoUrl, apiKey: SHIPPO_DEMO_API_KEY } } }),
}));
const { subscribeToShippoTracking } = await import('./shippo-webhook');

describe('Shippo tracking on the embedded default', () => {
  let sb: Sandboxes;
  let app: http.Server;
  const received: Array<{ url: string; event: string; status: string }> = [];

  beforeAll(async () => {
    // Stands in for the app's route: records what the simulator sends.
    app = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        const b = JSON.parse(raw) as { event: string; data: { tracking_status: { status: string } } };
        received.push({ url: req.url ?? '', event: b.event, status: b.data.tracking_status?.status });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => app.listen(0, '127.0.0.1', () => r()));
    state.port = (app.address() as AddressInfo).port;
    sb = await startSandboxes({ basePort: 0 });
    state.shippoUrl = sb.shippo.url;
  });
  afterAll(async () => {
    await sb?.close();
    await new Promise((r) => app?.close(r));
  });

  it('subscribes once, with the token in the URL; not at all without a token or off loopback', async () => {
    expect(await subscribeToShippoTracking()).toBe('subscribed');
    expect(await subscribeToShippoTracking()).toBe('already');
    state.token = null;
    expect(await subscribeToShippoTracking()).toBe('skipped');
    state.token = 'tok_embedded_0123456789abcdef0123456789';
    const real = state.shippoUrl;
    state.shippoUrl = 'https://api.goshippo.com';
    expect(await subscribeToShippoTracking()).toBe('skipped');
    state.shippoUrl = real;
  });

  it('sends track_updated as the package moves on Shippo’s clock, which leaves the marketplaces’ clock alone', async () => {
    const call = async (path: string, body: unknown) =>
      (await fetch(sb.shippo.url + path, { method: 'POST', headers: { authorization: `ShippoToken ${SHIPPO_DEMO_API_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })).json() as Promise<any>;
    const shipment = await call('/shipments', { address_from: FROM, address_to: TO, parcels: [PARCEL], async: false });
    const rate = shipment.rates.find((r: { servicelevel: { token: string } }) => r.servicelevel.token === 'usps_priority');
    expect((await call('/transactions', { rate: rate.object_id, async: false })).status).toBe('SUCCESS');
    await expect.poll(() => received.map((r) => r.status), { timeout: 8_000 }).toContain('PRE_TRANSIT');
    const marketplaces = sb.walmart.service.clock.now();
    await fetch(`${sb.shippo.url}/__sandbox/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ms: 8 * 86_400_000 }) });
    await expect.poll(() => received.map((r) => r.status), { timeout: 8_000 }).toContain('DELIVERED');
    expect(received.every((r) => r.event === 'track_updated' && r.url === '/api/shippo/track?token=tok_embedded_0123456789abcdef0123456789')).toBe(true);
    expect(sb.walmart.service.clock.now() - marketplaces).toBeLessThan(60_000);
    expect(sb.shippo.service.clock.now() - sb.walmart.service.clock.now()).toBeGreaterThanOrEqual(8 * 86_400_000 - 1000);
  });
});
