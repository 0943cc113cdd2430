import { beforeEach, describe, expect, it, vi } from 'vitest';

const runJobsTick = vi.fn(async () => ({ workerId: 'w', ran: [] }));
vi.mock('@/lib/jobs/app-registry', () => ({ runJobsTick }));
vi.mock('@/lib/env', async (orig) => {
  const real = await orig<typeof import('@/lib/env')>();
  return { ...real, config: () => ({ cronSecret: 'c'.repeat(40) }) };
});

const { GET } = await import('./route');

describe('GET /api/cron/sync', () => {
  beforeEach(() => runJobsTick.mockClear());

  it.each([
    ['no Authorization header', undefined],
    ['a wrong secret', `Bearer ${'x'.repeat(40)}`],
    ['the secret without Bearer', 'c'.repeat(40)],
    ['a prefix of the secret', `Bearer ${'c'.repeat(39)}`],
  ])('answers 401 and runs nothing with %s', async (_what, header) => {
    const res = await GET(new Request('http://localhost/api/cron/sync', { headers: header ? { authorization: header } : {} }));
    expect(res.status).toBe(401);
    expect(runJobsTick).not.toHaveBeenCalled();
  });

  it('runs a tick with the right secret', async () => {
    const res = await GET(new Request('http://localhost/api/cron/sync', { headers: { authorization: `Bearer ${'c'.repeat(40)}` } }));
    expect(res.status).toBe(200);
    expect(runJobsTick).toHaveBeenCalledTimes(1);
  });
});
