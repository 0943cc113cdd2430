// Amazon Selling Partner API simulator: Login with Amazon (api.amazon.com), the Seller Central
// consent page (sellercentral.amazon.com) and SP-API (sellingpartnerapi-na.amazon.com) in one
// HTTP service. Requests are routed on the Host header when it names an Amazon host (how
// amazon-sp-api arrives through amazonProxyAgent) and on the path otherwise (plain fetch).
import { SimClock } from '@/sandbox/core/clock';
import { Router, type RouteContext } from '@/sandbox/core/router';
import { SandboxService, type FaultKind } from '@/sandbox/core/service';
import { defaultAmazonAccounts, defaultAmazonApps, type AmazonAccount, type AmazonApp } from './accounts';
import { confirmShipment } from './confirmShipment';
import { ConsentPages } from './consent';
import { rdtResource, type AmazonWorld, type SpRoute } from './context';
import { getOrders } from './getOrders';
import { DENIED, QUOTA_EXCEEDED, spError, TOKEN_EXPIRED, TOKEN_INVALID, TOKEN_MISSING } from './http';
import { getListingsItem, searchListingsItems } from './listings';
import { handleLwaToken } from './lwa';
import { getOrder2026, searchOrders2026 } from './orders2026';
import { getOrder, getOrderAddress, getOrderBuyerInfo, getOrderItems } from './ordersV0';
import { OverlayStore } from './orderState';
import { RateLimiter, USAGE_PLANS } from './ratelimit';
import { createRestrictedDataToken } from './restrictedDataToken';
import { TokenStore } from './tokens';

export * from './accounts';
export { amazonProxyAgent, AmazonSandboxAgent } from './agent';
export { AMAZON_CARRIER_CODES } from './confirmShipment';
export { parseOrderId, orderIdFor } from './ids';

export interface AmazonSandboxOptions {
  clock?: SimClock;
  accounts?: AmazonAccount[];
  apps?: AmazonApp[];
  orderItemsPageSize?: number;
}

const ORDER = '/orders/v0/orders/{orderId}';
const ROUTES: SpRoute[] = [
  { op: 'getOrders', method: 'GET', pattern: '/orders/v0/orders', access: 'lwa-or-rdt', handle: getOrders },
  { op: 'getOrder', method: 'GET', pattern: ORDER, access: 'lwa-or-rdt', handle: getOrder },
  { op: 'getOrderItems', method: 'GET', pattern: `${ORDER}/orderItems`, access: 'lwa-or-rdt', handle: getOrderItems },
  { op: 'getOrderAddress', method: 'GET', pattern: `${ORDER}/address`, access: 'rdt', handle: getOrderAddress },
  { op: 'getOrderBuyerInfo', method: 'GET', pattern: `${ORDER}/buyerInfo`, access: 'rdt', handle: getOrderBuyerInfo },
  { op: 'confirmShipment', method: 'POST', pattern: `${ORDER}/shipmentConfirmation`, access: 'lwa', handle: confirmShipment },
  { op: 'createRestrictedDataToken', method: 'POST', pattern: '/tokens/2021-03-01/restrictedDataToken', access: 'lwa', handle: createRestrictedDataToken },
  { op: 'searchOrders', method: 'GET', pattern: '/orders/2026-01-01/orders', access: 'lwa', handle: searchOrders2026 },
  { op: 'getOrder20260101', method: 'GET', pattern: '/orders/2026-01-01/orders/{orderId}', access: 'lwa', handle: getOrder2026 },
  { op: 'searchListingsItems', method: 'GET', pattern: '/listings/2021-08-01/items/{sellerId}', access: 'lwa', handle: searchListingsItems },
  { op: 'getListingsItem', method: 'GET', pattern: '/listings/2021-08-01/items/{sellerId}/{sku}', access: 'lwa', handle: getListingsItem },
];

const LWA_PATH = '/auth/o2/token';
const SP_HOST = /^(sandbox\.)?sellingpartnerapi-(na|eu|fe)\.amazon\.com$/;

export class AmazonSandbox extends SandboxService {
  readonly name = 'amazon';
  readonly world: AmazonWorld;
  readonly limiter: RateLimiter;
  private readonly consent: ConsentPages;
  private readonly sp = new Router();
  private faultPath = '';

  constructor(opts: AmazonSandboxOptions = {}) {
    super(opts.clock ?? new SimClock());
    const tokens = new TokenStore(this.clock);
    const accounts = opts.accounts ?? defaultAmazonAccounts(this.clock.now());
    for (const a of accounts) for (const [t, client] of Object.entries(a.refreshTokens ?? {})) tokens.addRefreshToken(t, client, a.sellingPartnerId);
    this.world = {
      clock: this.clock,
      accounts,
      apps: opts.apps ?? defaultAmazonApps(),
      tokens,
      overlays: new OverlayStore(),
      orderItemsPageSize: opts.orderItemsPageSize ?? 100,
      quirks: { emptyNextToken: false, cancellationRequested: new Set(), droppedConfirmations: 0 },
    };
    this.limiter = new RateLimiter(this.clock);
    this.consent = new ConsentPages(this.clock, () => this.world.apps, () => this.world.accounts, tokens);
    for (const r of ROUTES) this.sp.add(r.method, r.pattern, (req, ctx) => this.callOperation(r, req, ctx));
  }

  async handle(req: Request): Promise<Response> {
    const url = new URL(req.url);
    const host = url.hostname.toLowerCase();
    const path = url.pathname;
    const isLwa = path === LWA_PATH;
    const isConsent = path.startsWith('/apps/authorize/');
    if ((host === 'api.amazon.com' && !isLwa) || (host === 'sellercentral.amazon.com' && !isConsent) || (SP_HOST.test(host) && (isLwa || isConsent))) {
      return new Response('Not Found', { status: 404, headers: { 'content-type': 'text/plain' } });
    }
    if (isLwa) {
      return handleLwaToken(req, this.world.apps, this.world.tokens, (id) => this.world.accounts.some((a) => a.sellingPartnerId === id));
    }
    if (path === '/apps/authorize/consent' && req.method === 'GET') return this.consent.show(url);
    if (path === '/apps/authorize/confirm') return this.consent.confirm(req);
    const res = await this.sp.handle(req);
    if (!res) return spError(404, { code: 'NotFound', message: 'The requested resource was not found.', details: path });
    if (res.status === 405 && !res.body) return spError(405, { code: 'MethodNotAllowed', message: `${req.method} is not supported on ${path}.` });
    return res;
  }

  private async callOperation(route: SpRoute, req: Request, rc: RouteContext): Promise<Response> {
    const plan = USAGE_PLANS[route.op];
    const rate = plan.rate;
    const denied = (details: string) => spError(403, { code: 'Unauthorized', message: DENIED, details }, rate);
    const token = req.headers.get('x-amz-access-token');
    if (!token) return denied(TOKEN_MISSING);
    const resolved = this.world.tokens.resolve(token);
    if (resolved.status === 'invalid') return denied(TOKEN_INVALID);
    if (resolved.status === 'expired' || (this.faults.expireTokens && resolved.grant.kind === 'lwa')) return denied(TOKEN_EXPIRED);
    const grant = resolved.grant;
    if (grant.kind === 'grantless') return denied('');
    if (grant.kind === 'rdt') {
      // An RDT opens exactly the restricted resources it was created for, nothing else.
      if (route.access === 'lwa' || !rdtResource(grant, req.method, rc.url.pathname)) return denied('');
    } else if (route.access === 'rdt') return denied('');
    const account = this.world.accounts.find((a) => a.sellingPartnerId === grant.sellerId);
    if (!account) return denied(TOKEN_INVALID);
    if (!this.limiter.take(`${grant.clientId}|${account.sellingPartnerId}|${route.op}`, plan)) return spError(429, QUOTA_EXCEEDED, rate);
    return route.handle({ world: this.world, req, url: rc.url, params: rc.params, account, grant, now: this.clock.now(), rate });
  }

  protected override isFaultExempt(path: string): boolean {
    return path === LWA_PATH || path.startsWith('/apps/authorize/');
  }

  // The server asks faultApplies(path) right before faultResponse(kind); remembering the path lets
  // an injected fault carry the operation's x-amzn-RateLimit-Limit like every other answer.
  override faultApplies(path: string): boolean {
    this.faultPath = path;
    return super.faultApplies(path);
  }

  faultResponse(kind: FaultKind): Response {
    const route = ROUTES.find((r) => new RegExp(`^${r.pattern.replace(/\{\w+\}/g, '[^/]+')}/?$`).test(this.faultPath));
    const rate = route ? USAGE_PLANS[route.op].rate : undefined;
    if (kind === 'rate_limited') return spError(429, QUOTA_EXCEEDED, rate);
    if (kind === 'server_error') return spError(500, { code: 'InternalFailure', message: 'We encountered an internal error. Please try again.' }, rate);
    return spError(503, { code: 'ServiceUnavailable', message: 'Service temporarily unavailable. Please try again later.' }, rate);
  }
}
