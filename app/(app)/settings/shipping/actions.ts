'use server';
// Settings → Shipping. Thin: parse, check the session, call lib/shipping, map the answer. The
// address check with Shippo runs outside any database transaction.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getSession } from '@/lib/auth/session';
import { withUser } from '@/lib/db';
import { log } from '@/lib/log';
import { configuredShippo } from '@/lib/shipping/client';
import { ShippoCallError } from '@/lib/shipping/shippo';
import {
  addPreset, addShipFrom, canManageShipping, checkShipFrom, deletePreset, deleteShipFrom, presetInput, shipFromInput, ShippingSettingsError,
} from '@/lib/shipping/settings';
import type { SettingsFormState } from '@/components/settings/form-state';

const ids = z.object({ orgId: z.uuid(), id: z.uuid().optional() });
const fieldsOf = (form: FormData) => Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string')) as Record<string, string>;

function issues(e: z.ZodError, values: Record<string, string>): SettingsFormState {
  const fields: Record<string, string> = {};
  for (const i of e.issues) fields[String(i.path[0])] ??= i.message;
  return { error: 'Check the highlighted fields.', fields, values };
}

async function guard(values: Record<string, string>, work: () => Promise<string>): Promise<SettingsFormState> {
  try {
    const success = await work();
    revalidatePath('/settings/shipping');
    return { success };
  } catch (e) {
    if (e instanceof ShippingSettingsError) return { error: e.userMessage, fields: e.fields, values };
    if (e instanceof ShippoCallError) return { error: `${e.userMessage} Nothing was saved.`, values };
    log.error({ err: e instanceof Error ? e.name : 'unknown' }, 'shipping settings action failed');
    return { error: 'Something went wrong and nothing was saved. Try again.', values };
  }
}

export async function addShipFromAction(_: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  const values = fieldsOf(form);
  const id = ids.safeParse({ orgId: values.orgId });
  if (!id.success) return { error: 'Reload the page and try again.' };
  const p = shipFromInput.safeParse(values);
  if (!p.success) return issues(p.error, values);
  const session = await getSession();
  if (!session) return { error: 'Your session has expired. Sign in again.' };
  return guard(values, async () => {
    // Role first, so a viewer's form never reaches Shippo; the insert checks it again under RLS.
    if (!(await withUser(session.claims, (tx) => canManageShipping(tx, id.data.orgId, session.userId)))) {
      throw new ShippingSettingsError('Only owners and admins can change shipping settings.');
    }
    const checked = await checkShipFrom(configuredShippo(), p.data);
    await withUser(session.claims, (tx) => addShipFrom(tx, { userId: session.userId }, id.data.orgId, p.data, checked));
    return `Ship-from location “${p.data.name}” saved (address checked by Shippo).`;
  });
}

export async function addPresetAction(_: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  const values = fieldsOf(form);
  const id = ids.safeParse({ orgId: values.orgId });
  if (!id.success) return { error: 'Reload the page and try again.' };
  const p = presetInput.safeParse(values);
  if (!p.success) return issues(p.error, values);
  const session = await getSession();
  if (!session) return { error: 'Your session has expired. Sign in again.' };
  return guard(values, async () => {
    await withUser(session.claims, (tx) => addPreset(tx, { userId: session.userId }, id.data.orgId, p.data));
    return `Package “${p.data.name}” saved.`;
  });
}

export async function deleteShippingItemAction(_: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  const values = fieldsOf(form);
  const p = ids.extend({ id: z.uuid(), kind: z.enum(['ship_from', 'preset']) }).safeParse(values);
  if (!p.success) return { error: 'Reload the page and try again.' };
  const session = await getSession();
  if (!session) return { error: 'Your session has expired. Sign in again.' };
  return guard({}, async () => {
    await withUser(session.claims, (tx) =>
      p.data.kind === 'preset'
        ? deletePreset(tx, { userId: session.userId }, p.data.orgId, p.data.id)
        : deleteShipFrom(tx, { userId: session.userId }, p.data.orgId, p.data.id),
    );
    return 'Deleted.';
  });
}
