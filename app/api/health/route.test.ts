// The health check is public: it says ready or not, and the reason goes only to the server log,
// without the data folder's path or the pid of the process holding it.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DatabaseLockedError } from '@/lib/db/lock';

const getDatabase = vi.hoisted(() => vi.fn());
vi.mock('@/lib/db', () => ({ serviceDatabase: async () => (await getDatabase()).db }));
const { log } = await import('@/lib/log');
const { GET } = await import('./route');

beforeEach(() => {
  getDatabase.mockReset();
});

describe('GET /api/health', () => {
  it('answers 503 {ok:false} with no detail when the database cannot be opened', async () => {
    getDatabase.mockRejectedValue(new DatabaseLockedError('/srv/esm/secret-folder/.data', 4242));
    const logged = vi.spyOn(log, 'error').mockImplementation(() => undefined);
    const res = await GET();
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ok: false });
    const line = JSON.stringify(logged.mock.calls);
    expect(line).toContain('already open in another process');
    expect(line).toContain('DatabaseLockedError');
    expect(line).not.toContain('secret-folder');
    expect(line).not.toContain('4242');
  });

  it('hides connection strings too', async () => {
    getDatabase.mockRejectedValue(new Error('connect ECONNREFUSED postgres://esm:hunter2@db.internal:5432/esm'));
    const logged = vi.spyOn(log, 'error').mockImplementation(() => undefined);
    const res = await GET();
    expect(await res.json()).toEqual({ ok: false });
    expect(JSON.stringify(logged.mock.calls)).not.toMatch(/hunter2|db\.internal/);
  });

  it('answers 200 {ok:true} once the database answers', async () => {
    getDatabase.mockResolvedValue({ db: { execute: async () => ({ rows: [] }) }, kind: 'pglite' });
    const res = await GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });
});
