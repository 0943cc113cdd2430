'use client';

import { useActionState } from 'react';
import { Check, X } from 'lucide-react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { answerInvitationAction, type AnswerState } from './actions';

export function AnswerForm({ token, orgName }: { token: string; orgName: string }) {
  const [state, action, pending] = useActionState<AnswerState, FormData>(answerInvitationAction, {});
  return (
    <form action={action} className="space-y-3" aria-label={`Answer the invitation to ${orgName}`}>
      <input type="hidden" name="token" value={token} />
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <div className="flex flex-col gap-2 sm:flex-row">
        <Button type="submit" name="answer" value="accept" size="lg" className="w-full sm:w-auto sm:flex-1" disabled={pending}>
          <Check aria-hidden className="size-4" />
          Accept and join
        </Button>
        <Button type="submit" name="answer" value="decline" variant="secondary" size="lg" className="w-full sm:w-auto sm:flex-1" disabled={pending}>
          <X aria-hidden className="size-4" />
          Decline
        </Button>
      </div>
    </form>
  );
}
