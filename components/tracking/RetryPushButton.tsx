'use client';
// "Retry" on a tracking upload that failed: queues it again (operators and up; the server checks).
import { useActionState } from 'react';
import { useFormStatus } from 'react-dom';
import { Loader2, RotateCw } from 'lucide-react';
import { Button } from '@/components/ui/Button';
import { cn } from '@/components/ui/cn';
import { retryPushAction } from '@/app/(app)/orders/[id]/push-actions';

function Submit() {
  const { pending } = useFormStatus();
  const Icon = pending ? Loader2 : RotateCw;
  return (
    <Button type="submit" size="sm" variant="secondary" disabled={pending}>
      <Icon aria-hidden className={cn('size-3.5', pending && 'animate-spin')} />
      Retry
    </Button>
  );
}

export function RetryPushButton({ shipmentId, orderId }: { shipmentId: string; orderId: string }) {
  const [state, action] = useActionState(retryPushAction, null);
  return (
    <form action={action} className="inline-flex flex-wrap items-center gap-2">
      <input type="hidden" name="shipmentId" value={shipmentId} />
      <input type="hidden" name="orderId" value={orderId} />
      <Submit />
      {state ? (
        <span role="status" className={cn('text-xs', state.ok ? 'text-success' : 'text-danger')}>
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
