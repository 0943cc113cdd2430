// Login with Amazon access tokens, shared by every connector instance in the process that holds
// the same app credentials and refresh token: cached until five minutes before `expires_in` runs
// out, single-flight (concurrent callers wait for one token request), dropped when SP-API says it
// expired. The amazon-sp-api SDK gets the token as `access_token` and never asks LWA itself
// (its own refresh has no TTL, no single-flight and no loop guard).
import { createHash } from 'node:crypto';
import { callJson, MarketplaceError, realTimer, type Timer } from '@/lib/marketplaces/http';
import { lwaTokenResponse } from './wire';

export const LWA_URL = 'https://api.amazon.com/auth/o2/token';
const OPERATION = 'amazon.lwaToken';
/** Refresh this long before the token's stated expiry. */
const EARLY_MS = 5 * 60_000;
/** LWA errors that mean "these credentials do not work" (LWAExceptionErrorCode), not "retry". */
const AUTH_CODES = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client', 'access_denied']);

export interface LwaCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

interface Entry {
  token: string | null;
  expiresAt: number;
  inflight: Promise<string> | null;
}

// Per timer: tokens cached under a simulated clock must not leak into real time, and vice versa.
const caches = new WeakMap<Timer, Map<string, Entry>>();

export interface LwaOptions {
  url?: string;
  credentials: LwaCredentials;
  timer?: Timer;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

export class LwaTokens {
  private readonly url: string;
  private readonly timer: Timer;
  private readonly entry: Entry;
  /** Token requests this instance actually sent (the shared cache answers the rest). */
  requests = 0;

  constructor(private readonly opts: LwaOptions) {
    this.url = opts.url ?? LWA_URL;
    this.timer = opts.timer ?? realTimer;
    const c = opts.credentials;
    // The secret is part of the key: a wrong secret must not ride on a token won with the right one.
    const key = createHash('sha256').update(JSON.stringify([this.url, c.clientId, c.clientSecret, c.refreshToken])).digest('hex');
    let cache = caches.get(this.timer);
    if (!cache) caches.set(this.timer, (cache = new Map()));
    let entry = cache.get(key);
    if (!entry) cache.set(key, (entry = { token: null, expiresAt: 0, inflight: null }));
    this.entry = entry;
  }

  async get(): Promise<string> {
    const e = this.entry;
    if (e.token && this.timer.now() < e.expiresAt) return e.token;
    if (!e.inflight) {
      e.inflight = this.request().finally(() => {
        e.inflight = null;
      });
    }
    return e.inflight;
  }

  /** SP-API said this token expired: forget it unless someone already replaced it. */
  invalidate(token: string): void {
    if (this.entry.token === token) {
      this.entry.token = null;
      this.entry.expiresAt = 0;
    }
  }

  private async request(): Promise<string> {
    const c = this.opts.credentials;
    this.requests++;
    let body: unknown;
    try {
      ({ body } = await callJson(
        this.url,
        {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8', accept: 'application/json' },
          body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: c.refreshToken, client_id: c.clientId, client_secret: c.clientSecret }).toString(),
        },
        { operation: OPERATION, timeoutMs: this.opts.timeoutMs, fetchImpl: this.opts.fetchImpl },
        (_status, b) => {
          const code = (b as { error?: unknown } | null)?.error;
          return typeof code === 'string' && /^[a-z_]{1,40}$/.test(code) ? code : undefined;
        },
      ));
    } catch (err) {
      if (err instanceof MarketplaceError && err.kind === 'permanent' && err.details.code && AUTH_CODES.has(err.details.code)) {
        throw new MarketplaceError('auth', err.message, err.details);
      }
      throw err;
    }
    const parsed = lwaTokenResponse.safeParse(body);
    if (!parsed.success) throw new MarketplaceError('malformed', `${OPERATION}: the token response did not match the expected shape`, { operation: OPERATION });
    const ttlMs = (parsed.data.expires_in ?? 3600) * 1000;
    this.entry.token = parsed.data.access_token;
    this.entry.expiresAt = this.timer.now() + Math.max(ttlMs - EARLY_MS, ttlMs / 2);
    return parsed.data.access_token;
  }
}
