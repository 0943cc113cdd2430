'use client';

import { useActionState } from 'react';
import { RotateCcw } from 'lucide-react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { retryFailedAction, type BulkState } from '@/app/(app)/shipments/bulk/actions';

export function RetryFailed({ batchId, count }: { batchId: string; count: number }) {
  const [state, action, pending] = useActionState<BulkState, FormData>(retryFailedAction, {});
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="batchId" value={batchId} />
      <p className="text-sm text-ink-muted">
        Correct the addresses or change the rules first, then try the orders without a label again. Orders that got a label are not bought again.
      </p>
      <Button type="submit" variant="secondary" disabled={pending}>
        <RotateCcw aria-hidden className="size-4" />
        {pending ? 'Starting…' : `Retry ${count} without a label`}
      </Button>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
    </form>
  );
}
