// The merged labels PDF of a batch: signed out, a malformed id, a batch the person cannot see or
// one with no live label each get a 401/404, and nothing is fetched or merged.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const BATCH = '00000000-0000-4000-8000-000000000001';
const m = vi.hoisted(() => ({ session: null as unknown, getBatch: vi.fn(), liveLabelUrls: vi.fn(), fetchLabels: vi.fn(), mergePdfs: vi.fn() }));
vi.mock('@/lib/auth/session', () => ({ getSession: async () => m.session }));
vi.mock('@/lib/db', () => ({ serviceDatabase: async () => ({}), withUser: (_c: unknown, fn: (tx: unknown) => unknown) => fn({}) }));
vi.mock('@/lib/shipping/batch', () => ({ getBatch: m.getBatch }));
vi.mock('@/lib/shipping/bulk', () => ({ liveLabelUrls: m.liveLabelUrls }));
vi.mock('@/lib/shipping/merge-pdf', async (real) => ({ ...(await real<object>()), fetchLabels: m.fetchLabels, mergePdfs: m.mergePdfs }));

const { GET } = await import('./route');
const call = (id: string, query = '') => GET(new Request(`http://localhost/shipments/batches/${id}/labels${query}`), { params: Promise.resolve({ id }) });

describe('the batch labels PDF', () => {
  beforeEach(() => {
    m.session = { userId: 'u', claims: { sub: 'u' } };
    for (const f of [m.getBatch, m.liveLabelUrls, m.fetchLabels, m.mergePdfs]) f.mockReset();
  });

  it('401 signed out, 404 for a malformed id or a batch the person cannot see; nothing fetched', async () => {
    m.session = null;
    expect((await call(BATCH)).status).toBe(401);
    m.session = { userId: 'u', claims: { sub: 'u' } };
    expect((await call('not-a-uuid')).status).toBe(404);
    m.getBatch.mockResolvedValue(null);
    expect((await call(BATCH)).status).toBe(404);
    expect(m.fetchLabels).not.toHaveBeenCalled();
  });

  it('404 when none of its labels is live any more', async () => {
    m.getBatch.mockResolvedValue({ orgId: 'o', payload: { orderIds: ['a'] }, results: { a: { outcome: 'bought', shipmentId: 's1' } } });
    m.liveLabelUrls.mockResolvedValue([]);
    expect((await call(BATCH)).status).toBe(404);
    expect(m.liveLabelUrls).toHaveBeenCalledWith({}, 'o', ['s1']);
    expect(m.fetchLabels).not.toHaveBeenCalled();
  });

  it('merges the live labels of the orders it bought, in the batch order', async () => {
    m.getBatch.mockResolvedValue({
      orgId: 'o',
      payload: { orderIds: ['a', 'b', 'c'] },
      results: { a: { outcome: 'bought', shipmentId: 's1' }, b: { outcome: 'failed' }, c: { outcome: 'bought', shipmentId: 's3' } },
    });
    m.liveLabelUrls.mockResolvedValue(['https://l/1.pdf', 'https://l/3.pdf']);
    m.fetchLabels.mockResolvedValue(['pdf1', 'pdf3']);
    m.mergePdfs.mockResolvedValue({ pdf: new Uint8Array([0x25, 0x50, 0x44, 0x46]) });
    const res = await call(BATCH);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(m.liveLabelUrls).toHaveBeenCalledWith({}, 'o', ['s1', 's3']);
    expect(Buffer.from(await res.arrayBuffer()).toString()).toBe('%PDF');
  });

  it('takes the sheet format: 4x6 by default, letter on request, anything else 400 with nothing fetched', async () => {
    m.getBatch.mockResolvedValue({ orgId: 'o', payload: { orderIds: ['a'] }, results: { a: { outcome: 'bought', shipmentId: 's1' } } });
    m.liveLabelUrls.mockResolvedValue(['https://l/1.pdf']);
    m.fetchLabels.mockResolvedValue(['pdf1']);
    m.mergePdfs.mockResolvedValue({ pdf: new Uint8Array([0x25]) });
    expect((await call(BATCH, '?format=a4')).status).toBe(400);
    expect(m.getBatch).not.toHaveBeenCalled();
    expect((await call(BATCH)).headers.get('content-disposition')).toMatch(/-4x6\.pdf/);
    expect(m.mergePdfs).toHaveBeenLastCalledWith(['pdf1'], '4x6');
    expect((await call(BATCH, '?format=letter')).status).toBe(200);
    expect(m.mergePdfs).toHaveBeenLastCalledWith(['pdf1'], 'letter');
  });
});
