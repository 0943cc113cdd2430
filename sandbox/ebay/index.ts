// eBay sandbox simulator: OAuth (consent page + token endpoint), Sell Fulfillment, Sell Inventory,
// Commerce Identity getUser and Notification getPublicKey behind one HTTP service, plus the signing
// keys its deletion-notification sender uses. Not app code.
import type { AccountProfile } from '@/sandbox/core/catalog';
import { SimClock } from '@/sandbox/core/clock';
import { Router, json } from '@/sandbox/core/router';
import { SandboxService, type FaultKind } from '@/sandbox/core/service';
import { controlRoutes } from './control';
import { DeletionSender, type DeletionSenderOptions } from './deletion-sender';
import * as E from './errors';
import { fulfillmentRoutes, type Seller } from './fulfillment-api';
import { buyerIdentity, orderIdCodec, userIdFor, type EbayUserIdentity } from './ids';
import { inventoryRoutes } from './inventory-api';
import { NotificationKeys, notificationRoutes, type SigningKey } from './notification-api';
import { EbayOAuth, type EbayApp } from './oauth';
import { OrderIndex } from './order-index';
import { DailyQuotas, type QuotaName } from './quotas';
import { SCOPE, USER_SCOPES } from './scopes';

export type { EbayApp } from './oauth';
export type { EbayUserIdentity } from './ids';
export { SCOPE as EBAY_SCOPES } from './scopes';

// Sandbox-only credentials of the demo application and seller (never valid on eBay).
export const EBAY_SANDBOX_CLIENT_ID = 'EsmSandb-EcomStor-SBX-5a1f3c2e9-7b6d4e21';
export const EBAY_SANDBOX_CLIENT_SECRET = 'SBX-5a1f3c2e9b7d-sandbox-only-secret';
export const EBAY_SANDBOX_RUNAME = 'Ecom_Store_Mana-EsmSandb-EcomSt-sandbox';
export const EBAY_SANDBOX_ACCEPT_URL = 'http://localhost:3000/api/oauth/ebay/callback';
export const EBAY_SANDBOX_SELLER_USERNAME = 'esm_sandbox_seller';
export const EBAY_SANDBOX_SELLER_PASSWORD = 'sandbox-only-password';
/** For the app's account-deletion endpoint (eBay's rule: 32-80 chars of [A-Za-z0-9_-]). */
export const EBAY_SANDBOX_VERIFICATION_TOKEN = 'esm_sandbox_only_verification_token_0001';

export interface EbaySellerAccount {
  /** The seller's eBay user ID (sign-in name, `sellerId` on orders). */
  username: string;
  password: string;
  /** Immutable user id; derived from the username when omitted. */
  userId?: string;
  profile: AccountProfile;
}

export interface EbaySandboxOptions {
  clock?: SimClock;
  accounts?: EbaySellerAccount[];
  /** Registered applications (keysets + RuName); defaults to the demo app. */
  apps?: EbayApp[];
  /** Override eBay's daily call limits (e.g. a tiny one to test 429 handling). */
  dailyLimits?: Partial<Record<QuotaName, number>>;
  /** Key notifications are signed with; generated when omitted. */
  signingKey?: SigningKey;
  /** eBay's 2025 change for some developers: buyer.username carries the immutable user id. */
  buyerUsernameIsUserId?: boolean;
}

const DAY = 86_400_000;

export function demoEbayApp(acceptUrl: string = EBAY_SANDBOX_ACCEPT_URL): EbayApp {
  return {
    name: 'Ecom Store Manager (sandbox)',
    clientId: EBAY_SANDBOX_CLIENT_ID,
    clientSecret: EBAY_SANDBOX_CLIENT_SECRET,
    ruName: EBAY_SANDBOX_RUNAME,
    acceptUrl,
  };
}

/** The embedded default's seller: one order every 90 minutes since the UTC day 30 days ago. */
export function defaultEbayAccounts(now: number): EbaySellerAccount[] {
  const start = new Date(now - 30 * DAY);
  return [
    {
      username: EBAY_SANDBOX_SELLER_USERNAME,
      password: EBAY_SANDBOX_SELLER_PASSWORD,
      profile: {
        seed: 'ebay-demo-seller',
        epochMs: Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()),
        intervalMs: 90 * 60_000,
      },
    },
  ];
}

interface SellerRecord extends Seller {
  userId: string;
  password: string;
}

export class EbaySandbox extends SandboxService {
  readonly name = 'ebay';
  readonly oauth: EbayOAuth;
  readonly quotas: DailyQuotas;
  readonly keys: NotificationKeys;
  private readonly sellers = new Map<string, SellerRecord>();
  private readonly router = new Router();
  private fulfillmentSeq = 1000;
  buyerUsernameIsUserId: boolean;

  constructor(opts: EbaySandboxOptions = {}) {
    super(opts.clock ?? new SimClock());
    this.quotas = new DailyQuotas(this.clock, opts.dailyLimits);
    this.keys = new NotificationKeys(opts.signingKey);
    this.buyerUsernameIsUserId = opts.buyerUsernameIsUserId ?? false;
    for (const a of opts.accounts ?? defaultEbayAccounts(this.clock.now())) this.addAccount(a);
    this.oauth = new EbayOAuth(this.clock, opts.apps ?? [demoEbayApp()], () => [...this.sellers.values()], this.quotas);

    this.router.add('GET', '/oauth2/authorize', (_req, { url }) => this.oauth.authorize(url));
    this.router.add('POST', '/oauth2/consent', (req) => this.oauth.consent(req));
    this.router.add('POST', '/identity/v1/oauth2/token', (req) => this.oauth.token(req));
    fulfillmentRoutes(this.router, {
      now: () => this.clock.now(),
      guard: (req, scopes) => this.guardUser(req, scopes, 'fulfillment'),
      buyerUsernameIsUserId: () => this.buyerUsernameIsUserId,
      nextFulfillmentId: () => String(this.fulfillmentSeq++),
    });
    inventoryRoutes(this.router, { guard: (req, scopes) => this.guardUser(req, scopes, 'inventory') });
    notificationRoutes(this.router, { keys: this.keys, guard: (req, scopes) => this.guardApp(req, scopes, 'notification') });
    this.router.add('GET', '/commerce/identity/v1/user', (req) => {
      const g = this.guardUser(req, [SCOPE.identity], 'identity');
      if (!g.ok) return g.response;
      const s = g.seller as SellerRecord;
      return json({ userId: s.userId, username: s.username, accountType: 'BUSINESS', registrationMarketplaceId: 'EBAY_US', status: 'CONFIRMED' });
    });
    controlRoutes(this.router, {
      sender: (verificationToken) => this.deletionSender(verificationToken ? { verificationToken } : {}),
      buyerOf: (username, orderId) => this.buyerOf(username, orderId),
    });
  }

  addAccount(a: EbaySellerAccount): void {
    this.sellers.set(a.username, {
      username: a.username,
      password: a.password,
      userId: a.userId ?? userIdFor(a.username),
      seed: a.profile.seed,
      orders: new OrderIndex(a.profile, orderIdCodec(a.profile.seed)),
    });
  }

  async handle(req: Request): Promise<Response> {
    return (await this.router.handle(req)) ?? E.resourceNotResolved();
  }

  faultResponse(kind: FaultKind): Response {
    if (kind === 'rate_limited') return E.tooManyRequests();
    return E.internalError(kind === 'unavailable' ? 503 : 500);
  }

  protected isFaultExempt(path: string): boolean {
    return path.startsWith('/identity/v1/oauth2/') || path.startsWith('/oauth2/') || path.startsWith('/__ebay/');
  }

  /** The eBay order id of an account's order `index`. */
  orderId(username: string, index: number): string {
    return this.seller(username).orders.codec.encode(index);
  }

  /** Who bought an order: the identifiers an account-deletion notification carries. */
  buyerOf(username: string, orderId: string): EbayUserIdentity {
    const s = this.seller(username);
    const state = s.orders.find(orderId, this.clock.now());
    if (!state) throw new Error(`no order ${orderId} on ${username}`);
    return buyerIdentity(s.seed, state.sim.index, state.sim.buyer);
  }

  /** Test shortcut for the consent + code exchange: a user access token and refresh token. */
  issueUserTokens(username: string = EBAY_SANDBOX_SELLER_USERNAME, scopes: string[] = [...USER_SCOPES], clientId = EBAY_SANDBOX_CLIENT_ID) {
    this.seller(username);
    return this.oauth.issueUserTokens(clientId, username, scopes);
  }

  /** A sender of signed MARKETPLACE_ACCOUNT_DELETION notifications using this sandbox's current key. */
  deletionSender(opts: Omit<DeletionSenderOptions, 'signer'> = {}): DeletionSender {
    return new DeletionSender({ clock: this.clock, ...opts, signer: () => this.keys.signing });
  }

  private seller(username: string): SellerRecord {
    const s = this.sellers.get(username);
    if (!s) throw new Error(`unknown eBay sandbox seller ${username}`);
    return s;
  }

  private guardUser(req: Request, scopes: readonly string[], quota: QuotaName): { ok: true; seller: Seller } | { ok: false; response: Response } {
    const a = this.oauth.authenticate(req, 'user', scopes, this.faults.expireTokens);
    if (!a.ok) return a;
    const seller = this.sellers.get(a.token.username ?? '');
    if (!seller) return { ok: false, response: E.invalidToken() };
    if (!this.quotas.take(a.token.clientId, quota)) return { ok: false, response: E.tooManyRequests() };
    return { ok: true, seller };
  }

  private guardApp(req: Request, scopes: readonly string[], quota: QuotaName): { ok: true } | { ok: false; response: Response } {
    const a = this.oauth.authenticate(req, 'application', scopes, this.faults.expireTokens);
    if (!a.ok) return a;
    if (!this.quotas.take(a.token.clientId, quota)) return { ok: false, response: E.tooManyRequests() };
    return { ok: true };
  }
}
