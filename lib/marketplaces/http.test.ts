import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callJson, MarketplaceError, retryAfterMs, TokenBucket, withRetries, type Timer } from './http';

function fakeTimer(start = 0): Timer & { slept: number[] } {
  let now = start;
  const slept: number[] = [];
  return { now: () => now, sleep: async (ms) => void (slept.push(ms), (now += ms)), slept };
}

describe('TokenBucket', () => {
  it('allows the burst at once, then paces at the rate, and adopts a reported rate', async () => {
    const t = fakeTimer();
    const b = new TokenBucket(2, 3, t);
    for (let i = 0; i < 3; i++) await b.take();
    expect(t.now()).toBe(0);
    await b.take();
    expect(t.now()).toBe(500);
    b.setRate(0.5);
    await b.take();
    expect(t.now()).toBe(2500);
  });

  it('is empty after a 429 drain', async () => {
    const t = fakeTimer();
    const b = new TokenBucket(1, 5, t);
    b.drain();
    await b.take();
    expect(t.now()).toBe(1000);
  });
});

describe('withRetries', () => {
  it('retries retryable errors with bounded attempts, honouring Retry-After', async () => {
    const t = fakeTimer();
    let calls = 0;
    await expect(
      withRetries(async () => {
        calls++;
        throw new MarketplaceError('rate_limited', 'x', { retryAfterMs: 7000 });
      }, { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000 }, t, () => 0.5),
    ).rejects.toMatchObject({ kind: 'rate_limited' });
    expect(calls).toBe(3);
    expect(t.slept).toEqual([7000, 7000]);
  });

  it('does not retry auth or permanent errors', async () => {
    let calls = 0;
    await expect(withRetries(async () => { calls++; throw new MarketplaceError('auth', 'no'); }, undefined, fakeTimer())).rejects.toMatchObject({ kind: 'auth' });
    expect(calls).toBe(1);
  });

  it('uses exponential backoff with full jitter', async () => {
    const t = fakeTimer();
    let calls = 0;
    const v = await withRetries(async () => {
      if (++calls < 4) throw new MarketplaceError('transient', 'x');
      return 'ok';
    }, { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 250 }, t, () => 0.99);
    expect(v).toBe('ok');
    expect(t.slept).toEqual([99, 198, 247]);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });
});

describe('callJson classification', () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const [status, body, headers] = ({
        '/ok': [200, '{"a":1}', {}],
        '/html': [200, '<html>oops</html>', {}],
        '/429': [429, '{"errors":[{"code":"QuotaExceeded","message":"buyer jane@example.com"}]}', { 'retry-after': '2' }],
        '/401': [401, '{}', {}],
        '/503': [503, 'down', {}],
        '/400': [400, '{}', {}],
      } as Record<string, [number, string, Record<string, string>]>)[req.url!] ?? [404, '', {}];
      if (req.url === '/hang') return;
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });
  const call = (p: string) => callJson(`${base}${p}`, {}, { operation: 'test.op', timeoutMs: 300 }, (_s, b) => (b as { errors?: Array<{ code: string }> })?.errors?.[0]?.code);

  it('returns parsed JSON on 2xx', async () => {
    await expect(call('/ok')).resolves.toMatchObject({ status: 200, body: { a: 1 } });
  });
  it.each([
    ['/html', 'malformed'],
    ['/429', 'rate_limited'],
    ['/401', 'auth'],
    ['/503', 'transient'],
    ['/400', 'permanent'],
    ['/nowhere', 'not_found'],
    ['/hang', 'timeout'],
  ])('%s → %s, with no body text in the message', async (p, kind) => {
    const e = (await call(p).catch((x) => x)) as MarketplaceError;
    expect(e).toBeInstanceOf(MarketplaceError);
    expect(e.kind).toBe(kind);
    expect(e.message).not.toMatch(/jane|oops|down/);
    if (p === '/429') expect(e.details).toMatchObject({ code: 'QuotaExceeded', retryAfterMs: 2000 });
  });
});
