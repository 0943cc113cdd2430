// Shared set-up for the Amazon simulator tests: a service on a fixed simulated clock, served over
// real HTTP, plus small fetch helpers for LWA tokens, RDTs and SP-API calls.
import { fixedClock, type SimClock } from '@/sandbox/core/clock';
import { startService, type RunningService } from '@/sandbox/core/server';
import {
  AMAZON_DEMO_CLIENT_ID,
  AMAZON_DEMO_CLIENT_SECRET,
  AMAZON_DEMO_REFRESH_TOKEN,
  AmazonSandbox,
  defaultAmazonAccounts,
  type AmazonSandboxOptions,
} from './index';

export const NOW = Date.parse('2026-03-15T12:00:00Z');
export const MP = 'ATVPDKIKX0DER';

export interface Harness {
  svc: AmazonSandbox;
  run: RunningService;
  clock: SimClock;
  url: string;
  accessToken(refresh?: string): Promise<string>;
  rdt(access: string, resources: unknown[]): Promise<string>;
  sp(path: string, token: string, init?: RequestInit): Promise<{ status: number; headers: Headers; body: unknown }>;
  close(): Promise<void>;
}

export async function startAmazon(opts: Omit<AmazonSandboxOptions, 'clock'> & { now?: number } = {}): Promise<Harness> {
  const clock = fixedClock(opts.now ?? NOW);
  const svc = new AmazonSandbox({ ...opts, clock, accounts: opts.accounts ?? defaultAmazonAccounts(clock.now()) });
  const run = await startService(svc, { port: 0 });
  const url = run.url;
  const sp: Harness['sp'] = async (path, token, init = {}) => {
    const res = await fetch(`${url}${path}`, {
      ...init,
      headers: { 'x-amz-access-token': token, 'content-type': 'application/json', ...(init.headers as Record<string, string> | undefined) },
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
  };
  return {
    svc,
    run,
    clock,
    url,
    sp,
    async accessToken(refresh = AMAZON_DEMO_REFRESH_TOKEN) {
      const res = await fetch(`${url}/auth/o2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refresh, client_id: AMAZON_DEMO_CLIENT_ID, client_secret: AMAZON_DEMO_CLIENT_SECRET }),
      });
      const body = (await res.json()) as { access_token?: string };
      if (!body.access_token) throw new Error(`LWA refused: ${JSON.stringify(body)}`);
      return body.access_token;
    },
    async rdt(access, resources) {
      const r = await sp('/tokens/2021-03-01/restrictedDataToken', access, { method: 'POST', body: JSON.stringify({ restrictedResources: resources }) });
      const body = r.body as { restrictedDataToken?: string };
      if (!body.restrictedDataToken) throw new Error(`RDT refused: ${JSON.stringify(r.body)}`);
      return body.restrictedDataToken;
    },
    close: () => run.close(),
  };
}

export interface V0Order {
  AmazonOrderId: string;
  OrderStatus: string;
  PurchaseDate: string;
  LastUpdateDate: string;
  NumberOfItemsShipped: number;
  NumberOfItemsUnshipped: number;
  ShippingAddress?: Record<string, string>;
  BuyerInfo?: Record<string, string>;
}

export interface V0OrdersPayload {
  payload: { Orders: V0Order[]; NextToken?: string; CreatedBefore?: string; LastUpdatedBefore?: string };
}

export interface V0ItemsPayload {
  payload: { AmazonOrderId: string; OrderItems: Array<{ OrderItemId: string; QuantityOrdered: number; QuantityShipped: number; SellerSKU: string }>; NextToken?: string };
}

export const errorCode = (body: unknown) => (body as { errors: Array<{ code: string }> }).errors[0].code;
export const errorDetails = (body: unknown) => (body as { errors: Array<{ details?: string }> }).errors[0].details;
