// eBay OAuth 2.0: the consent page (authorization code grant with RuName), the token endpoint
// (authorization_code, refresh_token, client_credentials with Basic client auth) and bearer-token
// checks for the APIs. Lifetimes follow eBay: code 299 s single use, user/app access tokens 7200 s,
// refresh token 47,304,000 s (18 months). Everything expires on the SimClock.
import { randomBytes } from 'node:crypto';
import type { Clock } from '@/sandbox/core/clock';
import { json } from '@/sandbox/core/router';
import { consentPage } from './consent-page';
import * as E from './errors';
import type { DailyQuotas, QuotaName } from './quotas';
import { APPLICATION_SCOPES, USER_SCOPES, parseScopes } from './scopes';

export interface EbayApp {
  name?: string;
  clientId: string;
  clientSecret: string;
  /** eBay's "RuName": what clients pass as redirect_uri. */
  ruName: string;
  /** The RuName's "auth accepted URL" (the app's OAuth callback). */
  acceptUrl: string;
  /** The RuName's "auth declined URL"; defaults to the accept URL. */
  declineUrl?: string;
  /** Scopes granted to the keyset; defaults to every scope the simulator knows. */
  scopes?: string[];
}

export interface OAuthUser {
  username: string;
  password: string;
}

export interface AccessToken {
  kind: 'user' | 'application';
  clientId: string;
  username?: string;
  scopes: Set<string>;
  expiresAt: number;
}

interface Grant {
  clientId: string;
  ruName?: string;
  username: string;
  scopes: string[];
  expiresAt: number;
}

export const CODE_TTL_S = 299;
export const ACCESS_TTL_S = 7200;
export const REFRESH_TTL_S = 47_304_000;

const opaque = (prefix: string) => `${prefix}${randomBytes(48).toString('base64')}`;

export type AuthResult = { ok: true; token: AccessToken } | { ok: false; response: Response };

export class EbayOAuth {
  private readonly apps = new Map<string, EbayApp>();
  private readonly codes = new Map<string, Grant>();
  private readonly refreshTokens = new Map<string, Grant>();
  private readonly accessTokens = new Map<string, AccessToken>();

  constructor(
    private readonly clock: Clock,
    apps: EbayApp[],
    private readonly users: () => OAuthUser[],
    private readonly quotas: DailyQuotas,
  ) {
    for (const a of apps) this.registerApp(a);
  }

  registerApp(app: EbayApp): void {
    this.apps.set(app.clientId, app);
  }

  app(clientId: string): EbayApp | undefined {
    return this.apps.get(clientId);
  }

  /** GET /oauth2/authorize: eBay answers bad parameters with this JSON, not a redirect. */
  authorize(url: URL): Response {
    const p = url.searchParams;
    const app = this.apps.get(p.get('client_id') ?? '');
    if (!app || p.get('redirect_uri') !== app.ruName || p.get('response_type') !== 'code' || !p.get('scope')) {
      return badAuthorizeRequest('invalid_request', 'Input request parameters are invalid.');
    }
    const scopes = parseScopes(p.get('scope'));
    if (!this.scopesAllowed(app, scopes, USER_SCOPES)) {
      return badAuthorizeRequest('invalid_scope', 'The requested scope is invalid, unknown, malformed, or exceeds the scope granted to the client');
    }
    const first = this.users()[0];
    return consentPage({
      appName: app.name ?? app.clientId,
      clientId: app.clientId,
      ruName: app.ruName,
      scope: p.get('scope') ?? '',
      state: p.get('state'),
      scopes,
      username: first?.username ?? '',
      password: first?.password ?? '',
    });
  }

  /** POST /oauth2/consent: the form on the consent page. */
  async consent(req: Request): Promise<Response> {
    const form = new URLSearchParams(await req.text());
    const app = this.apps.get(form.get('client_id') ?? '');
    if (!app || form.get('redirect_uri') !== app.ruName) {
      return badAuthorizeRequest('invalid_request', 'Input request parameters are invalid.');
    }
    const scopes = parseScopes(form.get('scope'));
    if (!scopes.length || !this.scopesAllowed(app, scopes, USER_SCOPES)) {
      return badAuthorizeRequest('invalid_scope', 'The requested scope is invalid, unknown, malformed, or exceeds the scope granted to the client');
    }
    const state = form.get('state');
    if (form.get('decision') !== 'agree') {
      return redirect(app.declineUrl ?? app.acceptUrl, { ...(state !== null ? { state } : {}), error: 'access_denied' });
    }
    const username = form.get('username') ?? '';
    const user = this.users().find((u) => u.username === username && u.password === form.get('password'));
    if (!user) {
      return consentPage({
        appName: app.name ?? app.clientId,
        clientId: app.clientId,
        ruName: app.ruName,
        scope: form.get('scope') ?? '',
        state,
        scopes,
        username,
        password: '',
        error: 'Oops, that is not a match. Check your user ID and password.',
      });
    }
    const code = opaque('v^1.1#i^1#r^1#f^0#p^3#I^3#t^');
    this.codes.set(code, { clientId: app.clientId, ruName: app.ruName, username: user.username, scopes, expiresAt: this.clock.now() + CODE_TTL_S * 1000 });
    return redirect(app.acceptUrl, { ...(state !== null ? { state } : {}), code, expires_in: String(CODE_TTL_S) });
  }

  /** POST /identity/v1/oauth2/token */
  async token(req: Request): Promise<Response> {
    const app = this.clientFromBasic(req.headers.get('authorization'));
    if (!app) return E.OAUTH.invalidClient();
    if (!(req.headers.get('content-type') ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      return E.OAUTH.invalidRequest();
    }
    const form = new URLSearchParams(await req.text());
    const grant = form.get('grant_type');
    const quota: Record<string, QuotaName> = {
      authorization_code: 'oauth_authorization_code',
      refresh_token: 'oauth_refresh_token',
      client_credentials: 'oauth_client_credentials',
    };
    if (!grant) return E.OAUTH.invalidRequest();
    if (!quota[grant]) return E.OAUTH.unsupportedGrant();
    if (!this.quotas.take(app.clientId, quota[grant])) return E.tooManyRequests();
    const now = this.clock.now();
    this.prune(now);

    if (grant === 'authorization_code') {
      const code = form.get('code');
      if (!code || !form.get('redirect_uri')) return E.OAUTH.invalidRequest();
      const g = this.codes.get(code);
      // A code is single use: even a failed exchange burns it.
      this.codes.delete(code);
      if (!g || g.clientId !== app.clientId || g.expiresAt <= now || g.ruName !== form.get('redirect_uri')) {
        return E.OAUTH.invalidCode();
      }
      const refresh = opaque('v^1.1#i^1#p^3#r^1#f^0#I^3#t^Ul4x');
      this.refreshTokens.set(refresh, { ...g, expiresAt: now + REFRESH_TTL_S * 1000 });
      return json({
        access_token: this.mint('user', app.clientId, g.scopes, g.username),
        expires_in: ACCESS_TTL_S,
        refresh_token: refresh,
        refresh_token_expires_in: REFRESH_TTL_S,
        token_type: 'User Access Token',
      });
    }

    if (grant === 'refresh_token') {
      const rt = form.get('refresh_token');
      if (!rt) return E.OAUTH.invalidRequest();
      const g = this.refreshTokens.get(rt);
      if (!g || g.clientId !== app.clientId || g.expiresAt <= now) return E.OAUTH.invalidRefresh();
      const asked = parseScopes(form.get('scope'));
      // The scope list may repeat the consented scopes or narrow them, never widen them.
      if (asked.some((s) => !g.scopes.includes(s))) return E.OAUTH.invalidScope();
      const scopes = asked.length ? asked : g.scopes;
      return json({ access_token: this.mint('user', app.clientId, scopes, g.username), expires_in: ACCESS_TTL_S, token_type: 'User Access Token' });
    }

    const scopes = parseScopes(form.get('scope'));
    if (!scopes.length) return E.OAUTH.invalidRequest();
    if (!this.scopesAllowed(app, scopes, APPLICATION_SCOPES)) return E.OAUTH.invalidScope();
    return json({ access_token: this.mint('application', app.clientId, scopes), expires_in: ACCESS_TTL_S, token_type: 'Application Access Token' });
  }

  /**
   * Checks `Authorization: Bearer <token>` (any case of "bearer", as eBay's SDK sends lowercase).
   * `anyOf`: the token needs at least one of these scopes.
   */
  authenticate(req: Request, kind: AccessToken['kind'], anyOf: readonly string[], forceExpired = false): AuthResult {
    const header = req.headers.get('authorization');
    if (!header || !header.trim()) return { ok: false, response: E.missingToken() };
    const m = /^(\S+)\s+(.+)$/.exec(header.trim());
    if (!m) return { ok: false, response: E.invalidToken() };
    if (m[1].toLowerCase() !== 'bearer') return { ok: false, response: E.wrongTokenType(m[1]) };
    const token = this.accessTokens.get(m[2].trim());
    if (!token || forceExpired || token.expiresAt <= this.clock.now()) return { ok: false, response: E.invalidToken() };
    if (token.kind !== kind || !anyOf.some((s) => token.scopes.has(s))) return { ok: false, response: E.accessDenied() };
    return { ok: true, token };
  }

  /** Test shortcut: tokens for a user as if consent and code exchange had happened. */
  /** A refresh token known in advance: the embedded default's demo connection. */
  registerRefreshToken(refreshToken: string, clientId: string, username: string, scopes: string[]): void {
    this.refreshTokens.set(refreshToken, { clientId, username, scopes, expiresAt: this.clock.now() + REFRESH_TTL_S * 1000 });
  }

  issueUserTokens(clientId: string, username: string, scopes: string[]): { accessToken: string; refreshToken: string } {
    const refreshToken = opaque('v^1.1#i^1#p^3#r^1#f^0#I^3#t^Ul4x');
    this.refreshTokens.set(refreshToken, { clientId, username, scopes, expiresAt: this.clock.now() + REFRESH_TTL_S * 1000 });
    return { accessToken: this.mint('user', clientId, scopes, username), refreshToken };
  }

  private mint(kind: AccessToken['kind'], clientId: string, scopes: string[], username?: string): string {
    const token = opaque(kind === 'user' ? 'v^1.1#i^1#p^3#r^1#I^3#f^0#t^' : 'v^1.1#i^1#p^1#r^0#I^3#f^0#t^');
    this.accessTokens.set(token, { kind, clientId, username, scopes: new Set(scopes), expiresAt: this.clock.now() + ACCESS_TTL_S * 1000 });
    return token;
  }

  private scopesAllowed(app: EbayApp, scopes: string[], known: readonly string[]): boolean {
    const granted = app.scopes ?? USER_SCOPES;
    return scopes.length > 0 && scopes.every((s) => known.includes(s) && granted.includes(s));
  }

  private clientFromBasic(header: string | null): EbayApp | null {
    const m = /^basic\s+(\S+)$/i.exec(header?.trim() ?? '');
    if (!m) return null;
    const decoded = Buffer.from(m[1], 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    if (i < 0) return null;
    const app = this.apps.get(decoded.slice(0, i));
    return app && app.clientSecret === decoded.slice(i + 1) ? app : null;
  }

  /** Keeps the token maps bounded in long runs: expired entries are useless anyway. */
  private prune(now: number): void {
    if (this.accessTokens.size + this.codes.size < 5_000) return;
    for (const [k, t] of this.accessTokens) if (t.expiresAt <= now) this.accessTokens.delete(k);
    for (const [k, c] of this.codes) if (c.expiresAt <= now) this.codes.delete(k);
  }
}

function badAuthorizeRequest(errorId: string, description: string): Response {
  return json({ error_id: errorId, error_description: description, http_status_code: 400 }, 400);
}

function redirect(target: string, params: Record<string, string>): Response {
  const url = new URL(target);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return new Response(null, { status: 302, headers: { location: url.toString() } });
}
