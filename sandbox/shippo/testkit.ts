// Test helpers: start the simulator on a loopback port with a frozen SimClock, talk to it over
// real HTTP, and judge responses the way the shippo SDK does (its null-dropping hook, then zod).
import { ConvertNullToUndefinedAfterSuccessHook } from 'shippo/hooks/registration';
import { fixedClock, type SimClock } from '@/sandbox/core/clock';
import { startService, type RunningService } from '@/sandbox/core/server';
import { SHIPPO_DEMO_API_KEY, SHIPPO_DEMO_FROM_ADDRESS, ShippoSandbox, type ShippoSandboxOptions } from './index';

export const T0 = Date.parse('2026-03-02T15:00:00Z');
export const KEY = SHIPPO_DEMO_API_KEY;
export const OTHER_KEY = 'shippo_test_otheraccount0000000000000000000000';
export const LIVE_KEY = 'shippo_live_sandbox000000000000000000000000000';
export const FROM = SHIPPO_DEMO_FROM_ADDRESS;
export const TO = { name: 'Maria Garcia', street1: '4120 Maple Dr', street2: 'Apt 12B', city: 'Austin', state: 'TX', zip: '78745', country: 'US', email: 'maria@buyers.example-sandbox.test' };
export const PARCEL = { length: '10', width: '8', height: '4', distance_unit: 'in', weight: '2', mass_unit: 'lb' };

// Response bodies are untyped JSON under test; assertions check their shape.
export interface Sim {
  svc: ShippoSandbox;
  run: RunningService;
  clock: SimClock;
  url: string;
  call(method: string, path: string, body?: unknown, key?: string | null): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

export async function startShippo(opts: ShippoSandboxOptions = {}): Promise<Sim> {
  const clock = opts.clock ?? fixedClock(T0);
  const svc = new ShippoSandbox({
    keys: [{ token: KEY, owner: 'shipping@harborandpine.example-sandbox.test' }, OTHER_KEY, LIVE_KEY],
    ...opts,
    clock,
  });
  const run = await startService(svc, { port: 0 });
  return {
    svc,
    run,
    clock,
    url: run.url,
    async call(method, path, body, key = KEY) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (key !== null) headers.authorization = `ShippoToken ${key}`;
      const res = await fetch(run.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        /* non-JSON bodies stay text */
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
    close: () => run.close(),
  };
}

/** Buys a label synchronously; returns the shipment, the chosen rate and the transaction. */
export async function buyLabel(sim: Sim, opts: { token?: string; to?: object; async?: boolean; labelFileType?: string } = {}) {
  const s = await sim.call('POST', '/shipments', { address_from: FROM, address_to: opts.to ?? TO, parcels: [PARCEL], async: false });
  if (s.status !== 201) throw new Error(`shipment: ${s.status} ${JSON.stringify(s.body)}`);
  const rate = (s.body.rates as Array<{ object_id: string; servicelevel: { token: string } }>).find(
    (r) => r.servicelevel.token === (opts.token ?? 'usps_priority'),
  );
  if (!rate) throw new Error('no such rate');
  const t = await sim.call('POST', '/transactions', {
    rate: rate.object_id,
    label_file_type: opts.labelFileType ?? 'PDF_4x6',
    async: opts.async ?? false,
  });
  return { shipment: s.body, rate, tx: t };
}

interface Schema {
  safeParse(v: unknown): { success: boolean; error?: { issues: unknown[] } };
}

/**
 * Issues (empty when fine) of a success body under an SDK inbound schema, after the SDK's own
 * after-success hook (which deletes null fields) — exactly what `new Shippo(...)` would do.
 */
export async function sdkParse(schema: Schema, body: unknown, status = 200): Promise<unknown[]> {
  const hook = new ConvertNullToUndefinedAfterSuccessHook();
  const res = await hook.afterSuccess({} as never, new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
  const r = schema.safeParse(await res.json());
  return r.success ? [] : (r.error?.issues ?? ['invalid']);
}
