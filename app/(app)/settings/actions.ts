'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { Session } from '@/lib/auth/session';
import { withUser, type Tx } from '@/lib/db';
import { ROLES } from '@/lib/model';
import { formFields, runAction, type ActionOutcome } from '@/lib/actions';
import { COMMON } from '@/lib/messages';
import { changeMemberRole, leaveOrganization, removeMember, renameOrganization } from '@/lib/orgs/members';
import { invitationPath, inviteMember, revokeInvitation } from '@/lib/orgs/invitations';
import { setTimeZone } from '@/lib/orgs/time-zone';
import type { SettingsFormState } from '@/components/settings/form-state';

const orgId = z.uuid({ error: COMMON.stale });
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

/**
 * Parse, session, one lib call in the user's transaction (the lib checks the role and throws a
 * MemberError people can act on), then the page refreshed.
 */
async function run<S extends z.ZodType, T>(
  name: string,
  schema: S,
  raw: unknown,
  work: (tx: Tx, session: Session, input: z.output<S>) => Promise<T>,
): Promise<ActionOutcome<z.output<S>, T>> {
  const r = await runAction(
    { name: `settings.${name}`, schema, pageFields: ['orgId', 'userId', 'invitationId'], run: ({ input, session }) => withUser(session.claims, (tx) => work(tx, session, input)) },
    raw,
  );
  if (r.ok) {
    revalidatePath('/settings');
    revalidatePath('/', 'layout'); // the switcher shows the organization's name
  }
  return r;
}

function state(r: ActionOutcome<unknown, unknown>, success: string): SettingsFormState {
  if (r.ok) return { success };
  if (r.kind === 'invalid') return { error: r.stale ? COMMON.stale : undefined, fields: r.fields };
  return { error: r.message };
}

export async function renameOrganizationAction(_: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  const raw = formFields(form, ['orgId', 'name']);
  const r = await run('rename', renameSchema, raw, (tx, s, i) => renameOrganization(tx, { userId: s.userId }, i.orgId, i.name));
  return { ...state(r, 'Organization name saved.'), values: { name: r.ok || r.kind !== 'invalid' ? r.input.name : (raw.name ?? '') } };
}

/**
 * Invites an e-mail. The answer never says whether the address has an ESM account: either way
 * there is a link to hand over, and nothing is granted until the invitee accepts it.
 */
export async function inviteMemberAction(_: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  const raw = formFields(form, ['orgId', 'email', 'role']);
  const r = await run('invite', inviteSchema, { ...raw, email: raw.email ?? '' }, (tx, s, i) => inviteMember(tx, { userId: s.userId }, i.orgId, i.email, i.role));
  // Keep what was typed when it failed; start clean after a success.
  if (r.ok) {
    const { email, role } = r.input;
    return { ...state(r, `Invitation for ${email} as ${role} created. Send them this link; it works for 7 days, once.`), link: invitationPath(r.value.token) };
  }
  return { ...state(r, ''), values: { email: raw.email ?? '', role: r.kind === 'invalid' ? (raw.role ?? '') : r.input.role } };
}

export async function revokeInvitationAction(_: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  const r = await run('revoke', revokeSchema, formFields(form, ['orgId', 'invitationId']), (tx, s, i) => revokeInvitation(tx, { userId: s.userId }, i.orgId, i.invitationId));
  return state(r, 'Invitation withdrawn.');
}

/** Leaves an organization; the current organization falls back to the home one by itself. */
export async function leaveOrganizationAction(_: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  const r = await run('leave', leaveSchema, formFields(form, ['orgId']), (tx, s, i) => leaveOrganization(tx, { userId: s.userId }, i.orgId));
  return state(r, 'You left the organization.');
}

export async function changeRoleAction(_: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  const r = await run('change-role', changeSchema, formFields(form, ['orgId', 'userId', 'role']), (tx, s, i) =>
    changeMemberRole(tx, { userId: s.userId }, i.orgId, i.userId, i.role),
  );
  return state(r, 'Role updated.');
}

export async function removeMemberAction(_: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  const r = await run('remove-member', removeSchema, formFields(form, ['orgId', 'userId']), (tx, s, i) => removeMember(tx, { userId: s.userId }, i.orgId, i.userId));
  return state(r, 'Member removed.');
}

/** The zone reports use for their day boundaries (owners and admins; validated in lib/orgs). */
export async function setTimeZoneAction(_: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  const r = await run('time-zone', timeZoneSchema, formFields(form, ['orgId', 'timeZone']), (tx, s, i) =>
    setTimeZone(tx, { userId: s.userId }, i.orgId, i.timeZone),
  );
  return state(r, 'Time zone saved.');
}
