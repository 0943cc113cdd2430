import { Card, CardBody, CardHeader } from '@/components/ui/Card';
import { cn } from '@/components/ui/cn';
import { formatDateTime } from '@/components/ui/format';
import type { OrderEventView } from '@/lib/orders/events';
import { describeOrderEvent } from './event-words';

const DOT = { neutral: 'bg-ink-faint', success: 'bg-success', warning: 'bg-warning', danger: 'bg-danger' } as const;

/** What happened to the order, newest first: status changes, holds, labels, tracking, privacy. */
export function OrderHistory({ events, marketplace, timeZone }: { events: OrderEventView[]; marketplace: string; timeZone: string }) {
  return (
    <Card data-testid="order-history">
      <CardHeader title="History" description="What happened to this order, newest first" />
      <CardBody>
        <ol className="space-y-3 text-sm">
          {events.map((e) => {
            const w = describeOrderEvent(e, marketplace);
            return (
              <li key={e.id} className="flex gap-3" data-testid="order-event">
                <span aria-hidden className={cn('mt-1.5 size-2 shrink-0 rounded-full', DOT[w.tone])} />
                <div className="min-w-0 break-words [overflow-wrap:anywhere]">
                  <p className="font-medium text-ink">{w.title}</p>
                  {w.detail ? <p className="text-ink-muted">{w.detail}</p> : null}
                  <p className="text-xs text-ink-muted">
                    <time dateTime={e.at.toISOString()} className="tabular-nums">
                      {formatDateTime(e.at, { clock: '12h', timeZone })}
                    </time>{' '}
                    · {w.who}
                  </p>
                </div>
              </li>
            );
          })}
        </ol>
      </CardBody>
    </Card>
  );
}
