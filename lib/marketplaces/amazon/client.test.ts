// Units under the connector: error classification, page cursors, the shared LWA token cache.
import { describe, expect, it } from 'vitest';
import { MarketplaceError } from '@/lib/marketplaces/http';
import { decodeListingsCursor, decodeOrdersCursor, encodeListingsCursor, encodeOrdersCursor } from './cursor';
import { ExpiredToken, responseError, thrownError } from './errors';
import { rateFromHeader } from './limits';
import { LwaTokens } from './lwa';
import { SimTimer } from '@/tests/support/marketplaces/amazon';

const err = (code: string, details = '') => JSON.stringify({ errors: [{ code, message: 'Buyer Jane Doe at 1 Main St', details }] });

describe('SP-API error classification', () => {
  it.each([
    [429, 'QuotaExceeded', 'rate_limited'],
    [403, 'Unauthorized', 'auth'],
    [401, 'Unauthorized', 'auth'],
    [404, 'NotFound', 'not_found'],
    [400, 'InvalidInput', 'permanent'],
    [500, 'InternalFailure', 'transient'],
    [503, 'ServiceUnavailable', 'transient'],
  ])('HTTP %i %s → %s, with no body text in the message', (status, code, kind) => {
    const e = responseError('amazon.searchOrders', status, err(code), 'Atza|tok') as MarketplaceError;
    expect(e).toBeInstanceOf(MarketplaceError);
    expect(e.kind).toBe(kind);
    expect(e.message).toBe(`amazon.searchOrders: HTTP ${status} (${code})`);
    expect(e.details).toMatchObject({ status, code });
  });

  it('recognises the expired-token answer and keeps the token it was about', () => {
    const e = responseError('amazon.searchOrders', 403, err('Unauthorized', 'The access token you provided has expired.'), 'Atza|old');
    expect(e).toBeInstanceOf(ExpiredToken);
    expect((e as ExpiredToken).token).toBe('Atza|old');
    expect((e as ExpiredToken).error.kind).toBe('auth');
  });

  it('classifies non-JSON error bodies by status', () => {
    expect((responseError('amazon.x', 502, '<html>Bad Gateway</html>', 't') as MarketplaceError).kind).toBe('transient');
    expect((responseError('amazon.x', 403, '', 't') as MarketplaceError).message).toBe('amazon.x: HTTP 403');
  });

  it('maps what the SDK throws', () => {
    const cases: Array<[unknown, string]> = [
      [{ code: 'API_RESPONSE_TIMEOUT', message: 'No data received within 300ms' }, 'timeout'],
      [{ code: 'API_DEADLINE_TIMEOUT' }, 'timeout'],
      [Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 'transient'],
      [{ code: 'JSON_PARSE_ERROR', message: '<html>secret body</html>' }, 'malformed'],
      [{ code: 'QuotaExceeded' }, 'rate_limited'],
      [{ code: 'Unauthorized' }, 'auth'],
      [{ code: 'InternalFailure' }, 'transient'],
      [{ code: 'NO_VALID_REGION_PROVIDED' }, 'permanent'],
      [{ code: 'toString' }, 'permanent'],
      [new Error('boom with Atza|secret'), 'permanent'],
    ];
    for (const [thrown, kind] of cases) {
      const e = thrownError('amazon.searchOrders', thrown);
      expect(e.kind).toBe(kind);
      expect(e.message).not.toMatch(/secret|<html>|ms$/);
    }
  });

  it('reads x-amzn-RateLimit-Limit', () => {
    expect(rateFromHeader('0.0056')).toBe(0.0056);
    expect(rateFromHeader('5.0')).toBe(5);
    expect(rateFromHeader(['2.0'])).toBe(2);
    for (const bad of [undefined, '', '0', '-1', 'fast', '1e3']) expect(rateFromHeader(bad)).toBeUndefined();
  });
});

describe('page cursors', () => {
  it('round-trip and refuse anything else', () => {
    const page = { token: 'tok', pageSize: 100, bounded: true };
    expect(decodeOrdersCursor(encodeOrdersCursor(1, 2, page), 1, 2)).toEqual(page);
    expect(() => decodeOrdersCursor(encodeOrdersCursor(1, 2, page), 1, 3)).toThrow(MarketplaceError);
    expect(decodeListingsCursor(encodeListingsCursor(20, 'x'))).toEqual({ token: 'x', pageSize: 20 });
    for (const bad of ['', 'not base64 at all', Buffer.from('{"v":2}').toString('base64url'), encodeListingsCursor(20, 'x')]) {
      expect(() => decodeOrdersCursor(bad, 1, 2)).toThrow(MarketplaceError);
    }
  });
});

describe('LWA token cache', () => {
  const creds = { clientId: 'amzn1.application-oa2-client.x', clientSecret: 'shh-secret', refreshToken: 'Atzr|r' };
  function fakeLwa(answer: () => Response) {
    const calls: string[] = [];
    const fetchImpl = (async (_url: string, init: RequestInit) => {
      calls.push(String(init.body));
      await new Promise((r) => setTimeout(r, 5));
      return answer();
    }) as unknown as typeof fetch;
    return { calls, fetchImpl };
  }
  const ok = (token: string, expires = 3600) => () => new Response(JSON.stringify({ access_token: token, token_type: 'bearer', expires_in: expires }), { status: 200 });

  it('is single-flight and shared between instances, and renews five minutes early', async () => {
    const timer = new SimTimer();
    let n = 0;
    const lwa = fakeLwa(() => ok(`Atza|${++n}`)());
    const make = () => new LwaTokens({ url: 'http://lwa.test/auth/o2/token', credentials: creds, timer, fetchImpl: lwa.fetchImpl });
    const got = await Promise.all([make().get(), make().get(), make().get()]);
    expect(got).toEqual(['Atza|1', 'Atza|1', 'Atza|1']);
    expect(lwa.calls).toHaveLength(1);
    expect(lwa.calls[0]).toContain('grant_type=refresh_token');
    timer.t += 54 * 60_000;
    expect(await make().get()).toBe('Atza|1');
    timer.t += 2 * 60_000;
    expect(await make().get()).toBe('Atza|2');
    // Another secret is another cache entry.
    await new LwaTokens({ url: 'http://lwa.test/auth/o2/token', credentials: { ...creds, clientSecret: 'other' }, timer, fetchImpl: lwa.fetchImpl }).get();
    expect(lwa.calls).toHaveLength(3);
  });

  it('forgets a token SP-API called expired, once', async () => {
    const timer = new SimTimer();
    let n = 0;
    const lwa = fakeLwa(() => ok(`Atza|${++n}`)());
    const t = new LwaTokens({ url: 'http://lwa.test/auth/o2/token', credentials: creds, timer, fetchImpl: lwa.fetchImpl });
    expect(await t.get()).toBe('Atza|1');
    t.invalidate('Atza|1');
    t.invalidate('Atza|1');
    expect(await t.get()).toBe('Atza|2');
    t.invalidate('Atza|1'); // stale: someone already replaced it
    expect(await t.get()).toBe('Atza|2');
    expect(lwa.calls).toHaveLength(2);
  });

  it('classifies LWA failures without leaking the secret', async () => {
    const timer = new SimTimer();
    const cases: Array<[() => Response, string]> = [
      [() => new Response(JSON.stringify({ error: 'invalid_grant', error_description: 'bad Atzr|r' }), { status: 400 }), 'auth'],
      [() => new Response(JSON.stringify({ error: 'invalid_client', error_description: 'Client authentication failed' }), { status: 401 }), 'auth'],
      [() => new Response(JSON.stringify({ error: 'invalid_request' }), { status: 400 }), 'permanent'],
      [() => new Response('<html>down</html>', { status: 503 }), 'transient'],
      [() => new Response(JSON.stringify({ token_type: 'bearer' }), { status: 200 }), 'malformed'],
    ];
    for (const [answer, kind] of cases) {
      const lwa = fakeLwa(answer);
      const t = new LwaTokens({ url: `http://lwa.test/${kind}/${Math.random()}`, credentials: creds, timer, fetchImpl: lwa.fetchImpl });
      const e = await t.get().then(() => null, (x: unknown) => x as MarketplaceError);
      expect(e).toBeInstanceOf(MarketplaceError);
      expect(e!.kind).toBe(kind);
      expect(e!.message).not.toMatch(/shh-secret|Atzr|html|description/);
    }
  });
});
