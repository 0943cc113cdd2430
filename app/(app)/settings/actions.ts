'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getSession, type Session } from '@/lib/auth/session';
import { withUser, type Tx } from '@/lib/db';
import { ROLES } from '@/lib/db/schema';
import { log } from '@/lib/log';
import { changeMemberRole, leaveOrganization, MemberError, removeMember, renameOrganization } from '@/lib/orgs/members';
import { invitationPath, inviteMember, revokeInvitation } from '@/lib/orgs/invitations';
import { setTimeZone, TimeZoneError } from '@/lib/orgs/time-zone';
import type { SettingsFormState } from '@/components/settings/form-state';

const orgId = z.uuid({ error: 'Reload the page and try again.' });
const role = z.enum(ROLES, { error: 'Choose a role' });

const renameSchema = z.object({
  orgId,
  name: z.string().trim().min(1, 'Enter a name').max(100, 'Use at most 100 characters'),
});
const inviteSchema = z.object({
  orgId,
  email: z.string().trim().toLowerCase().pipe(z.email({ error: 'Enter a valid email address' })),
  role,
});
const changeSchema = z.object({ orgId, userId: z.uuid(), role });
const removeSchema = z.object({ orgId, userId: z.uuid() });
const revokeSchema = z.object({ orgId, invitationId: z.uuid() });
const leaveSchema = z.object({ orgId });
const timeZoneSchema = z.object({ orgId, timeZone: z.string().min(1, 'Choose a time zone from the list.').max(64) });

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
    if (e instanceof MemberError || e instanceof TimeZoneError) return { error: e.message };
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
  const stale = fields.orgId ?? fields.userId ?? fields.invitationId;
  return { error: stale ? 'Reload the page and try again.' : undefined, fields };
}

export async function renameOrganizationAction(_: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  const p = renameSchema.safeParse({ orgId: text(form, 'orgId'), name: text(form, 'name') });
  if (!p.success) return { ...firstIssue(p.error), values: { name: text(form, 'name') ?? '' } };
  const state = await run((tx, s) => renameOrganization(tx, { userId: s.userId }, p.data.orgId, p.data.name), 'Organization name saved.');
  return { ...state, values: { name: p.data.name } };
}

/**
 * Invites an e-mail. The answer never says whether the address has an ESM account: either way
 * there is a link to hand over, and nothing is granted until the invitee accepts it.
 */
export async function inviteMemberAction(_: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  const raw = { orgId: text(form, 'orgId'), email: text(form, 'email') ?? '', role: text(form, 'role') };
  const p = inviteSchema.safeParse(raw);
  if (!p.success) return { ...firstIssue(p.error), values: { email: raw.email, role: raw.role ?? '' } };
  let token = '';
  const state = await run(async (tx, s) => {
    token = (await inviteMember(tx, { userId: s.userId }, p.data.orgId, p.data.email, p.data.role)).token;
  }, `Invitation for ${p.data.email} as ${p.data.role} created. Send them this link; it works for 7 days, once.`);
  // Keep what was typed when it failed; start clean after a success.
  if (state.error) return { ...state, values: { email: raw.email, role: p.data.role } };
  return { ...state, link: invitationPath(token) };
}

export async function revokeInvitationAction(_: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  const p = revokeSchema.safeParse({ orgId: text(form, 'orgId'), invitationId: text(form, 'invitationId') });
  if (!p.success) return firstIssue(p.error);
  return run((tx, s) => revokeInvitation(tx, { userId: s.userId }, p.data.orgId, p.data.invitationId), 'Invitation withdrawn.');
}

/** Leaves an organization; the current organization falls back to the home one by itself. */
export async function leaveOrganizationAction(_: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  const p = leaveSchema.safeParse({ orgId: text(form, 'orgId') });
  if (!p.success) return firstIssue(p.error);
  return run((tx, s) => leaveOrganization(tx, { userId: s.userId }, p.data.orgId), 'You left the organization.');
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

/** The zone reports use for their day boundaries (owners and admins; validated in lib/orgs). */
export async function setTimeZoneAction(_: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  const p = timeZoneSchema.safeParse({ orgId: text(form, 'orgId'), timeZone: text(form, 'timeZone') });
  if (!p.success) return firstIssue(p.error);
  return run((tx, s) => setTimeZone(tx, { userId: s.userId }, p.data.orgId, p.data.timeZone), 'Time zone saved.');
}
