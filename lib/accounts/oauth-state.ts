// The CSRF `state` of the Amazon and eBay consent redirects. The random value sent to the
// marketplace is kept, with who started the flow (user, organization, account being
// reconnected) and when it expires, in a signed httpOnly cookie. On return the cookie must be
// intact, unexpired, for the same marketplace and user, and hold exactly the state that came
// back: otherwise nothing is saved. Signing (not just httpOnly) stops a cookie planted by a
// sibling host from choosing the organization the account lands in.
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Marketplace } from '@/lib/model';
import type { EncryptionKey } from '@/lib/env';

/** Amazon's consent page and eBay's authorization code both live minutes, not hours. */
export const OAUTH_STATE_TTL_MS = 10 * 60_000;

export type OAuthMarketplace = Extract<Marketplace, 'amazon' | 'ebay'>;

export interface OAuthStart {
  marketplace: OAuthMarketplace;
  userId: string;
  orgId: string;
  /** Set when reconnecting: the seller who consents must be this account's seller. */
  accountId?: string | null;
}

interface Payload {
  v: 1;
  m: OAuthMarketplace;
  s: string;
  u: string;
  o: string;
  a: string | null;
  e: number;
}

export type StateCheck =
  | { ok: true; orgId: string; accountId: string | null }
  | { ok: false; reason: 'missing' | 'invalid' | 'expired' | 'wrong_user' };

export function oauthCookieName(m: OAuthMarketplace): string {
  return `esm-oauth-${m}`;
}

/** A key for this purpose only, derived from the first (current) credentials key. */
export function oauthStateKey(keys: readonly EncryptionKey[]): Buffer {
  if (!keys[0]) throw new Error('No encryption key configured');
  return Buffer.from(hkdfSync('sha256', keys[0].key, Buffer.alloc(0), 'esm oauth state v1', 32));
}

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');
const sign = (key: Buffer, body: string) => createHmac('sha256', key).update(body).digest();

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export function createOAuthState(key: Buffer, start: OAuthStart, now = Date.now()): { state: string; cookie: string; maxAgeSeconds: number } {
  const state = randomBytes(32).toString('base64url');
  const payload: Payload = { v: 1, m: start.marketplace, s: state, u: start.userId, o: start.orgId, a: start.accountId ?? null, e: now + OAUTH_STATE_TTL_MS };
  const body = b64(JSON.stringify(payload));
  return { state, cookie: `${body}.${b64(sign(key, body))}`, maxAgeSeconds: OAUTH_STATE_TTL_MS / 1000 };
}

export function checkOAuthState(
  key: Buffer,
  cookie: string | undefined,
  returned: string | null | undefined,
  expected: { marketplace: OAuthMarketplace; userId: string },
  now = Date.now(),
): StateCheck {
  if (!cookie || !returned) return { ok: false, reason: 'missing' };
  const [body, mac, extra] = cookie.split('.');
  if (!body || !mac || extra !== undefined) return { ok: false, reason: 'invalid' };
  if (!sameBytes(Buffer.from(mac, 'base64url'), sign(key, body))) return { ok: false, reason: 'invalid' };
  let p: Payload;
  try {
    p = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Payload;
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (p.v !== 1 || p.m !== expected.marketplace || typeof p.s !== 'string' || typeof p.e !== 'number') return { ok: false, reason: 'invalid' };
  if (!sameBytes(Buffer.from(p.s), Buffer.from(returned))) return { ok: false, reason: 'invalid' };
  if (now >= p.e) return { ok: false, reason: 'expired' };
  if (p.u !== expected.userId) return { ok: false, reason: 'wrong_user' };
  return { ok: true, orgId: p.o, accountId: p.a };
}
