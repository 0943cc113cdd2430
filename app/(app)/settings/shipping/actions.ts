'use server';
// Settings → Shipping. Thin: parse, check the session, call lib/shipping, map the answer. The
// address check with Shippo runs outside any database transaction.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getSession } from '@/lib/auth/session';
import { withUser, type Tx } from '@/lib/db';
import { addRule, addSkuDefault, deleteRuleOrDefault, ruleInput, skuDefaultInput } from '@/lib/shipping/rule-settings';
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
  return addWith(form, presetInput, (tx, userId, orgId, data) => addPreset(tx, { userId }, orgId, data), (d) => `Package “${d.name}” saved.`);
}

export async function addRuleAction(_: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  return addWith(form, ruleInput, (tx, userId, orgId, data) => addRule(tx, { userId }, orgId, data), (d) => `Rule “${d.name}” saved.`);
}

export async function addSkuDefaultAction(_: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  return addWith(form, skuDefaultInput, (tx, userId, orgId, data) => addSkuDefault(tx, { userId }, orgId, data), (d) => `Default for ${d.sku} saved.`);
}

/** Parse, session, one lib call in the user's transaction (RLS and the role check inside it). */
async function addWith<S extends z.ZodType>(
  form: FormData,
  schema: S,
  save: (tx: Tx, userId: string, orgId: string, data: z.output<S>) => Promise<unknown>,
  success: (data: z.output<S>) => string,
): Promise<SettingsFormState> {
  const values = fieldsOf(form);
  const id = ids.safeParse({ orgId: values.orgId });
  if (!id.success) return { error: 'Reload the page and try again.' };
  const p = schema.safeParse(values);
  if (!p.success) return issues(p.error, values);
  const session = await getSession();
  if (!session) return { error: 'Your session has expired. Sign in again.' };
  return guard(values, async () => {
    await withUser(session.claims, (tx) => save(tx, session.userId, id.data.orgId, p.data));
    return success(p.data);
  });
}

export async function deleteShippingItemAction(_: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  const values = fieldsOf(form);
  const p = ids.extend({ id: z.uuid(), kind: z.enum(['ship_from', 'preset', 'rule', 'sku_default']) }).safeParse(values);
  if (!p.success) return { error: 'Reload the page and try again.' };
  const session = await getSession();
  if (!session) return { error: 'Your session has expired. Sign in again.' };
  return guard({}, async () => {
    await withUser(session.claims, (tx) =>
      p.data.kind === 'preset'
        ? deletePreset(tx, { userId: session.userId }, p.data.orgId, p.data.id)
        : p.data.kind === 'ship_from'
          ? deleteShipFrom(tx, { userId: session.userId }, p.data.orgId, p.data.id)
          : deleteRuleOrDefault(tx, { userId: session.userId }, p.data.orgId, p.data.kind, p.data.id),
    );
    return 'Deleted.';
  });
}
