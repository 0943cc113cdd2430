'use server';

import { revalidatePath } from 'next/cache';
import { after } from 'next/server';
import { z } from 'zod';
import { serviceDatabase, withUser } from '@/lib/db';
import type { Marketplace } from '@/lib/model';
import { formFields, runAction, type ActionOutcome } from '@/lib/actions';
import { ACCOUNT_MESSAGES, COMMON } from '@/lib/messages';
import { disconnectAccount } from '@/lib/accounts/connect';
import { appConnectDeps, connectWithCredentials, type ConnectError } from '@/lib/accounts/connect-flow';
import type { AccountCredentials } from '@/lib/accounts/credentials';
import { requestSyncNow, runAccountSync } from '@/lib/accounts/sync-now';
import { CONNECT_MESSAGE_CODES, connectedMessage, connectErrorMessage, sharedSellerWarning } from '@/components/accounts/messages';
import type { AccountFormState, SyncNowState } from '@/components/accounts/form-state';

const PAGE_FIELDS = ['orgId', 'accountId'] as const;
const ids = {
  orgId: z.uuid({ error: COMMON.stale }),
  accountId: z.union([z.uuid({ error: COMMON.stale }), z.literal('').transform(() => undefined)]).optional(),
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
const accountSchema = z.object({ orgId: ids.orgId, accountId: z.uuid({ error: COMMON.stale }) });
const disconnectSchema = accountSchema.extend({ data: z.enum(['anonymize', 'delete'], { error: ACCOUNT_MESSAGES.chooseData }) });

/** The form's state for any failure: page fields stale → reload; else the message per field. */
function failed(r: Exclude<ActionOutcome<unknown, unknown>, { ok: true }>, values?: Record<string, string>): AccountFormState {
  const state: AccountFormState =
    r.kind === 'invalid' ? { error: r.stale ? COMMON.stale : r.fields.data, fields: r.fields } : { error: r.message };
  return values ? { ...state, values } : state;
}

function refresh() {
  revalidatePath('/accounts');
  revalidatePath('/', 'layout'); // the needs-reconnect banner
}

const connectRefusals = (m: Marketplace) =>
  Object.fromEntries(CONNECT_MESSAGE_CODES.map((c) => [c, connectErrorMessage(m, c)])) as Record<ConnectError, string>;

async function connect<S extends z.ZodType<{ orgId: string; accountId?: string }>>(
  marketplace: Marketplace,
  schema: S,
  raw: Record<string, unknown>,
  credentials: (input: z.output<S>) => AccountCredentials,
  values: Record<string, string>,
): Promise<AccountFormState> {
  const r = await runAction(
    {
      name: `accounts.connect.${marketplace}`,
      schema,
      pageFields: PAGE_FIELDS,
      run: async ({ input, session }) => {
        const out = await connectWithCredentials(await appConnectDeps(), {
          orgId: input.orgId, userId: session.userId, accountId: input.accountId, marketplace, credentials: credentials(input),
        });
        // ConnectOutcome names its refusal `error`; the action convention calls it `reason`.
        return out.ok ? out : ({ ok: false, reason: out.error } as const);
      },
      refusals: connectRefusals(marketplace),
      messages: { failed: ACCOUNT_MESSAGES.nothingSaved },
    },
    raw,
  );
  if (!r.ok) return failed(r, values);
  const { accountId, reconnected, sharedSeller } = r.value;
  after(() => runAccountSync(accountId, 'connect'));
  refresh();
  return { success: connectedMessage(marketplace, reconnected), ...(sharedSeller ? { warning: sharedSellerWarning(marketplace) } : {}) };
}

export async function connectWalmartAction(_: AccountFormState, form: FormData): Promise<AccountFormState> {
  const raw = formFields(form, ['orgId', 'accountId', 'clientId', 'clientSecret']);
  const typed = { clientId: raw.clientId ?? '', clientSecret: raw.clientSecret ?? '' };
  return connect('walmart', walmartSchema, { ...raw, ...typed }, (i) => ({ clientId: i.clientId, clientSecret: i.clientSecret }), { clientId: typed.clientId });
}

export async function connectAmazonTokenAction(_: AccountFormState, form: FormData): Promise<AccountFormState> {
  const raw = formFields(form, ['orgId', 'accountId', 'refreshToken', 'sellingPartnerId']);
  const typed = { refreshToken: raw.refreshToken ?? '', sellingPartnerId: raw.sellingPartnerId ?? '' };
  return connect('amazon', amazonTokenSchema, { ...raw, ...typed }, (i) => ({ refreshToken: i.refreshToken, sellingPartnerId: i.sellingPartnerId }), { sellingPartnerId: typed.sellingPartnerId });
}

export async function disconnectAction(_: AccountFormState, form: FormData): Promise<AccountFormState> {
  const r = await runAction(
    {
      name: 'accounts.disconnect',
      schema: disconnectSchema,
      pageFields: PAGE_FIELDS,
      // The service path: the stored credentials are out of the person's reach; disconnectAccount checks the role.
      run: async ({ input, session }) => {
        const out = await disconnectAccount(await serviceDatabase('connect-account'), { ...input, userId: session.userId });
        return out === 'ok' ? ({ ok: true } as const) : ({ ok: false, reason: out } as const);
      },
      refusals: { forbidden: ACCOUNT_MESSAGES.disconnectForbidden, not_found: ACCOUNT_MESSAGES.gone },
    },
    formFields(form, ['orgId', 'accountId', 'data']),
  );
  if (!r.ok) return { error: failed(r).error };
  refresh();
  return { success: r.input.data === 'anonymize' ? ACCOUNT_MESSAGES.disconnectedAnonymized : ACCOUNT_MESSAGES.disconnectedDeleted };
}

export async function syncNowAction(form: FormData): Promise<SyncNowState> {
  const r = await runAction(
    {
      name: 'accounts.sync-now',
      schema: accountSchema,
      pageFields: PAGE_FIELDS,
      run: ({ input, session }) => withUser(session.claims, (tx) => requestSyncNow(tx, { ...input, userId: session.userId })),
      refusals: { forbidden: ACCOUNT_MESSAGES.syncForbidden, not_found: ACCOUNT_MESSAGES.gone, inactive: ACCOUNT_MESSAGES.syncInactive },
      messages: { failed: ACCOUNT_MESSAGES.syncFailed },
    },
    formFields(form, ['orgId', 'accountId']),
  );
  if (!r.ok) return { ok: false, error: failed(r).error };
  after(() => runAccountSync(r.input.accountId, 'manual'));
  return { ok: true };
}
