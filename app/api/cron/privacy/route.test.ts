// The privacy tick's route: nothing runs without the cron secret; with it, one tick with the
// configured expiry, answered with counts only.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const SECRET = 's'.repeat(40);
const runPrivacyTick = vi.hoisted(() => vi.fn());
vi.mock('@/lib/env', () => ({ config: () => ({ cronSecret: SECRET, operationalRetentionDays: 45 }) }));
vi.mock('@/lib/db', () => ({ serviceDatabase: async () => ({ db: 'service' }) }));
vi.mock('@/lib/privacy/tick', () => ({ runPrivacyTick }));

const { GET } = await import('./route');
const call = (authorization?: string) =>
  GET(new Request('http://localhost/api/cron/privacy', { headers: authorization ? { authorization } : {} }));

describe('/api/cron/privacy', () => {
  beforeEach(() => {
    runPrivacyTick.mockReset();
    runPrivacyTick.mockResolvedValue({
      ebay: { honoured: 2, failed: 0 },
      retention: { buyersAnonymized: 7, organizations: 1, batches: 3, complete: true },
      expired: { syncRuns: 4, jobs: 1 },
    });
  });

  it.each([undefined, 'Bearer wrong', `Basic ${SECRET}`, SECRET])('refuses %j with 401 and runs nothing', async (auth) => {
    expect((await call(auth)).status).toBe(401);
    expect(runPrivacyTick).not.toHaveBeenCalled();
  });

  it('runs one tick with the configured expiry and answers counts', async () => {
    const res = await call(`Bearer ${SECRET}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      ebayDeletionsHonoured: 2, ebayDeletionsFailed: 0, buyersAnonymized: 7, organizations: 1, complete: true, expired: { syncRuns: 4, jobs: 1 },
    });
    expect(runPrivacyTick).toHaveBeenCalledWith({ db: 'service' }, { budgetMs: 50_000, operationalDays: 45 });
  });

  it('answers a failed tick with a 500 that says nothing of the error', async () => {
    runPrivacyTick.mockRejectedValue(new Error('connect ECONNREFUSED postgres://esm:hunter2@db.internal/esm'));
    const res = await call(`Bearer ${SECRET}`);
    expect(res.status).toBe(500);
    expect(await res.text()).not.toMatch(/hunter2|db\.internal/);
  });
});
