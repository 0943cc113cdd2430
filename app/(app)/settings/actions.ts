'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getSession, type Session } from '@/lib/auth/session';
import { withUser, type Tx } from '@/lib/db';
import { ROLES } from '@/lib/db/schema';
import { log } from '@/lib/log';
import { addMember, changeMemberRole, MemberError, removeMember, renameOrganization } from '@/lib/orgs/members';
import type { SettingsFormState } from '@/components/settings/form-state';

const orgId = z.uuid({ error: 'Reload the page and try again.' });
const role = z.enum(ROLES, { error: 'Choose a role' });

const renameSchema = z.object({
  orgId,
  name: z.string().trim().min(1, 'Enter a name').max(100, 'Use at most 100 characters'),
});
const addSchema = z.object({
  orgId,
  email: z.string().trim().toLowerCase().pipe(z.email({ error: 'Enter a valid email address' })),
  role,
});
const changeSchema = z.object({ orgId, userId: z.uuid(), role });
const removeSchema = z.object({ orgId, userId: z.uuid() });

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === 'string' ? v : undefined;
};

/** Session check, one lib call in the user's transaction, and errors people can act on. */
async function run(work: (tx: Tx, session: Session) => Promise<void>, success: string): Promise<SettingsFormState> {
  const session = await getSession();
  if (!session) return { error: 'Your session has expired. Sign in again.' };
  try {
    await withUser(session.claims, (tx) => work(tx, session));
  } catch (e) {
    if (e instanceof MemberError) return { error: e.message };
    log.error({ err: e instanceof Error ? { name: e.name, code: (e as { code?: unknown }).code } : undefined }, 'settings action failed');
    return { error: 'Something went wrong and nothing was changed. Try again.' };
  }
  revalidatePath('/settings');
  revalidatePath('/', 'layout'); // the switcher shows the organization's name
  return { success };
}

function firstIssue(e: z.ZodError): SettingsFormState {
  const fields: Record<string, string> = {};
  for (const issue of e.issues) fields[String(issue.path[0])] ??= issue.message;
  return { error: fields.orgId ?? fields.userId ? 'Reload the page and try again.' : undefined, fields };
}

export async function renameOrganizationAction(_: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  const p = renameSchema.safeParse({ orgId: text(form, 'orgId'), name: text(form, 'name') });
  if (!p.success) return { ...firstIssue(p.error), values: { name: text(form, 'name') ?? '' } };
  const state = await run((tx, s) => renameOrganization(tx, { userId: s.userId }, p.data.orgId, p.data.name), 'Organization name saved.');
  return { ...state, values: { name: p.data.name } };
}

export async function addMemberAction(_: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  const raw = { orgId: text(form, 'orgId'), email: text(form, 'email') ?? '', role: text(form, 'role') };
  const p = addSchema.safeParse(raw);
  if (!p.success) return { ...firstIssue(p.error), values: { email: raw.email, role: raw.role ?? '' } };
  const state = await run(
    async (tx, s) => void (await addMember(tx, { userId: s.userId }, p.data.orgId, p.data.email, p.data.role)),
    `${p.data.email} was added as ${p.data.role}.`,
  );
  // Keep what was typed when it failed; start clean after a success.
  return state.error ? { ...state, values: { email: raw.email, role: p.data.role } } : state;
}

export async function changeRoleAction(_: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  const p = changeSchema.safeParse({ orgId: text(form, 'orgId'), userId: text(form, 'userId'), role: text(form, 'role') });
  if (!p.success) return firstIssue(p.error);
  return run((tx, s) => changeMemberRole(tx, { userId: s.userId }, p.data.orgId, p.data.userId, p.data.role), 'Role updated.');
}

export async function removeMemberAction(_: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  const p = removeSchema.safeParse({ orgId: text(form, 'orgId'), userId: text(form, 'userId') });
  if (!p.success) return firstIssue(p.error);
  return run((tx, s) => removeMember(tx, { userId: s.userId }, p.data.orgId, p.data.userId), 'Member removed.');
}
