// Shared by the Walmart sandbox tests: start the simulator on a free port and talk to it over
// real HTTP the way a Walmart client does (Basic auth for the token, WM_* headers on every call).
import { randomUUID } from 'node:crypto';
import { fixedClock, type SimClock } from '@/sandbox/core/clock';
import { SpecValidator } from '@/sandbox/core/conformance';
import { startService, type RunningService } from '@/sandbox/core/server';
import { WalmartSandbox, type WalmartSandboxOptions } from './index';
import { WALMART_DEMO_CLIENT_ID, WALMART_DEMO_CLIENT_SECRET } from './accounts';

/** A fixed instant so every run sees the same orders (2026-03-15T12:00:00Z). */
export const T0 = Date.UTC(2026, 2, 15, 12, 0, 0);

export const specs = {
  auth: () => SpecValidator.load('walmart/walmart-marketplace-authentication-openapi-original.yml'),
  orders: () => SpecValidator.load('walmart/walmart-marketplace-orders-openapi-original.yml'),
  items: () => SpecValidator.load('walmart/walmart-marketplace-items-openapi-original.yml'),
  inventory: () => SpecValidator.load('walmart/walmart-marketplace-inventory-openapi-original.yml'),
};

export interface Harness {
  svc: WalmartSandbox;
  running: RunningService;
  clock: SimClock;
  url: string;
  token(clientId?: string, secret?: string): Promise<string>;
  call(path: string, init?: { method?: string; body?: unknown; token?: string | null; headers?: Record<string, string> }): Promise<{ status: number; headers: Headers; body: any }>;
  close(): Promise<void>;
}

export function wmHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { 'WM_SVC.NAME': 'Walmart Marketplace', 'WM_QOS.CORRELATION_ID': randomUUID(), Accept: 'application/json', ...extra };
}

export function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

export async function startWalmart(opts: WalmartSandboxOptions = {}): Promise<Harness> {
  const clock = opts.clock ?? fixedClock(T0);
  const svc = new WalmartSandbox({ ...opts, clock });
  const running = await startService(svc, { port: 0 });
  const url = running.url;
  // Like a real client: reuse the token and refresh it a minute before its 15 minutes are up.
  let cached: { token: string; at: number } | null = null;
  async function defaultToken(): Promise<string> {
    if (!cached || clock.now() - cached.at > 14 * 60_000) cached = { token: await token(), at: clock.now() };
    return cached.token;
  }

  async function token(clientId = WALMART_DEMO_CLIENT_ID, secret = WALMART_DEMO_CLIENT_SECRET): Promise<string> {
    const res = await fetch(`${url}/v3/token`, {
      method: 'POST',
      headers: wmHeaders({ Authorization: basic(clientId, secret), 'Content-Type': 'application/x-www-form-urlencoded' }),
      body: 'grant_type=client_credentials',
    });
    const body = (await res.json()) as { access_token: string };
    if (res.status !== 200) throw new Error(`token: ${res.status} ${JSON.stringify(body)}`);
    return body.access_token;
  }

  async function call(path: string, init: Parameters<Harness['call']>[1] = {}) {
    const tok = init.token === undefined ? await defaultToken() : init.token;
    const headers = wmHeaders({ ...(tok ? { 'WM_SEC.ACCESS_TOKEN': tok } : {}), ...init.headers });
    if (init.body !== undefined && !headers['Content-Type']) headers['Content-Type'] = 'application/json';
    const res = await fetch(`${url}${path}`, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // non-JSON answers (503) stay text
    }
    return { status: res.status, headers: res.headers, body: body as any };
  }

  return { svc, running, clock, url, token, call, close: () => running.close() };
}

/** A shipping update body for the given lines (all quantities, UPS tracking). */
export function shipBody(lines: Array<{ lineNumber: string; qty: string; trackingNumber?: string; carrier?: Record<string, string>; trackingURL?: string }>, processMode?: string) {
  return {
    orderShipment: {
      ...(processMode ? { processMode } : {}),
      orderLines: {
        orderLine: lines.map((l) => ({
          lineNumber: l.lineNumber,
          sellerOrderId: 'ESM-1001',
          orderLineStatuses: {
            orderLineStatus: [
              {
                status: 'Shipped',
                statusQuantity: { unitOfMeasurement: 'EACH', amount: l.qty },
                trackingInfo: {
                  shipDateTime: T0,
                  carrierName: l.carrier ?? { carrier: 'UPS' },
                  methodCode: 'Standard',
                  trackingNumber: l.trackingNumber ?? '1Z999AA10123456784',
                  ...(l.trackingURL ? { trackingURL: l.trackingURL } : {}),
                },
              },
            ],
          },
        })),
      },
    },
  };
}
