'use server';
// Start a label batch, or retry a batch's orders without a label. Thin: parse, session, lib/shipping
// (which checks the role), then a drain right after the answer so the batch starts at once
// (the cron tick would start it within a minute anyway).
import { after } from 'next/server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getSession } from '@/lib/auth/session';
import { serviceDatabase } from '@/lib/db';
import { appJobs } from '@/lib/jobs/app-registry';
import { drainJobs } from '@/lib/jobs/tick';
import { log } from '@/lib/log';
import { BATCH_MAX, retryBatch, startBatch } from '@/lib/shipping/batch';

export type BulkState = { error?: string };

const input = z.object({
  orgId: z.uuid(),
  orderIds: z.array(z.uuid()).min(1, 'Select at least one order.').max(BATCH_MAX, `Select at most ${BATCH_MAX} orders at a time.`),
  rule: z.enum(['cheapest_in_time', 'cheapest', 'fastest']),
  presetId: z.uuid({ error: 'Choose a package.' }),
  shipFromId: z.uuid({ error: 'Choose a ship-from location.' }),
});

function kick() {
  after(async () => {
    try {
      await drainJobs({ db: await serviceDatabase('jobs'), registry: appJobs(), kinds: ['label_batch'], budgetMs: 50_000 });
    } catch (e) {
      log.error({ err: { name: (e as Error)?.name } }, 'label batch: drain after start failed');
    }
  });
}

export async function startBatchAction(_: BulkState, form: FormData): Promise<BulkState> {
  const p = input.safeParse({
    orgId: form.get('orgId'), orderIds: form.getAll('orderIds'), rule: form.get('rule'), presetId: form.get('presetId'), shipFromId: form.get('shipFromId'),
  });
  if (!p.success) return { error: p.error.issues[0]?.message ?? 'Reload the page and try again.' };
  const session = await getSession();
  if (!session) return { error: 'Your session has ended. Sign in again to continue.' };
  const { orgId, ...rest } = p.data;
  const out = await startBatch(await serviceDatabase('jobs'), session.claims, orgId, rest, appJobs());
  if (!out.ok) return { error: out.message };
  kick();
  redirect(`/shipments/batches/${out.jobId}`);
}

export async function retryFailedAction(_: BulkState, form: FormData): Promise<BulkState> {
  const id = z.uuid().safeParse(form.get('batchId'));
  if (!id.success) return { error: 'Reload the page and try again.' };
  const session = await getSession();
  if (!session) return { error: 'Your session has ended. Sign in again to continue.' };
  const out = await retryBatch(await serviceDatabase('jobs'), session.claims, id.data, appJobs());
  if (!out.ok) return { error: out.message };
  kick();
  redirect(`/shipments/batches/${out.jobId}`);
}
