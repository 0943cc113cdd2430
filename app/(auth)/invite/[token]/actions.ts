'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getSession } from '@/lib/auth/session';
import { withUser } from '@/lib/db';
import { log } from '@/lib/log';
import { ANSWER_MESSAGES, answerInvitation, invitationPath, TOKEN_PATTERN, type AnswerOutcome } from '@/lib/orgs/invitations';
import { setCurrentOrg } from '@/lib/orgs/switch';

export interface AnswerState {
  error?: string;
}

/**
 * The invitee accepts (button value "accept") or declines. The database checks who is asking;
 * after accepting, the new organization becomes the current one and the user lands in it.
 */
export async function answerInvitationAction(_: AnswerState, form: FormData): Promise<AnswerState> {
  const token = form.get('token');
  if (typeof token !== 'string' || !TOKEN_PATTERN.test(token)) return { error: ANSWER_MESSAGES.not_found };
  const answer = form.get('answer');
  if (answer !== 'accept' && answer !== 'decline') return { error: 'Choose Accept or Decline.' };
  const accept = answer === 'accept';
  const session = await getSession();
  if (!session) redirect(`/sign-in?next=${encodeURIComponent(invitationPath(token))}`);
  let outcome: AnswerOutcome;
  try {
    outcome = await withUser(session.claims, async (tx) => {
      const r = await answerInvitation(tx, token, accept);
      if (r.orgId && (r.outcome === 'accepted' || r.outcome === 'already_member')) await setCurrentOrg(tx, session.userId, r.orgId);
      return r.outcome;
    });
  } catch (e) {
    // Never the token: it is a credential until used.
    log.error({ err: e instanceof Error ? { name: e.name, code: (e as { code?: unknown }).code } : undefined }, 'invitation answer failed');
    return { error: 'Something went wrong and nothing was changed. Try again.' };
  }
  if (outcome === 'accepted' || outcome === 'already_member') {
    revalidatePath('/', 'layout');
    redirect('/orders');
  }
  if (outcome === 'declined') {
    revalidatePath(invitationPath(token));
    return {};
  }
  return { error: ANSWER_MESSAGES[outcome] };
}
