'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { withUser } from '@/lib/db';
import { formFields, runAction } from '@/lib/actions';
import { ANSWER_MESSAGES, answerInvitation, invitationPath, TOKEN_PATTERN } from '@/lib/orgs/invitations';
import { setCurrentOrg } from '@/lib/orgs/switch';

export interface AnswerState {
  error?: string;
}

const schema = z.object({
  token: z.string({ error: ANSWER_MESSAGES.not_found }).regex(TOKEN_PATTERN, ANSWER_MESSAGES.not_found),
  answer: z.enum(['accept', 'decline'], { error: 'Choose Accept or Decline.' }),
});

/**
 * The invitee accepts (button value "accept") or declines. The database checks who is asking;
 * after accepting, the new organization becomes the current one and the user lands in it.
 * The token is never logged: it is a credential until used.
 */
export async function answerInvitationAction(_: AnswerState, form: FormData): Promise<AnswerState> {
  const r = await runAction(
    {
      name: 'invitation.answer',
      schema,
      run: ({ input, session }) =>
        withUser(session.claims, async (tx) => {
          const a = await answerInvitation(tx, input.token, input.answer === 'accept');
          if (a.outcome === 'accepted' || a.outcome === 'already_member' || a.outcome === 'declined') {
            if (a.orgId && a.outcome !== 'declined') await setCurrentOrg(tx, session.userId, a.orgId);
            return { ok: true, outcome: a.outcome } as const;
          }
          return { ok: false, reason: a.outcome } as const;
        }),
      refusals: ANSWER_MESSAGES,
    },
    formFields(form, ['token', 'answer']),
  );
  if (!r.ok) {
    if (r.kind === 'invalid') return { error: r.fields.token ?? r.fields.answer };
    if (r.kind === 'session') redirect(`/sign-in?next=${encodeURIComponent(invitationPath(r.input.token))}`);
    return { error: r.message };
  }
  if (r.value.outcome === 'declined') {
    revalidatePath(invitationPath(r.input.token));
    return {};
  }
  revalidatePath('/', 'layout');
  redirect('/orders');
}
