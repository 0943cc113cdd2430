import { Card, CardBody, CardHeader } from '@/components/ui/Card';
import { cn } from '@/components/ui/cn';
import type { OrderDetail } from '@/lib/orders/detail';
import { formatDateTime, formatZone } from '@/components/ui/format';

/** "America/Chicago (CST)", or just "UTC". */
function zoneName(timeZone: string, at: Date): string {
  const short = formatZone(at, { timeZone });
  return short === timeZone ? timeZone : `${timeZone.replaceAll('_', ' ')} (${short})`;
}

export function Timeline({ order, timeZone }: { order: OrderDetail; timeZone: string }) {
  const facts: Array<[string, Date | null, string?]> = [
    ['Ordered', order.orderedAt],
    ['Ship by', order.shipBy, order.late ? 'text-danger font-medium' : undefined],
    ['Deliver by', order.deliverBy],
    ['Shipped', order.shippedAt],
    ['Delivered', order.deliveredAt],
    ['Cancelled', order.cancelledAt],
  ];
  return (
    <Card>
      <CardHeader title="Timeline" description={`Times in ${zoneName(timeZone, order.orderedAt)}`} />
      <CardBody>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
          {facts.map(([label, at, tone]) => (
            <div key={label} className="contents">
              <dt className="text-ink-muted">{label}</dt>
              <dd className={cn('tabular-nums', at ? (tone ?? 'text-ink') : 'text-ink-faint')}>
                {formatDateTime(at, { clock: '12h', zone: false, timeZone })}
                {label === 'Ship by' && order.late ? ' · Late' : ''}
              </dd>
            </div>
          ))}
        </dl>
      </CardBody>
    </Card>
  );
}
