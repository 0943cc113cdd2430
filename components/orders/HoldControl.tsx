'use client';
// Put an order on hold or release it. Viewers see the control disabled; the server action
// checks the role again (and Postgres a third time), so the disabled button is only a courtesy.
import { useActionState } from 'react';
import { useFormStatus } from 'react-dom';
import { Loader2, PauseCircle, PlayCircle } from 'lucide-react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Card, CardBody, CardHeader } from '@/components/ui/Card';
import { fieldClasses } from '@/components/ui/Input';
import { cn } from '@/components/ui/cn';
import { HOLD_IDLE, HOLD_REASON_MAX, type HoldActionState } from './hold-state';

type Action = (prev: HoldActionState, formData: FormData) => Promise<HoldActionState>;

function Submit({ onHold, disabled }: { onHold: boolean; disabled: boolean }) {
  const { pending } = useFormStatus();
  const Icon = pending ? Loader2 : onHold ? PlayCircle : PauseCircle;
  return (
    <Button type="submit" variant={onHold ? 'secondary' : 'primary'} disabled={disabled || pending} aria-describedby={disabled ? 'hold-viewer-note' : undefined}>
      <Icon aria-hidden className={cn('size-4', pending && 'animate-spin')} />
      {onHold ? 'Release hold' : 'Put on hold'}
    </Button>
  );
}

export function HoldControl({ orderId, onHold, open = true, canEdit, action }: { orderId: string; onHold: boolean; open?: boolean; canEdit: boolean; action: Action }) {
  const [state, formAction] = useActionState(action, HOLD_IDLE);
  if (!onHold && !open) {
    // Shipped, delivered or cancelled: nothing is left to hold back (the server refuses it too).
    return (
      <Card>
        <CardHeader title="Hold" description="Only open orders can be put on hold." />
        <CardBody className="space-y-3">
          <Button type="button" variant="primary" disabled aria-describedby="hold-closed-note">
            <PauseCircle aria-hidden className="size-4" />
            Put on hold
          </Button>
          <p id="hold-closed-note" className="text-sm text-ink-muted">
            This order has already shipped, been delivered or been cancelled.{!canEdit ? " Viewers can't change orders." : ''}
          </p>
        </CardBody>
      </Card>
    );
  }
  return (
    <Card>
      <CardHeader title="Hold" description={onHold ? 'This order is held back from fulfilment.' : 'Hold an order to keep it from being shipped.'} />
      <CardBody>
        {/* key: a fresh form after each change, so the reason box starts empty again. */}
        <form action={formAction} className="space-y-3" key={String(onHold)}>
          <input type="hidden" name="orderId" value={orderId} />
          <input type="hidden" name="hold" value={onHold ? 'false' : 'true'} />
          {!onHold ? (
            <div>
              <label htmlFor="hold-reason" className="mb-1 block text-sm font-medium text-ink">
                Reason <span className="font-normal text-ink-muted">(optional)</span>
              </label>
              <textarea
                id="hold-reason"
                name="reason"
                rows={2}
                maxLength={HOLD_REASON_MAX}
                disabled={!canEdit}
                placeholder="e.g. Address to confirm with the buyer"
                className={cn(fieldClasses, 'py-2')}
              />
            </div>
          ) : null}
          <Submit onHold={onHold} disabled={!canEdit} />
          {!canEdit ? (
            <p id="hold-viewer-note" className="text-sm text-ink-muted">
              Viewers can&apos;t change orders.
            </p>
          ) : null}
          {state.status === 'error' ? <Alert tone="error">{state.message}</Alert> : null}
          {state.status === 'ok' ? <Alert tone="success">{state.message}</Alert> : null}
        </form>
      </CardBody>
    </Card>
  );
}
