// Walmart Marketplace (US) simulator: Token API, Orders (list, released, get, acknowledge, ship
// lines), Items and Inventory reads (one SKU, or every SKU per ship node), with Walmart's
// headers, error bodies and throttling.
import type { SimClock } from '@/sandbox/core/clock';
import { Router } from '@/sandbox/core/router';
import { SandboxService, type FaultKind } from '@/sandbox/core/service';
import { defaultWalmartAccounts, type WalmartAccount } from './accounts';
import { checkAccept, checkRequiredHeaders, TokenStore } from './auth';
import { rewrapError, serviceError, systemError, throttled, wmError, type ErrorEnvelope } from './errors';
import { listInventories } from './inventories';
import { getInventory, listItems } from './items';
import { OrderBook } from './order-book';
import { acknowledgeOrder, CursorCache, getOrder, listOrders, type OrdersContext } from './orders-routes';
import { DEFAULT_RATE_LIMITS, RateLimiter, type RateLimit, type WalmartOperation } from './rate-limit';
import type { OddRecordKind } from './odd-records';
import { shipOrderLines } from './shipping';

export * from './accounts';
export { ACCESS_TOKEN_TTL_S } from './auth';
export { DEFAULT_RATE_LIMITS, type RateLimit, type WalmartOperation } from './rate-limit';
export type { ErrorEnvelope } from './errors';
export type { OddRecordKind } from './odd-records';
export { WALMART_CARRIERS } from './shipping';

export interface WalmartSandboxOptions {
  clock?: SimClock;
  /** Seller accounts (default: `defaultWalmartAccounts(clock.now())`). */
  accounts?: WalmartAccount[];
  /** Per-operation throttling overrides. */
  rateLimits?: Partial<Record<WalmartOperation, RateLimit>>;
  /** The envelope of every error response (default `native`: services `errors`, gateway `error`). */
  errorEnvelope?: ErrorEnvelope;
}

interface CallContext {
  account: WalmartAccount;
  book: OrderBook;
  now: number;
}

type ApiHandler = (req: Request, call: CallContext, url: URL, params: Record<string, string>) => Response | Promise<Response>;

export class WalmartSandbox extends SandboxService {
  readonly name = 'walmart';
  readonly accounts: WalmartAccount[];
  private readonly tokens: TokenStore;
  private readonly books = new Map<string, OrderBook>();
  private readonly limiter: RateLimiter;
  private readonly cursors = new CursorCache();
  private readonly router = new Router();
  /** Knob: the envelope every error response uses (tests switch it between requests). */
  errorEnvelope: ErrorEnvelope;
  /** Knob: listings (by SKU) rendered with an odd shape, as one real seller's odd record. */
  readonly oddItems = new Map<string, OddRecordKind>();

  constructor(opts: WalmartSandboxOptions = {}) {
    super(opts.clock);
    this.errorEnvelope = opts.errorEnvelope ?? 'native';
    this.accounts = opts.accounts ?? defaultWalmartAccounts(this.clock.now());
    this.tokens = new TokenStore(this.accounts);
    for (const a of this.accounts) this.books.set(a.clientId, new OrderBook(a));
    this.limiter = new RateLimiter({ ...DEFAULT_RATE_LIMITS, ...opts.rateLimits });

    const orders = (c: CallContext): OrdersContext => ({ book: c.book, now: c.now, cursors: this.cursors });
    this.router
      .add('POST', '/v3/token', (req) => this.tokens.tokenEndpoint(req, this.clock.now()))
      .add('GET', '/v3/orders', this.api('getAllOrders', (_r, c, url) => listOrders(orders(c), url, 'getAllOrders')))
      .add('GET', '/v3/orders/released', this.api('getAllReleasedOrders', (_r, c, url) => listOrders(orders(c), url, 'getAllReleasedOrders')))
      .add('GET', '/v3/orders/{purchaseOrderId}', this.api('getAnOrder', (_r, c, url, p) => getOrder(orders(c), url, p.purchaseOrderId)))
      .add('POST', '/v3/orders/{purchaseOrderId}/acknowledge', this.api('acknowledgeOrders', (_r, c, _u, p) => acknowledgeOrder(orders(c), p.purchaseOrderId)))
      .add('POST', '/v3/orders/{purchaseOrderId}/shipping', this.api('shippingUpdates', (r, c, _u, p) => shipOrderLines(c.book, c.now, p.purchaseOrderId, r)))
      .add('GET', '/v3/items', this.api('getAllItems', (_r, c, url) => listItems(c.account, url, this.oddItems)))
      .add('GET', '/v3/inventory', this.api('getInventory', (_r, c, url) => getInventory(c.account, url)))
      .add('GET', '/v3/inventories', this.api('getMultiNodeInventories', (_r, c, url) => listInventories(c.account, url)));
  }

  /** The seller's order book (tests inspect the overlay through it). */
  book(clientId: string): OrderBook {
    const b = this.books.get(clientId);
    if (!b) throw new Error(`no Walmart account with client id ${clientId}`);
    return b;
  }

  async handle(req: Request): Promise<Response> {
    return rewrapError(await this.route(req), this.errorEnvelope);
  }

  private async route(req: Request): Promise<Response> {
    const res = await this.router.handle(req);
    if (res === null) {
      return serviceError(404, wmError('URI_NOT_FOUND.GMP_GATEWAY_API', `No resource found for ${new URL(req.url).pathname}`));
    }
    if (res.status === 405 && !res.body) {
      return serviceError(405, wmError('METHOD_NOT_ALLOWED.GMP_GATEWAY_API', `Method ${req.method} is not allowed for ${new URL(req.url).pathname}`));
    }
    return res;
  }

  faultResponse(kind: FaultKind): Response {
    if (kind === 'rate_limited') {
      const now = this.clock.now();
      return throttled({ 'X-Current-Token-Count': '0', 'X-Next-Replenishment-Time': String(now + 1000) }, this.errorEnvelope);
    }
    if (kind === 'server_error') return systemError(this.errorEnvelope);
    // "If an API call cannot reach the Walmart gateway, a basic HTTP error code (such as 503
    // Service Unavailable) is returned" — no Walmart error object.
    return new Response('Service Unavailable', { status: 503, headers: { 'content-type': 'text/plain' } });
  }

  protected isFaultExempt(path: string): boolean {
    return path === '/v3/token';
  }

  /** Wraps a business operation: required headers, token, throttling and its headers. */
  private api(op: WalmartOperation, handler: ApiHandler) {
    return async (req: Request, ctx: { params: Record<string, string>; url: URL }): Promise<Response> => {
      const problem = checkRequiredHeaders(req) ?? checkAccept(req);
      if (problem) return problem;
      const now = this.clock.now();
      const account = this.tokens.authenticate(req, now, this.faults.expireTokens === true);
      if (account instanceof Response) return account;
      const quota = this.limiter.take(account.clientId, op, now);
      if (!quota.allowed) return throttled(quota.headers);
      const res = await handler(req, { account, book: this.book(account.clientId), now }, ctx.url, ctx.params);
      for (const [k, v] of Object.entries(quota.headers)) res.headers.set(k, v);
      return res;
    };
  }
}
