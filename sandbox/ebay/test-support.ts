// Shared helpers for the eBay simulator's tests: start it on a free port, get tokens the way a
// client does, and validate answers against eBay's models (also in a strict variant that rejects
// properties the model does not declare).
import { SpecValidator, SPECS_DIR } from '@/sandbox/core/conformance';
import { fixedClock, type SimClock } from '@/sandbox/core/clock';
import { startService, type RunningService } from '@/sandbox/core/server';
import fs from 'node:fs';
import path from 'node:path';
import { EBAY_SANDBOX_CLIENT_ID, EBAY_SANDBOX_CLIENT_SECRET, EbaySandbox, type EbaySandboxOptions } from './index';

export const T0 = Date.UTC(2026, 10, 21, 12, 0, 0); // 2026-11-21T12:00:00Z

export interface Harness {
  svc: EbaySandbox;
  base: string;
  clock: SimClock;
  running: RunningService;
  close(): Promise<void>;
}

export async function startEbay(opts: EbaySandboxOptions = {}): Promise<Harness> {
  const clock = opts.clock ?? fixedClock(T0);
  const svc = new EbaySandbox({ ...opts, clock });
  const running = await startService(svc, { port: 0 });
  return { svc, base: running.url, clock, running, close: () => running.close() };
}

export const basic = (id = EBAY_SANDBOX_CLIENT_ID, secret = EBAY_SANDBOX_CLIENT_SECRET) =>
  `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

export async function tokenRequest(base: string, form: Record<string, string>, auth = basic()): Promise<Response> {
  return fetch(`${base}/identity/v1/oauth2/token`, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
}

export async function appToken(base: string): Promise<string> {
  const res = await tokenRequest(base, { grant_type: 'client_credentials', scope: 'https://api.ebay.com/oauth/api_scope' });
  if (res.status !== 200) throw new Error(`app token: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export async function call<T = Record<string, unknown>>(
  base: string,
  token: string | null,
  pathAndQuery: string,
  init: { method?: string; body?: unknown } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${pathAndQuery}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
}

type Json = Record<string, unknown>;

/** additionalProperties:false on every object schema that lists its properties. */
function strictCopy(doc: Json): Json {
  const copy = structuredClone(doc);
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const n = node as Json;
    if (n.type === 'object' && typeof n.properties === 'object' && n.additionalProperties === undefined) n.additionalProperties = false;
    Object.values(n).forEach(visit);
  };
  visit(copy);
  return copy;
}

const cache = new Map<string, SpecValidator>();

/** `strict`: also reject undeclared properties (catches typos and invented fields). */
export function spec(file: string, strict = false, patch?: (doc: Json) => void): SpecValidator {
  const key = `${file}|${strict}|${patch ? 'patched' : ''}`;
  let v = cache.get(key);
  if (!v) {
    if (!strict) v = SpecValidator.load(`ebay/${file}`);
    else {
      const doc = strictCopy(JSON.parse(fs.readFileSync(path.join(SPECS_DIR, 'ebay', file), 'utf8')) as Json);
      patch?.(doc);
      v = new SpecValidator(doc, `strict:ebay/${file}`);
    }
    cache.set(key, v);
  }
  return v;
}

/**
 * Documented deviation: the Inventory model types Product.aspects as a string, while eBay sends and
 * accepts a JSON object of string arrays ({"Brand": ["…"]}). The strict inventory model encodes that.
 */
export function inventorySpecStrict(): SpecValidator {
  return spec('sell_inventory_v1_oas3.json', true, (doc) => {
    const product = ((doc.components as Json).schemas as Json).Product as Json;
    (product.properties as Json).aspects = { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } };
  });
}

export const API_BASES: Record<string, string> = {
  '/sell/fulfillment/v1': 'sell_fulfillment_v1_oas3.json',
  '/sell/inventory/v1': 'sell_inventory_v1_oas3.json',
  '/commerce/notification/v1': 'commerce_notification_v1_oas3.json',
  '/commerce/identity/v1': 'commerce_identity_v1_oas3.json',
};

/**
 * Errors of an answer against the model, server base path stripped. Error statuses the operation
 * does not document (401/403/429 common errors) are checked as `{ errors: [Error] }`, and every
 * error body is also checked item by item against the model's `Error` schema.
 */
export function conformance(method: string, fullPath: string, a: Answer<unknown>): string[] {
  const base = Object.keys(API_BASES).find((b) => fullPath.startsWith(b));
  if (!base) throw new Error(`no model for ${fullPath}`);
  const file = API_BASES[base];
  const v = file.startsWith('sell_inventory') ? inventorySpecStrict() : spec(file, true);
  const rel = fullPath.slice(base.length).split('?')[0] || '/';
  const problems: string[] = [];
  const op = v.findOperation(method, rel);
  const documented = Object.keys(op.operation.responses as Json).includes(String(a.status));
  if (documented) problems.push(...v.validateResponse(method, rel, a.status, a.body));
  if (a.status >= 400) {
    const body = a.body as { errors?: unknown[] } | undefined;
    if (!body || !Array.isArray(body.errors) || body.errors.length === 0) problems.push(`status ${a.status} without an errors[] body`);
    else body.errors.forEach((e, i) => problems.push(...v.validateNamed('Error', e).map((m) => `errors[${i}]${m}`)));
    if (body && Object.keys(body).some((k) => k !== 'errors' && k !== 'warnings')) problems.push('error body has keys besides errors/warnings');
  } else if (!documented) problems.push(`${method} ${rel}: status ${a.status} is not documented`);
  return problems;
}

// getOrders as the tests read it.
export interface WireLine {
  lineItemId: string;
  sku: string;
  quantity: number;
  lineItemFulfillmentStatus: string;
  legacyItemId: string;
}
export interface WireOrder {
  orderId: string;
  creationDate: string;
  lastModifiedDate: string;
  orderFulfillmentStatus: string;
  cancelStatus: { cancelState: string; cancelRequests: unknown[]; cancelledDate?: string };
  lineItems: WireLine[];
  buyer: { username: string; buyerRegistrationAddress: Record<string, unknown> };
  fulfillmentStartInstructions: Array<{ shippingStep: { shipTo: { email?: string; fullName?: string; contactAddress: Record<string, string>; primaryPhone?: unknown } } }>;
  pricingSummary: { total: { value: string }; priceSubtotal: { value: string }; tax?: { value: string } };
  fulfillmentHrefs: string[];
}
export interface WireOrdersPage {
  href: string;
  total: number;
  limit: number;
  offset: number;
  next?: string;
  prev?: string;
  orders: WireOrder[];
}

export const ORDERS = '/sell/fulfillment/v1/order';
export const errorId = (a: Answer<unknown>) => (a.body as { errors: Array<{ errorId: number }> }).errors[0].errorId;
