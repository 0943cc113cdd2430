import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { checkOAuthState, createOAuthState, OAUTH_STATE_TTL_MS, oauthStateKey } from './oauth-state';

const key = oauthStateKey([{ id: 'k1', key: randomBytes(32) }]);
const T = Date.parse('2026-03-15T12:00:00Z');
const user = '11111111-1111-4111-8111-111111111111';
const org = '22222222-2222-4222-8222-222222222222';
const account = '33333333-3333-4333-8333-333333333333';
const expected = { marketplace: 'ebay' as const, userId: user };

describe('OAuth state', () => {
  it('round-trips the organization and the account being reconnected', () => {
    const s = createOAuthState(key, { marketplace: 'ebay', userId: user, orgId: org, accountId: account }, T);
    expect(s.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(s.maxAgeSeconds).toBe(OAUTH_STATE_TTL_MS / 1000);
    expect(checkOAuthState(key, s.cookie, s.state, expected, T + 1000)).toEqual({ ok: true, orgId: org, accountId: account });
    const fresh = createOAuthState(key, { marketplace: 'ebay', userId: user, orgId: org }, T);
    expect(checkOAuthState(key, fresh.cookie, fresh.state, expected, T)).toEqual({ ok: true, orgId: org, accountId: null });
    expect(fresh.state).not.toBe(s.state);
  });

  it('refuses a missing cookie or a missing state', () => {
    const s = createOAuthState(key, { marketplace: 'ebay', userId: user, orgId: org }, T);
    expect(checkOAuthState(key, undefined, s.state, expected, T)).toEqual({ ok: false, reason: 'missing' });
    expect(checkOAuthState(key, s.cookie, null, expected, T)).toEqual({ ok: false, reason: 'missing' });
  });

  it('refuses a state that does not match the cookie (another flow, or forged)', () => {
    const a = createOAuthState(key, { marketplace: 'ebay', userId: user, orgId: org }, T);
    const b = createOAuthState(key, { marketplace: 'ebay', userId: user, orgId: org }, T);
    expect(checkOAuthState(key, a.cookie, b.state, expected, T)).toEqual({ ok: false, reason: 'invalid' });
    expect(checkOAuthState(key, a.cookie, `${a.state}x`, expected, T)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a tampered cookie: another organization, a re-signed payload, a foreign key, garbage', () => {
    const s = createOAuthState(key, { marketplace: 'ebay', userId: user, orgId: org }, T);
    const [body, mac] = s.cookie.split('.');
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const moved = Buffer.from(JSON.stringify({ ...payload, o: '44444444-4444-4444-8444-444444444444' })).toString('base64url');
    expect(checkOAuthState(key, `${moved}.${mac}`, s.state, expected, T)).toEqual({ ok: false, reason: 'invalid' });
    const otherKey = oauthStateKey([{ id: 'k2', key: randomBytes(32) }]);
    expect(checkOAuthState(otherKey, s.cookie, s.state, expected, T)).toEqual({ ok: false, reason: 'invalid' });
    for (const junk of ['', 'abc', `${body}.`, `${body}.${mac}.x`, `${body}.${mac.slice(0, -2)}`]) {
      expect(checkOAuthState(key, junk, s.state, expected, T).ok).toBe(false);
    }
  });

  it('refuses the state of another marketplace', () => {
    const s = createOAuthState(key, { marketplace: 'amazon', userId: user, orgId: org }, T);
    expect(checkOAuthState(key, s.cookie, s.state, expected, T)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('expires after the TTL', () => {
    const s = createOAuthState(key, { marketplace: 'ebay', userId: user, orgId: org }, T);
    expect(checkOAuthState(key, s.cookie, s.state, expected, T + OAUTH_STATE_TTL_MS - 1).ok).toBe(true);
    expect(checkOAuthState(key, s.cookie, s.state, expected, T + OAUTH_STATE_TTL_MS)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a different signed-in user (the link finished in someone else\'s session)', () => {
    const s = createOAuthState(key, { marketplace: 'ebay', userId: user, orgId: org }, T);
    const other = { ...expected, userId: '55555555-5555-4555-8555-555555555555' };
    expect(checkOAuthState(key, s.cookie, s.state, other, T)).toEqual({ ok: false, reason: 'wrong_user' });
  });
});
