import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWalmart, type Harness } from './test-support';

let h: Harness;
beforeAll(async () => {
  h = await startWalmart({ rateLimits: { getAllItems: { perMinute: 3 } } });
});
afterAll(() => h.close());

describe('throttling', () => {
  it('counts down X-Current-Token-Count, answers 429 when empty and replenishes gradually', async () => {
    const counts: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await h.call('/v3/items');
      expect(r.status).toBe(200);
      counts.push(r.headers.get('x-current-token-count') as string);
    }
    expect(counts).toEqual(['2', '1', '0']);
    const limited = await h.call('/v3/items');
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({
      error: [expect.objectContaining({ code: 'REQUEST_THRESHOLD_VIOLATED.GMP_GATEWAY_API', severity: 'ERROR', category: 'REQUEST' })],
    });
    expect(limited.headers.get('x-current-token-count')).toBe('0');
    // 3 per minute: one request comes back every 20 s.
    const next = Number(limited.headers.get('x-next-replenishment-time'));
    expect(next).toBe(h.clock.now() + 20_000);
    h.clock.advance(19_000);
    expect((await h.call('/v3/items')).status).toBe(429);
    h.clock.advance(1_000);
    expect((await h.call('/v3/items')).status).toBe(200);
  });

  it('keeps separate buckets per operation', async () => {
    const orders = await h.call('/v3/orders?limit=1');
    expect(orders.status).toBe(200);
    expect(Number(orders.headers.get('x-current-token-count'))).toBeGreaterThan(1000);
  });
});
