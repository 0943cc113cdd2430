// eBay OAuth 2.0 (marketplace-apis.md §3.2): the consent URL and code exchange the Accounts page
// uses, and the user access token the connector mints from the stored refresh token.
// Access tokens live 2 h; refreshes cost from a 50,000/day application quota, so a token is
// cached (in a process-wide cache, keyed by a hash, shared by every connector instance of the
// same account) until shortly before expiry, and concurrent callers share one refresh.
import { createHash } from 'node:crypto';
import { MarketplaceError, callJson, type RateLimits, type Timer } from '@/lib/marketplaces/http';
import { ebayBucket } from './limits';
import { EBAY_CONNECTOR_SCOPES } from './scopes';
import { TokenResponse, describeEbayError, parseWire } from './wire';

export interface EbayApp {
  clientId: string;
  clientSecret: string;
}

const TOKEN_PATH = '/identity/v1/oauth2/token';
/** Refresh this long before eBay's expiry so a token never dies between check and use. */
export const EXPIRY_MARGIN_MS = 5 * 60_000;

const trimSlash = (u: string) => u.replace(/\/+$/, '');
const basic = (app: EbayApp) => `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64')}`;

export interface AuthorizeUrlInput {
  /** https://auth.ebay.com (sandbox: https://auth.sandbox.ebay.com). */
  authBaseUrl: string;
  clientId: string;
  /** The RuName: eBay's redirect_uri is the name, not a URL. */
  ruName: string;
  /** CSRF token, echoed back on the redirect. */
  state: string;
  scopes?: readonly string[];
  /** Force the sign-in form even if the browser has an eBay session (reconnecting another account). */
  prompt?: 'login';
}

export function ebayAuthorizeUrl(i: AuthorizeUrlInput): string {
  const params: Array<[string, string]> = [
    ['client_id', i.clientId],
    ['redirect_uri', i.ruName],
    ['response_type', 'code'],
    ['scope', (i.scopes ?? EBAY_CONNECTOR_SCOPES).join(' ')],
    ['state', i.state],
  ];
  if (i.prompt) params.push(['prompt', i.prompt]);
  // encodeURIComponent, not URLSearchParams: eBay documents %20 between scopes, not '+'.
  return `${trimSlash(i.authBaseUrl)}/oauth2/authorize?${params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`;
}

export interface ExchangeCodeInput {
  apiBaseUrl: string;
  app: EbayApp;
  ruName: string;
  /** The `code` query parameter of the redirect to the RuName's accept URL. */
  code: string;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
  now?: () => number;
  limits?: RateLimits;
}

export interface EbayTokens {
  refreshToken: string;
  accessToken: string;
  expiresAt: Date;
  refreshTokenExpiresAt: Date | null;
}

/** Authorization code → tokens. A used, expired or foreign code is 'auth' (start the consent again). */
export async function exchangeEbayCode(i: ExchangeCodeInput): Promise<EbayTokens> {
  const operation = 'ebay.exchangeCode';
  const now = i.now ?? Date.now;
  const started = now();
  const res = await tokenCall(
    `${trimSlash(i.apiBaseUrl)}${TOKEN_PATH}`,
    i.app,
    new URLSearchParams({ grant_type: 'authorization_code', code: i.code, redirect_uri: i.ruName }),
    { operation, timeoutMs: i.timeoutMs, fetchImpl: i.fetchImpl, bucket: i.limits && ebayBucket(i.limits, i.app.clientId, 'oauthAuthorizationCode') },
  );
  const t = parseWire(TokenResponse, res, operation);
  if (!t.refresh_token) throw new MarketplaceError('malformed', `${operation}: no refresh token in the answer`, { operation });
  return {
    refreshToken: t.refresh_token,
    accessToken: t.access_token,
    expiresAt: new Date(started + t.expires_in * 1000),
    refreshTokenExpiresAt: t.refresh_token_expires_in ? new Date(started + t.refresh_token_expires_in * 1000) : null,
  };
}

interface TokenCallOptions {
  operation: string;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
  bucket?: ReturnType<typeof ebayBucket>;
  onCall?: () => void;
}

/** One POST to the token endpoint; OAuth grant/client/scope errors become 'auth' (reconnect). */
async function tokenCall(url: string, app: EbayApp, form: URLSearchParams, o: TokenCallOptions): Promise<unknown> {
  try {
    const { body } = await callJson(
      url,
      {
        method: 'POST',
        headers: { authorization: basic(app), 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
      },
      { operation: o.operation, timeoutMs: o.timeoutMs, fetchImpl: o.fetchImpl, bucket: o.bucket, onCall: o.onCall },
      describeEbayError,
    );
    return body;
  } catch (e) {
    if (e instanceof MarketplaceError && e.kind === 'permanent' && ['invalid_grant', 'invalid_client', 'invalid_scope'].includes(e.details.code ?? '')) {
      throw new MarketplaceError('auth', `${e.message}: the eBay account needs reconnecting`, e.details);
    }
    throw e;
  }
}

interface CachedToken {
  token: string;
  expiresAt: number;
}

/** Process-wide cache of user access tokens; keys are hashes, never the refresh token itself. */
export class EbayTokenCache {
  private readonly tokens = new Map<string, CachedToken>();
  private readonly pending = new Map<string, Promise<CachedToken>>();
  constructor(private readonly maxEntries = 10_000) {}

  get(key: string, now: number): string | undefined {
    const t = this.tokens.get(key);
    return t && t.expiresAt - EXPIRY_MARGIN_MS > now ? t.token : undefined;
  }

  /** Single flight: a refresh already under way for this key is joined, not repeated. */
  async getOrRefresh(key: string, now: number, refresh: () => Promise<CachedToken>): Promise<string> {
    const hit = this.get(key, now);
    if (hit) return hit;
    let p = this.pending.get(key);
    if (!p) {
      p = refresh().then(
        (t) => {
          if (this.tokens.size >= this.maxEntries) this.tokens.delete(this.tokens.keys().next().value as string);
          this.tokens.set(key, t);
          return t;
        },
      ).finally(() => this.pending.delete(key));
      this.pending.set(key, p);
    }
    return (await p).token;
  }

  /** Forget a token eBay rejected (only if it is still the cached one: a newer one stays). */
  invalidate(key: string, token: string): void {
    if (this.tokens.get(key)?.token === token) this.tokens.delete(key);
  }

  clear(): void {
    this.tokens.clear();
  }
}

export const sharedEbayTokenCache = new EbayTokenCache();

export interface TokenSourceOptions {
  apiBaseUrl: string;
  app: EbayApp;
  refreshToken: string;
  scopes: readonly string[];
  limits: RateLimits;
  cache: EbayTokenCache;
  timer: Timer;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
  onCall: () => void;
}

export class EbayTokenSource {
  private readonly key: string;
  constructor(private readonly o: TokenSourceOptions) {
    this.key = createHash('sha256')
      .update([trimSlash(o.apiBaseUrl), o.app.clientId, o.refreshToken, [...o.scopes].sort().join(' ')].join('\n'))
      .digest('base64url');
  }

  get(): Promise<string> {
    return this.o.cache.getOrRefresh(this.key, this.o.timer.now(), () => this.refresh());
  }

  invalidate(token: string): void {
    this.o.cache.invalidate(this.key, token);
  }

  private async refresh(): Promise<CachedToken> {
    const operation = 'ebay.refreshToken';
    const started = this.o.timer.now();
    const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: this.o.refreshToken, scope: this.o.scopes.join(' ') });
    // No retry loop of its own: refreshes happen inside the API call's retries (not multiplied).
    const body = await tokenCall(`${trimSlash(this.o.apiBaseUrl)}${TOKEN_PATH}`, this.o.app, form, {
      operation,
      timeoutMs: this.o.timeoutMs,
      fetchImpl: this.o.fetchImpl,
      bucket: ebayBucket(this.o.limits, this.o.app.clientId, 'oauthRefreshToken'),
      onCall: this.o.onCall,
    });
    const t = parseWire(TokenResponse, body, operation);
    return { token: t.access_token, expiresAt: started + t.expires_in * 1000 };
  }
}

/** The scope every application token carries: enough for the Notification API's public keys. */
export const EBAY_APPLICATION_SCOPE = 'https://api.ebay.com/oauth/api_scope';

export interface ApplicationTokenOptions {
  apiBaseUrl: string;
  app: EbayApp;
  limits: RateLimits;
  cache?: EbayTokenCache;
  now?: () => number;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

/**
 * An application access token (client-credentials grant, §3.2), cached until shortly before its
 * 2 h expiry and minted by one caller at a time: eBay allows 1,000 such grants a day, and its own
 * notification SDK (which mints one per key lookup) would spend them on a busy day.
 */
export function ebayApplicationToken(o: ApplicationTokenOptions): () => Promise<string> {
  const cache = o.cache ?? sharedEbayTokenCache;
  const now = o.now ?? Date.now;
  const key = createHash('sha256').update(['application', trimSlash(o.apiBaseUrl), o.app.clientId, EBAY_APPLICATION_SCOPE].join('\n')).digest('base64url');
  return () =>
    cache.getOrRefresh(key, now(), async () => {
      const operation = 'ebay.applicationToken';
      const started = now();
      const body = await tokenCall(
        `${trimSlash(o.apiBaseUrl)}${TOKEN_PATH}`,
        o.app,
        new URLSearchParams({ grant_type: 'client_credentials', scope: EBAY_APPLICATION_SCOPE }),
        { operation, timeoutMs: o.timeoutMs, fetchImpl: o.fetchImpl, bucket: ebayBucket(o.limits, o.app.clientId, 'oauthClientCredentials') },
      );
      const t = parseWire(TokenResponse, body, operation);
      return { token: t.access_token, expiresAt: started + t.expires_in * 1000 };
    });
}
