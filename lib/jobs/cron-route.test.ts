import { describe, expect, it, vi } from 'vitest';

vi.mock('@/lib/env', async (orig) => {
  const real = await orig<typeof import('@/lib/env')>();
  return { ...real, config: () => ({ cronSecret: 'c'.repeat(40) }) };
});
const { cronRoute } = await import('./cron-route');
const { log } = await import('@/lib/log');

const request = (authorization?: string) => new Request('http://localhost/api/cron/x', { headers: authorization ? { authorization } : {} });

describe('cronRoute', () => {
  it.each([
    ['no Authorization header', undefined],
    ['a wrong secret', `Bearer ${'x'.repeat(40)}`],
    ['the secret without Bearer', 'c'.repeat(40)],
    ['a prefix of the secret', `Bearer ${'c'.repeat(39)}`],
    ['the secret with a suffix', `Bearer ${'c'.repeat(41)}`],
  ])('answers 401 and runs nothing with %s', async (_what, header) => {
    const run = vi.fn(async () => ({ ran: 1 }));
    const res = await cronRoute('x', run)(request(header));
    expect(res.status).toBe(401);
    expect(run).not.toHaveBeenCalled();
  });

  it('runs with the right secret and answers its result as JSON', async () => {
    const res = await cronRoute('x', async () => ({ ran: [1, 2] }))(request(`Bearer ${'c'.repeat(40)}`));
    expect([res.status, await res.json()]).toEqual([200, { ran: [1, 2] }]);
  });

  it('answers a failure with 500 and no message, and logs no message either', async () => {
    const spy = vi.spyOn(log, 'error').mockImplementation(() => undefined);
    const res = await cronRoute('x', async () => {
      throw new Error('canary-secret-7f3a buyer jane@example.com');
    })(request(`Bearer ${'c'.repeat(40)}`));
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('canary');
    expect(JSON.stringify(spy.mock.calls)).not.toContain('canary');
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });
});
