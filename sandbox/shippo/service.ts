// The Shippo simulator: `Authorization: ShippoToken <key>` auth against a list of API keys,
// per-minute rate limits, and the routes of addresses, parcels, shipments/rates, transactions,
// refunds, tracks, webhooks and label files.
import { randomBytes } from 'node:crypto';
import { SimClock } from '@/sandbox/core/clock';
import { Router, type RouteContext } from '@/sandbox/core/router';
import { SandboxService, type FaultKind } from '@/sandbox/core/service';
import { getAddress, listAddresses, postAddress, validateStored } from './addresses';
import { BadRequest, detail } from './http';
import { getLabelFile } from './label-files';
import { getParcel, postParcel } from './parcels';
import { limitFor, RateLimiter, type CallKind, type Group } from './ratelimit';
import { getRefund, listRefunds, postRefund } from './refunds';
import { getRate, getShipment, listShipmentRates, listShipments, postShipment } from './shipments';
import { getTrack, postTrack } from './tracking';
import { getTransaction, listTransactions, postTransaction } from './transactions';
import { deleteWebhook, getWebhook, listWebhooks, postWebhook, putWebhook, WebhookEmitter, type Delivery } from './webhooks';
import { DEFAULT_TIMINGS, World, type Auth, type ShippoTimings } from './world';

export interface ShippoKey {
  /** `shippo_test_…` (objects get `"test": true`) or `shippo_live_…`. */
  token: string;
  /** Shown as `object_owner`. */
  owner?: string;
}

export interface ShippoSandboxOptions {
  clock?: SimClock;
  /** Valid API keys (default: `defaultShippoKeys()`). Each key sees only its own objects. */
  keys?: Array<string | ShippoKey>;
  /** Alias of `keys`, for callers that build every simulator with `{ clock, accounts }`. */
  accounts?: Array<string | ShippoKey>;
  /** Enforce the documented per-minute limits (default true). */
  rateLimits?: boolean;
  /**
   * The documented limits per this many ms instead of per minute (benchmarks: the same counts in
   * a shorter window, so a run bound by them is short). Default 60,000.
   */
  rateLimitWindowMs?: number;
  timings?: Partial<ShippoTimings>;
  /** Sign webhook deliveries with this secret (Shippo-Auth-Signature). */
  webhookSecret?: string;
  /** Base of `label_url` and list `next` links (default: the origin the request was sent to). */
  publicBaseUrl?: string;
  /** Seed of object ids (same seed + same calls = same ids). */
  seed?: string;
}

type Handler = (req: Request, ctx: RouteContext, auth: Auth, base: string) => Response | Promise<Response>;

export class ShippoSandbox extends SandboxService {
  readonly name = 'shippo';
  readonly world: World;
  readonly limiter: RateLimiter;
  readonly emitter: WebhookEmitter;
  rateLimits: boolean;
  private readonly keys = new Map<string, Auth>();
  private readonly router = new Router();
  private readonly publicBaseUrl?: string;

  constructor(opts: ShippoSandboxOptions = {}) {
    super(opts.clock ?? new SimClock());
    this.world = new World(this.clock, { ...DEFAULT_TIMINGS, ...opts.timings }, randomBytes(16).toString('hex'), opts.seed ?? 'shippo');
    this.limiter = new RateLimiter(this.clock, opts.rateLimitWindowMs);
    this.rateLimits = opts.rateLimits ?? true;
    this.publicBaseUrl = opts.publicBaseUrl?.replace(/\/$/, '');
    this.emitter = new WebhookEmitter(this.world, (t) => this.keys.get(t)?.test ?? true, opts.webhookSecret ?? null);
    for (const k of opts.keys ?? opts.accounts ?? defaultShippoKeys()) this.addKey(k);
    this.routes();
  }

  addKey(key: string | ShippoKey): void {
    const k = typeof key === 'string' ? { token: key } : key;
    const test = !k.token.startsWith('shippo_live_');
    this.keys.set(k.token, { token: k.token, owner: k.owner ?? `${k.token.slice(0, 20)}@sandbox.goshippo.test`, test });
  }

  /** Sends webhook events for everything that changed since the last call. */
  deliverWebhooks(publicBase = this.publicBaseUrl ?? 'http://127.0.0.1'): Promise<Delivery[]> {
    return this.emitter.deliver(publicBase);
  }

  /** For a standalone server: deliver webhooks every `intervalMs` of real time. Returns a stop function. */
  startWebhookDelivery(intervalMs: number, publicBase?: string): () => void {
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      this.deliverWebhooks(publicBase)
        .catch(() => undefined)
        .finally(() => (busy = false));
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  private routes(): void {
    const r = (method: string, path: string, endpoint: string, group: Group, kind: CallKind, fn: Handler) =>
      this.router.add(method, path, (req, ctx) => this.guard(req, ctx, endpoint, group, kind, fn));
    const w = this.world;
    r('POST', '/addresses', 'address', 'core', 'post', (req, _c, a) => postAddress(w, a, req));
    r('GET', '/addresses', 'address', 'core', 'list', (_r, c, a, b) => listAddresses(w, a, c.url, b));
    r('GET', '/addresses/{id}', 'address', 'core', 'get', (_r, c, a) => getAddress(w, a, c.params.id));
    r('GET', '/addresses/{id}/validate', 'address', 'core', 'get', (_r, c, a) => validateStored(w, a, c.params.id));
    r('POST', '/parcels', 'parcel', 'core', 'post', (req, _c, a) => postParcel(w, a, req));
    r('GET', '/parcels/{id}', 'parcel', 'core', 'get', (_r, c, a) => getParcel(w, a, c.params.id));
    r('POST', '/shipments', 'shipment', 'core', 'post', (req, _c, a) => postShipment(w, a, req));
    r('GET', '/shipments', 'shipment', 'core', 'list', (_r, c, a, b) => listShipments(w, a, c.url, b));
    r('GET', '/shipments/{id}', 'shipment', 'core', 'get', (_r, c, a) => getShipment(w, a, c.params.id));
    r('GET', '/shipments/{id}/rates', 'rate', 'core', 'list', (_r, c, a, b) => listShipmentRates(w, a, c.params.id, c.url, b));
    r('GET', '/shipments/{id}/rates/{currency}', 'rate', 'core', 'list', (_r, c, a, b) =>
      listShipmentRates(w, a, c.params.id, c.url, b, c.params.currency),
    );
    r('GET', '/rates/{id}', 'rate', 'core', 'get', (_r, c, a) => getRate(w, a, c.params.id));
    r('POST', '/transactions', 'transaction', 'core', 'post', (req, _c, a, b) => postTransaction(w, a, req, b));
    r('GET', '/transactions', 'transaction', 'core', 'list', (_r, c, a, b) => listTransactions(w, a, c.url, b));
    r('GET', '/transactions/{id}', 'transaction', 'core', 'get', (_r, c, a, b) => getTransaction(w, a, c.params.id, b));
    r('POST', '/refunds', 'refund', 'core', 'post', (req, _c, a) => postRefund(w, a, req));
    r('GET', '/refunds', 'refund', 'core', 'list', (_r, c, a, b) => listRefunds(w, a, c.url, b));
    r('GET', '/refunds/{id}', 'refund', 'core', 'get', (_r, c, a) => getRefund(w, a, c.params.id));
    r('POST', '/tracks', 'track', 'tracking', 'post', (req, _c, a) => postTrack(w, a, req));
    r('GET', '/tracks/{carrier}/{number}', 'track', 'tracking', 'get', (_r, c, a) => getTrack(w, a, c.params.carrier, c.params.number));
    r('POST', '/webhooks', 'webhook', 'core', 'post', (req, _c, a) => postWebhook(w, a, req));
    r('GET', '/webhooks', 'webhook', 'core', 'list', (_r, c, a, b) => listWebhooks(w, a, c.url, b));
    r('GET', '/webhooks/{id}', 'webhook', 'core', 'get', (_r, c, a) => getWebhook(w, a, c.params.id));
    r('PUT', '/webhooks/{id}', 'webhook', 'core', 'put', (req, c, a) => putWebhook(w, a, c.params.id, req));
    r('DELETE', '/webhooks/{id}', 'webhook', 'core', 'put', (_r, c, a) => deleteWebhook(w, a, c.params.id));
    // Label files are pre-signed links: no API key, no API rate limit.
    this.router.add('GET', '/labels/{file}', (_req, ctx) => getLabelFile(w, ctx.params.file, ctx.url));
  }

  private base(url: URL): string {
    return this.publicBaseUrl ?? url.origin;
  }

  /** DRF order: authenticate, then throttle, then the view. */
  private async guard(req: Request, ctx: RouteContext, endpoint: string, group: Group, kind: CallKind, fn: Handler): Promise<Response> {
    const auth = this.authenticate(req);
    if (auth instanceof Response) return auth;
    if (this.rateLimits) {
      const limit = limitFor(group, kind, auth.test);
      const wait = limit === null ? null : this.limiter.take(`${auth.token}|${endpoint}|${kind}`, limit);
      if (wait !== null && limit !== null) return throttled(wait, limit, this.clock.now());
    }
    try {
      return await fn(req, ctx, auth, this.base(ctx.url));
    } catch (e) {
      if (e instanceof BadRequest) return e.response;
      throw e;
    }
  }

  private authenticate(req: Request): Auth | Response {
    const challenge = { 'www-authenticate': 'ShippoToken' };
    const header = req.headers.get('authorization')?.trim();
    const parts = header ? header.split(/\s+/) : [];
    if (!parts.length || parts[0].toLowerCase() !== 'shippotoken') {
      return detail(401, 'Authentication credentials were not provided.', challenge);
    }
    if (parts.length === 1) return detail(401, 'Invalid token header. No credentials provided.', challenge);
    if (parts.length > 2) return detail(401, 'Invalid token header. Token string should not contain spaces.', challenge);
    return this.keys.get(parts[1]) ?? detail(401, 'Invalid token.', challenge);
  }

  async handle(req: Request): Promise<Response> {
    const res = await this.router.handle(req);
    if (!res) return detail(404, 'Not found.');
    if (res.status === 405 && res.body === null) return detail(405, `Method "${req.method.toUpperCase()}" not allowed.`);
    return res;
  }

  faultResponse(kind: FaultKind): Response {
    if (kind === 'rate_limited') return throttled(60, 50, this.clock.now());
    if (kind === 'server_error') {
      // Django's stock 500 page: Shippo's API answers unhandled errors with HTML, not JSON.
      return new Response('<h1>Server Error (500)</h1>', { status: 500, headers: { 'content-type': 'text/html' } });
    }
    return new Response(
      '<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n</body>\r\n</html>\r\n',
      { status: 503, headers: { 'content-type': 'text/html' } },
    );
  }
}

/**
 * DRF's throttled answer. Shippo does not document rate-limit headers: Retry-After is DRF's own,
 * X-RateLimit-* follow third-party notes (Nango) and are UNCONFIRMED.
 */
function throttled(waitS: number, limit: number, now: number): Response {
  return detail(429, `Request was throttled. Expected available in ${waitS} second${waitS === 1 ? '' : 's'}.`, {
    'retry-after': String(waitS),
    'x-ratelimit-limit': String(limit),
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset': String(Math.ceil(now / 1000) + waitS),
  });
}

export const SHIPPO_DEMO_API_KEY = 'shippo_test_sandbox0000demo0000key0000not0real0000';
export const SHIPPO_DEMO_OWNER = 'shipping@harborandpine.example-sandbox.test';

/** The app's embedded demo: one test key (`now` is accepted for symmetry with the marketplaces). */
export function defaultShippoKeys(_now?: number): ShippoKey[] {
  return [{ token: SHIPPO_DEMO_API_KEY, owner: SHIPPO_DEMO_OWNER }];
}
