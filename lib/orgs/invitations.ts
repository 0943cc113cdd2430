// Invitations: the only way into someone else's organization. An admin invites an e-mail with a
// role and gets a link holding a random token (256 bits; only its SHA-256 is stored). Nothing is
// granted until the invitee, signed in as that e-mail, accepts through private.accept_invitation,
// which checks everything itself, so the rule holds without this code. Every function runs in the
// caller's `withUser` transaction.
import crypto from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/lib/db/connect';
import { invitations } from '@/lib/db/schema';
import { type Role } from '@/lib/model';
import { recordAudit } from '@/lib/audit';
import { guarded, listMembers, MemberError, requireManager, type Actor } from './members';

/** base64url of 32 random bytes: what a link carries. Anything else is not a token. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newInvitationToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

export function hashInvitationToken(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}

export function invitationPath(token: string): string {
  return `/invite/${token}`;
}

export interface PendingInvitation {
  id: string;
  email: string;
  role: Role;
  invitedBy: string | null;
  createdAt: Date;
  expiresAt: Date;
}

/**
 * Invites `email` with `role`. The answer is the same whether or not the address has an ESM
 * account (nothing here looks one up): a fresh link to hand over. A pending invitation to the
 * same address is replaced (revoked, audited), since its link cannot be shown again.
 */
export async function inviteMember(tx: Tx, actor: Actor, orgId: string, email: string, role: Role): Promise<{ id: string; token: string }> {
  return guarded(async () => {
    const actorRole = await requireManager(tx, actor, orgId);
    if (role === 'owner' && actorRole !== 'owner') throw new MemberError('owner_only');
    const address = email.trim().toLowerCase();
    // Members' addresses are already visible to an admin; this tells them nothing new.
    if ((await listMembers(tx, orgId)).some((m) => m.email.toLowerCase() === address)) throw new MemberError('already_member');
    const [open] = await tx
      .select({ id: invitations.id })
      .from(invitations)
      .where(and(eq(invitations.orgId, orgId), eq(invitations.email, address), eq(invitations.status, 'pending')));
    if (open) {
      const [r] = rowsOf<{ outcome: string }>(await tx.execute(sql`select private.revoke_invitation(${orgId}::uuid, ${open.id}::uuid) as outcome`));
      if (r.outcome === 'owner_only') throw new MemberError('owner_only');
    }
    const token = newInvitationToken();
    // Raw SQL: authenticated may insert these columns only (status and expiry are the database's).
    const [row] = rowsOf<{ id: string }>(
      await tx.execute(sql`insert into public.invitations (org_id, email, role, token_hash, invited_by)
        values (${orgId}::uuid, ${address}, ${role}, ${hashInvitationToken(token)}, ${actor.userId}::uuid) returning id`),
    );
    await recordAudit(tx, {
      orgId,
      actor: { type: 'user', userId: actor.userId },
      action: 'invitation.created',
      targetType: 'invitation',
      targetId: row.id,
      details: { role },
    });
    return { id: row.id, token };
  });
}

/** Pending invitations of an organization (admins only; others get none). Overdue ones are settled first. */
export async function listPendingInvitations(tx: Tx, orgId: string): Promise<PendingInvitation[]> {
  await tx.execute(sql`select private.expire_invitations(${orgId}::uuid)`);
  return tx
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      invitedBy: invitations.invitedBy,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .where(and(eq(invitations.orgId, orgId), eq(invitations.status, 'pending')))
    .orderBy(asc(invitations.createdAt));
}

export async function revokeInvitation(tx: Tx, actor: Actor, orgId: string, invitationId: string): Promise<void> {
  return guarded(async () => {
    await requireManager(tx, actor, orgId);
    const [r] = rowsOf<{ outcome: string }>(
      await tx.execute(sql`select private.revoke_invitation(${orgId}::uuid, ${invitationId}::uuid) as outcome`),
    );
    if (r.outcome === 'owner_only') throw new MemberError('owner_only');
    if (r.outcome !== 'revoked') throw new MemberError('invitation_gone');
  });
}

export type InvitationStatusView = 'pending' | 'accepted' | 'declined' | 'revoked' | 'expired';

export interface InvitationPreview {
  id: string;
  status: InvitationStatusView;
  forMe: boolean;
  alreadyMember: boolean;
  /** Told only to the invitee. */
  orgName: string | null;
  role: Role | null;
  inviterEmail: string | null;
  expiresAt: Date;
}

/** What the invitation page shows, or null for a link that names no invitation. */
export async function previewInvitation(tx: Tx, token: string): Promise<InvitationPreview | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const [r] = rowsOf<{
    id: string; status: InvitationStatusView; for_me: boolean; already_member: boolean; org_name: string | null;
    role: Role | null; inviter_email: string | null; expires_at: string | Date;
  }>(await tx.execute(sql`select * from private.invitation_preview(${hashInvitationToken(token)})`));
  if (!r) return null;
  return {
    id: r.id,
    status: r.status,
    forMe: r.for_me,
    alreadyMember: r.already_member,
    orgName: r.org_name,
    role: r.role,
    inviterEmail: r.inviter_email,
    expiresAt: new Date(r.expires_at),
  };
}

export type AnswerOutcome = 'accepted' | 'already_member' | 'declined' | 'not_found' | 'wrong_email' | 'expired' | 'revoked' | 'used';

export const ANSWER_MESSAGES: Record<Exclude<AnswerOutcome, 'accepted' | 'declined'>, string> = {
  already_member: 'You are already a member of this organization.',
  not_found: 'This invitation link is not valid. Check that you copied all of it.',
  wrong_email: 'This invitation was sent to another email address. Sign in with that address to answer it.',
  expired: 'This invitation has expired. Ask for a new one.',
  revoked: 'This invitation was withdrawn.',
  used: 'This invitation has already been answered.',
};

/** Accepts or declines as the signed-in user; the database decides and audits. */
export async function answerInvitation(tx: Tx, token: string, accept: boolean): Promise<{ outcome: AnswerOutcome; orgId: string | null }> {
  if (!TOKEN_PATTERN.test(token)) return { outcome: 'not_found', orgId: null };
  const fn = accept ? sql`private.accept_invitation` : sql`private.decline_invitation`;
  const [r] = rowsOf<{ outcome: AnswerOutcome; org_id: string | null }>(
    await tx.execute(sql`select outcome, org_id from ${fn}(${hashInvitationToken(token)})`),
  );
  return { outcome: r?.outcome ?? 'not_found', orgId: r?.org_id ?? null };
}
