'use server';

import { revalidatePath } from 'next/cache';
import { after } from 'next/server';
import { z } from 'zod';
import { getSession } from '@/lib/auth/session';
import { getDatabase, withUser } from '@/lib/db';
import type { Marketplace } from '@/lib/model';
import { log } from '@/lib/log';
import { disconnectAccount } from '@/lib/accounts/connect';
import { appConnectDeps, connectWithCredentials } from '@/lib/accounts/connect-flow';
import type { AccountCredentials } from '@/lib/accounts/credentials';
import { requestSyncNow, runAccountSync } from '@/lib/accounts/sync-now';
import { connectedMessage, connectErrorMessage, sharedSellerWarning } from '@/components/accounts/messages';
import type { AccountFormState, SyncNowState } from '@/components/accounts/form-state';

const ids = {
  orgId: z.uuid({ error: 'Reload the page and try again.' }),
  accountId: z.union([z.uuid({ error: 'Reload the page and try again.' }), z.literal('').transform(() => undefined)]).optional(),
};
const walmartSchema = z.object({
  ...ids,
  clientId: z.string().trim().min(1, 'Enter the client ID').max(200, 'That is too long for a Walmart client ID'),
  clientSecret: z.string().trim().min(1, 'Enter the client secret').max(1000, 'That is too long for a Walmart client secret'),
});
const amazonTokenSchema = z.object({
  ...ids,
  refreshToken: z
    .string()
    .trim()
    .min(1, 'Paste the refresh token')
    .max(2000, 'That is too long for a refresh token')
    .startsWith('Atzr|', 'An LWA refresh token starts with “Atzr|”'),
  sellingPartnerId: z
    .string()
    .trim()
    .min(1, 'Enter the selling partner ID')
    .regex(/^[A-Z0-9]{5,32}$/, 'A selling partner ID is capital letters and digits, like A1B2C3D4E5F6G7'),
});
const accountSchema = z.object({ orgId: ids.orgId, accountId: z.uuid() });

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === 'string' ? v : undefined;
};

function issues(e: z.ZodError): AccountFormState {
  const fields: Record<string, string> = {};
  for (const i of e.issues) fields[String(i.path[0])] ??= i.message;
  return { error: fields.orgId ?? fields.accountId, fields };
}

function refresh() {
  revalidatePath('/accounts');
  revalidatePath('/', 'layout'); // the needs-reconnect banner
}

async function connect(marketplace: Marketplace, orgId: string, accountId: string | undefined, credentials: AccountCredentials): Promise<AccountFormState> {
  const session = await getSession();
  if (!session) return { error: 'Your session has expired. Sign in again.' };
  try {
    const r = await connectWithCredentials(await appConnectDeps(), { orgId, userId: session.userId, accountId, marketplace, credentials });
    if (!r.ok) return { error: connectErrorMessage(marketplace, r.error) };
    after(() => runAccountSync(r.accountId, 'connect'));
    refresh();
    return { success: connectedMessage(marketplace, r.reconnected), ...(r.sharedSeller ? { warning: sharedSellerWarning(marketplace) } : {}) };
  } catch (e) {
    log.error({ marketplace, err: { name: (e as Error)?.name, code: (e as { code?: unknown })?.code } }, 'connecting an account failed');
    return { error: 'Something went wrong and nothing was saved. Try again.' };
  }
}

export async function connectWalmartAction(_: AccountFormState, form: FormData): Promise<AccountFormState> {
  const raw = { orgId: text(form, 'orgId'), accountId: text(form, 'accountId'), clientId: text(form, 'clientId') ?? '', clientSecret: text(form, 'clientSecret') ?? '' };
  const values = { clientId: raw.clientId };
  const p = walmartSchema.safeParse(raw);
  if (!p.success) return { ...issues(p.error), values };
  const state = await connect('walmart', p.data.orgId, p.data.accountId, { clientId: p.data.clientId, clientSecret: p.data.clientSecret });
  return state.error ? { ...state, values } : state;
}

export async function connectAmazonTokenAction(_: AccountFormState, form: FormData): Promise<AccountFormState> {
  const raw = { orgId: text(form, 'orgId'), accountId: text(form, 'accountId'), refreshToken: text(form, 'refreshToken') ?? '', sellingPartnerId: text(form, 'sellingPartnerId') ?? '' };
  const values = { sellingPartnerId: raw.sellingPartnerId };
  const p = amazonTokenSchema.safeParse(raw);
  if (!p.success) return { ...issues(p.error), values };
  const state = await connect('amazon', p.data.orgId, p.data.accountId, { refreshToken: p.data.refreshToken, sellingPartnerId: p.data.sellingPartnerId });
  return state.error ? { ...state, values } : state;
}

export async function disconnectAction(_: AccountFormState, form: FormData): Promise<AccountFormState> {
  const p = accountSchema.safeParse({ orgId: text(form, 'orgId'), accountId: text(form, 'accountId') });
  if (!p.success) return { error: 'Reload the page and try again.' };
  const data = text(form, 'data');
  if (data !== 'anonymize' && data !== 'delete') return { error: 'Choose what happens to the orders already synced.' };
  const session = await getSession();
  if (!session) return { error: 'Your session has expired. Sign in again.' };
  try {
    const r = await disconnectAccount((await getDatabase()).db, { orgId: p.data.orgId, userId: session.userId, accountId: p.data.accountId, data });
    if (r === 'forbidden') return { error: 'Only owners and admins can disconnect accounts.' };
    if (r === 'not_found') return { error: 'That account is no longer in this organization. Reload the page.' };
  } catch (e) {
    log.error({ err: { name: (e as Error)?.name, code: (e as { code?: unknown })?.code } }, 'disconnecting an account failed');
    return { error: 'Something went wrong and nothing was changed. Try again.' };
  }
  refresh();
  return {
    success:
      data === 'anonymize'
        ? 'Disconnected. Syncing stopped, the stored credentials were deleted, and the buyers of its orders were anonymized; the orders stay as history.'
        : 'Disconnected. Syncing stopped, the stored credentials were deleted, and its orders and listings were deleted.',
  };
}

export async function syncNowAction(form: FormData): Promise<SyncNowState> {
  const p = accountSchema.safeParse({ orgId: text(form, 'orgId'), accountId: text(form, 'accountId') });
  if (!p.success) return { ok: false, error: 'Reload the page and try again.' };
  const session = await getSession();
  if (!session) return { ok: false, error: 'Your session has expired. Sign in again.' };
  let r;
  try {
    r = await withUser(session.claims, (tx) => requestSyncNow(tx, { orgId: p.data.orgId, userId: session.userId, accountId: p.data.accountId }));
  } catch (e) {
    log.error({ err: { name: (e as Error)?.name, code: (e as { code?: unknown })?.code } }, 'sync now failed');
    return { ok: false, error: 'The sync could not be started. Try again.' };
  }
  if (r === 'forbidden') return { ok: false, error: 'Viewers cannot start a sync. Ask an operator or admin.' };
  if (r === 'not_found') return { ok: false, error: 'That account is no longer in this organization. Reload the page.' };
  if (r === 'inactive') return { ok: false, error: 'This account is not syncing: reconnect it first.' };
  after(() => runAccountSync(p.data.accountId, 'manual'));
  return { ok: true };
}
