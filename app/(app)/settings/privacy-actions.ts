'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getSession } from '@/lib/auth/session';
import { withUser } from '@/lib/db';
import { log } from '@/lib/log';
import { deleteOrganization } from '@/lib/privacy/delete-org';
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

const deleteSchema = z.object({ orgId: z.uuid(), confirm: z.string().max(200) });

/** Deletes the organization when its owner typed its name; then back to the app's home. */
export async function deleteOrganizationAction(_: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  const p = deleteSchema.safeParse({ orgId: form.get('orgId'), confirm: typeof form.get('confirm') === 'string' ? form.get('confirm') : '' });
  if (!p.success) return { error: 'Reload the page and try again.' };
  const session = await getSession();
  if (!session) return { error: 'Your session has expired. Sign in again.' };
  try {
    const r = await withUser(session.claims, (tx) => deleteOrganization(tx, p.data.orgId, session.userId, p.data.confirm));
    if (!r.ok) {
      return r.reason === 'confirmation'
        ? { fields: { confirm: 'Type the organization\'s name exactly as shown.' }, values: { confirm: p.data.confirm } }
        : { error: 'Only an owner of this organization can delete it.' };
    }
    log.info({ orgId: p.data.orgId, by: session.userId }, 'organization deleted');
  } catch (e) {
    log.error({ err: { type: e instanceof Error ? e.name : typeof e } }, 'organization deletion failed');
    return { error: 'Something went wrong and nothing was deleted. Try again.' };
  }
  revalidatePath('/', 'layout');
  redirect('/orders');
}
