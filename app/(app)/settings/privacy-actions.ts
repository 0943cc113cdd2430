'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { withUser } from '@/lib/db';
import { formFields, runAction } from '@/lib/actions';
import { log } from '@/lib/log';
import { COMMON, DELETE_ORG_MESSAGES, PRIVACY_MESSAGES } from '@/lib/messages';
import { deleteOrganization } from '@/lib/privacy/delete-org';
import { setRetentionDays } from '@/lib/privacy/settings';
import type { SettingsFormState } from '@/components/settings/form-state';

const schema = z.object({
  orgId: z.uuid(),
  days: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() ? v : undefined),
    z.coerce.number({ error: 'Enter a number of days' }).int('Enter whole days').min(1, 'At least 1 day').max(30, 'At most 30 days'),
  ),
});

export async function setRetentionAction(_: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  const raw = formFields(form, ['orgId', 'days']);
  const typed = raw.days ?? '';
  const r = await runAction(
    {
      name: 'settings.retention',
      schema,
      pageFields: ['orgId'],
      run: ({ input, session }) => withUser(session.claims, (tx) => setRetentionDays(tx, input.orgId, input.days)),
      refusals: PRIVACY_MESSAGES,
    },
    raw,
  );
  if (r.ok) {
    revalidatePath('/settings');
    const { days } = r.input;
    return { success: `Buyer data is now kept ${days} day${days === 1 ? '' : 's'} after delivery or cancellation.` };
  }
  if (r.kind === 'invalid') return r.stale ? { error: COMMON.stale } : { fields: { days: r.fields.days }, values: { days: typed } };
  if (r.kind === 'session') return { error: r.message };
  return { error: r.message, values: { days: typed } };
}

const deleteSchema = z.object({ orgId: z.uuid(), confirm: z.string().max(200).default('') });

/** Deletes the organization when its owner typed its name; then back to the app's home. */
export async function deleteOrganizationAction(_: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  const raw = formFields(form, ['orgId', 'confirm']);
  const r = await runAction(
    {
      name: 'settings.delete_organization',
      schema: deleteSchema,
      pageFields: ['orgId'],
      run: ({ input, session }) => withUser(session.claims, (tx) => deleteOrganization(tx, input.orgId, session.userId, input.confirm)),
      refusals: DELETE_ORG_MESSAGES,
      messages: { failed: DELETE_ORG_MESSAGES.failed },
    },
    raw,
  );
  if (r.ok) {
    log.info({ orgId: r.input.orgId, by: 'owner' }, 'organization deleted');
    revalidatePath('/', 'layout');
    redirect('/orders');
  }
  if (r.kind === 'invalid') return r.stale ? { error: COMMON.stale } : { fields: r.fields, values: { confirm: raw.confirm ?? '' } };
  if (r.kind === 'refused' && r.message === DELETE_ORG_MESSAGES.confirmation) return { fields: { confirm: r.message }, values: { confirm: raw.confirm ?? '' } };
  return { error: r.message };
}
