import 'server-only';
// Connecting an account from what a person supplies: pasted credentials (Walmart, an Amazon
// private app's refresh token) or an authorization code from a consent redirect (Amazon, eBay).
// The order is always the same: role check, code exchange if any, a real call that proves the
// credentials and names the seller, then saveConnection. Nothing is saved before the proof.
import { and, eq } from 'drizzle-orm';
import { serviceDatabase } from '@/lib/db';
import type { Db } from '@/lib/db/connect';
import { marketplaceAccounts } from '@/lib/db/schema';
import { hasRole, roleIn } from '@/lib/orgs/roles';
import { type Marketplace } from '@/lib/model';
import { config, type EncryptionKey, type MarketplaceConfig } from '@/lib/env';
import { log } from '@/lib/log';
import { MarketplaceError, withRetries, type RateLimits } from '@/lib/marketplaces/http';
import { exchangeEbayCode } from '@/lib/marketplaces/ebay';
import { buildConnector } from '@/lib/marketplaces/registry';
import { processRateLimits } from '@/lib/sync/connectors';
import { exchangeAmazonCode } from '@/lib/marketplaces/amazon/oauth';
import { saveConnection } from './connect';
import type { AccountCredentials } from './credentials';
import type { OAuthMarketplace } from './oauth-state';

export interface ConnectDeps {
  db: Db;
  keys: EncryptionKey[];
  marketplaces: MarketplaceConfig;
  limits: RateLimits;
  /** The app's public URL: the OAuth redirect URIs hang off it. */
  appUrl: string;
}

/**
 * The running app's database, keys, marketplace configuration and shared rate-limit buckets. The
 * database is the service path: credentials are out of the person's reach, so the role is checked here.
 */
export async function appConnectDeps(): Promise<ConnectDeps> {
  const cfg = config();
  return { db: await serviceDatabase('connect-account'), keys: cfg.encryptionKeys, marketplaces: cfg.marketplaces, limits: processRateLimits(), appUrl: cfg.appUrl };
}

export type ConnectError =
  | 'forbidden'
  | 'not_found'
  | 'wrong_account'
  | 'not_configured'
  /** The marketplace refused the credentials. */
  | 'refused'
  /** The authorization code was refused (used, expired, or for another app). */
  | 'code_rejected'
  /** Timeouts, 429s and 5xx after retries, network errors. */
  | 'unreachable'
  /** Any other answer that stopped the check (malformed, unexpected 4xx). */
  | 'marketplace_error';

export type ConnectOutcome =
  | { ok: true; accountId: string; reconnected: boolean; displayName: string; sharedSeller: boolean }
  | { ok: false; error: ConnectError };

export interface Actor {
  orgId: string;
  userId: string;
  /** Reconnecting this account (same marketplace, same seller). */
  accountId?: string | null;
}

export function oauthRedirectUri(appUrl: string, m: OAuthMarketplace): string {
  return `${appUrl.replace(/\/+$/, '')}/api/oauth/${m}/callback`;
}

export function isConfigured(m: MarketplaceConfig, marketplace: Marketplace): boolean {
  return marketplace === 'walmart' || m[marketplace].app !== null;
}

const fail = (error: ConnectError) => ({ ok: false, error }) as const;

/** Role and target checks before any marketplace call (saveConnection checks the role again). */
async function precheck(db: Db, marketplace: Marketplace, a: Actor): Promise<ConnectError | null> {
  if (!hasRole(await roleIn(db, a.orgId, a.userId), 'admin')) return 'forbidden';
  if (a.accountId) {
    const [acct] = await db
      .select({ marketplace: marketplaceAccounts.marketplace })
      .from(marketplaceAccounts)
      .where(and(eq(marketplaceAccounts.id, a.accountId), eq(marketplaceAccounts.orgId, a.orgId)));
    if (!acct || acct.marketplace !== marketplace) return 'not_found';
  }
  return null;
}

function classify(e: unknown, marketplace: Marketplace, step: string, authMeans: ConnectError): ConnectError {
  if (e instanceof MarketplaceError) {
    log.warn({ marketplace, step, err: { kind: e.kind, message: e.message } }, 'account connection check failed');
    if (e.kind === 'auth') return authMeans;
    return e.retryable ? 'unreachable' : 'marketplace_error';
  }
  // Not a classified marketplace answer: log the type only, tell the person it did not work.
  log.error({ marketplace, step, err: { name: (e as Error)?.name } }, 'account connection failed unexpectedly');
  return 'marketplace_error';
}

async function verifyAndSave(deps: ConnectDeps, marketplace: Marketplace, a: Actor, credentials: AccountCredentials): Promise<ConnectOutcome> {
  let identity;
  try {
    identity = await buildConnector(marketplace, credentials, { marketplaces: deps.marketplaces, limits: deps.limits }).verify();
  } catch (e) {
    return fail(classify(e, marketplace, 'verify', 'refused'));
  }
  const saved = await saveConnection(deps.db, deps.keys, {
    orgId: a.orgId,
    userId: a.userId,
    marketplace,
    identity,
    credentials,
    accountId: a.accountId ?? undefined,
  });
  if (!saved.ok) return fail(saved.reason);
  return { ok: true, accountId: saved.accountId, reconnected: saved.reconnected, displayName: identity.displayName, sharedSeller: saved.sharedSeller };
}

/** Walmart client credentials, or an Amazon private app's refresh token, pasted by an admin. */
export async function connectWithCredentials(
  deps: ConnectDeps,
  a: Actor & { marketplace: Marketplace; credentials: AccountCredentials },
): Promise<ConnectOutcome> {
  if (!isConfigured(deps.marketplaces, a.marketplace)) return fail('not_configured');
  const denied = await precheck(deps.db, a.marketplace, a);
  if (denied) return fail(denied);
  return verifyAndSave(deps, a.marketplace, a, a.credentials);
}

/** Amazon's callback: spapi_oauth_code → refresh token, for the selling partner that consented. */
export async function connectAmazonAuthorization(
  deps: ConnectDeps,
  a: Actor & { code: string; sellingPartnerId: string },
): Promise<ConnectOutcome> {
  const app = deps.marketplaces.amazon.app;
  if (!app) return fail('not_configured');
  const denied = await precheck(deps.db, 'amazon', a);
  if (denied) return fail(denied);
  let refreshToken: string;
  try {
    ({ refreshToken } = await exchangeAmazonCode({
      lwaBaseUrl: deps.marketplaces.amazon.endpointOverride ?? undefined,
      app,
      code: a.code,
      redirectUri: oauthRedirectUri(deps.appUrl, 'amazon'),
    }));
  } catch (e) {
    return fail(classify(e, 'amazon', 'exchange', 'code_rejected'));
  }
  return verifyAndSave(deps, 'amazon', a, { refreshToken, sellingPartnerId: a.sellingPartnerId });
}

/** eBay's callback: the authorization code → the seller's refresh token. */
export async function connectEbayAuthorization(deps: ConnectDeps, a: Actor & { code: string }): Promise<ConnectOutcome> {
  const app = deps.marketplaces.ebay.app;
  if (!app) return fail('not_configured');
  const denied = await precheck(deps.db, 'ebay', a);
  if (denied) return fail(denied);
  let refreshToken: string;
  try {
    ({ refreshToken } = await withRetries(() =>
      exchangeEbayCode({
        apiBaseUrl: deps.marketplaces.ebay.apiBaseUrl,
        app: { clientId: app.clientId, clientSecret: app.clientSecret },
        ruName: app.ruName,
        code: a.code,
        limits: deps.limits,
      }),
    ));
  } catch (e) {
    return fail(classify(e, 'ebay', 'exchange', 'code_rejected'));
  }
  return verifyAndSave(deps, 'ebay', a, { refreshToken });
}
