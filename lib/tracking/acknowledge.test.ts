// Walmart acknowledge on every backend, against the Walmart simulator: the orders sync queues the
// job, the job acknowledges every Created order once (one call per order, as Walmart's API is),
// later reads show them Acknowledged, and an order Walmart refuses is recorded and shown.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsOf } from '@/lib/db/connect';
import { runAsUser } from '@/lib/db/session';
import { JobRegistry } from '@/lib/jobs/registry';
import { drainJobs } from '@/lib/jobs/tick';
import type { Connector } from '@/lib/marketplaces/types';
import { registerSyncKinds } from '@/lib/sync/handlers';
import { backends } from '@/tests/support/db';
import { pushWorldSuite, simConnector, type PushWorld, type Sims } from '@/tests/support/push-world';
import { acknowledgeFailure, enqueueAcknowledge, registerAcknowledge } from './acknowledge';

describe.each(backends)('Walmart acknowledge on $name', (backend) => {
  const suite = pushWorldSuite(backend);
  let w: PushWorld;
  let sims: Sims;
  const db = () => suite.t.database.db;
  beforeAll(() => {
    ({ w, sims } = suite);
  });

  /** Orders to acknowledge: a Created line, and none shipped or cancelled (Walmart refuses those). */
  const created = async () =>
    rowsOf<{ external_order_id: string }>(
      await db().execute(sql`select o.external_order_id from public.orders o where o.marketplace_account_id = ${w.accounts.walmart}
        and exists (select 1 from public.order_items i where i.order_id = o.id and i.marketplace_status = 'Created')
        and not exists (select 1 from public.order_items i where i.order_id = o.id and i.marketplace_status not in ('Created', 'Acknowledged')) order by 1`),
    ).map((r) => r.external_order_id);
  const acks = () => sims.walmart.svc.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/acknowledge'));

  it('an orders sync queues the job; it acknowledges each Created order once; a refused one is recorded and shown', async () => {
    const pending = await created();
    expect(pending.length).toBeGreaterThan(2);
    const refused = pending[0];
    // Walmart refuses one order (its own error body); the rest go through the simulator.
    const connector = simConnector(sims, 'walmart', async (input, init) => {
      const path = new URL(String(input)).pathname;
      if (init?.method === 'POST' && path === `/v3/orders/${refused}/acknowledge`) {
        const body = { errors: { error: [{ code: 'INVALID_REQUEST_CONTENT.GMP_ORDER_API', description: 'Order cannot be acknowledged', severity: 'ERROR', category: 'DATA' }] } };
        return new Response(JSON.stringify(body), { status: 400, headers: { 'content-type': 'application/json' } });
      }
      return fetch(input, init);
    });
    const connectorFor = async (): Promise<Connector> => connector;
    const registry = registerAcknowledge(
      registerSyncKinds(new JobRegistry(), { connectorFor, lookbackMs: 48 * 3_600_000, afterOrders: async (d, job) => void (await enqueueAcknowledge(d, job)) }),
      connectorFor,
    );
    const now = () => sims.walmart.clock.now();
    await registry.ensureRecurring(db(), 'sync_orders', { orgId: w.orgId, accountId: w.accounts.walmart, runAt: new Date(now()) });
    await drainJobs({ db: db(), registry, now, kinds: ['sync_orders'] });
    const queued = rowsOf<{ n: number }>(await db().execute(sql`select count(*)::int as n from public.jobs where kind = 'walmart_acknowledge' and status = 'queued'`));
    expect(queued[0].n).toBe(1);
    // A second sync while it waits queues nothing more.
    expect(await enqueueAcknowledge(db(), { orgId: w.orgId, accountId: w.accounts.walmart })).toBe(false);

    const before = acks().length;
    // (The job is due at the database's now; the simulator's clock is in March.)
    await drainJobs({ db: db(), registry, kinds: ['walmart_acknowledge'] });
    const all = [...new Set([...pending, ...(await created())])];
    expect(acks().length - before).toBe(all.length - 1); // every Created order but the refused one, once each
    expect(await created()).toEqual([refused]);
    const [after] = (await connector.fetchOrder!(pending[1])).records;
    expect(after.items.every((i) => i.marketplaceStatus === 'Acknowledged')).toBe(true);

    const [job] = rowsOf<{ status: string; state: { failures: Record<string, string>; acknowledged: number } | string }>(
      await db().execute(sql`select status, state from public.jobs where kind = 'walmart_acknowledge'`),
    );
    expect(job.status).toBe('done');
    const state = typeof job.state === 'string' ? JSON.parse(job.state) : job.state;
    expect(Object.keys(state.failures)).toEqual([refused]);
    expect(state.failures[refused]).toMatch(/walmart\.acknowledgeOrders: HTTP 400/);
    // Shown on the order page to members (read under RLS).
    const shown = await runAsUser(db(), w.viewer, (tx) => acknowledgeFailure(tx, { accountId: w.accounts.walmart, externalOrderId: refused }));
    expect(shown).toBe(state.failures[refused]);
  });
});
