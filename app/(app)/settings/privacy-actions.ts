'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getSession } from '@/lib/auth/session';
import { withUser } from '@/lib/db';
import { log } from '@/lib/log';
import { setRetentionDays } from '@/lib/privacy/settings';
import type { SettingsFormState } from '@/components/settings/form-state';

const schema = z.object({
  orgId: z.uuid(),
  days: z.coerce.number({ error: 'Enter a number of days' }).int('Enter whole days').min(1, 'At least 1 day').max(30, 'At most 30 days'),
});

const MESSAGES = {
  forbidden: 'Only owners and admins can change how long buyer data is kept.',
  out_of_range: 'Keep buyer data between 1 and 30 days after delivery.',
} as const;

export async function setRetentionAction(_: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  const raw = { orgId: form.get('orgId'), days: form.get('days') };
  const p = schema.safeParse({ orgId: typeof raw.orgId === 'string' ? raw.orgId : undefined, days: typeof raw.days === 'string' && raw.days.trim() ? raw.days : undefined });
  const typed = typeof raw.days === 'string' ? raw.days : '';
  if (!p.success) {
    const issue = p.error.issues[0];
    return issue.path[0] === 'orgId'
      ? { error: 'Reload the page and try again.' }
      : { fields: { days: issue.message }, values: { days: typed } };
  }
  const session = await getSession();
  if (!session) return { error: 'Your session has expired. Sign in again.' };
  try {
    const r = await withUser(session.claims, (tx) => setRetentionDays(tx, p.data.orgId, p.data.days));
    if (!r.ok) return { error: MESSAGES[r.reason], values: { days: typed } };
  } catch (e) {
    log.error({ err: { type: e instanceof Error ? e.name : typeof e } }, 'retention change failed');
    return { error: 'Something went wrong and nothing was changed. Try again.', values: { days: typed } };
  }
  revalidatePath('/settings');
  return { success: `Buyer data is now kept ${p.data.days} day${p.data.days === 1 ? '' : 's'} after delivery or cancellation.` };
}
