// The order page's "Packages & tracking" card: each package (an ESM label or one shipped outside
// ESM) with its items and whether its tracking reached the marketplace (the marketplace's
// message and Retry when it did not), a failed Walmart acknowledgement, and "Mark as shipped"
// for operators while units are left to ship. The order page's route loads the data
// (app/(app)/orders/[id]/tracking-section.tsx).
import { Badge } from '@/components/ui/Badge';
import { Alert } from '@/components/ui/Alert';
import { Card, CardBody, CardHeader } from '@/components/ui/Card';
import { formatDate, formatDateTime, formatMarketplace } from '@/components/ui/format';
import type { OrderTracking } from '@/lib/tracking/view';
import { MarkShippedForm } from './MarkShippedForm';
import { PUSH_TONES, pushLabel } from './push-status';
import { RetryPushButton } from './RetryPushButton';

const todayIn = (timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

export function TrackingPanel({ orderId, tracking: t, canEdit, timeZone }: { orderId: string; tracking: OrderTracking; canEdit: boolean; timeZone: string }) {
  const left = t.open.filter((l) => l.unshipped > 0);
  const canMark = canEdit && !t.onHold && !['cancelled', 'shipped', 'delivered'].includes(t.status) && left.length > 0;
  if (!t.packages.length && !canMark && !t.acknowledgeError) return null;
  const m = formatMarketplace(t.marketplace);
  return (
    <Card data-testid="tracking-panel">
      <CardHeader title="Packages & tracking" description={`Tracking numbers are sent to ${m} for each package.`} />
      <CardBody className="space-y-4 text-sm">
        {t.acknowledgeError ? <Alert tone="error">{m} did not accept ESM&apos;s acknowledgement of this order: {t.acknowledgeError}</Alert> : null}
        {t.packages.map((p, i) => (
          <div key={p.id} className="space-y-1.5 border-b border-line pb-3 last:border-0 last:pb-0" data-testid="tracking-package">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p className="font-medium">
                Package {p.packageNumber ?? i + 1}
                <span className="font-normal text-ink-muted"> · {p.source === 'manual' ? 'shipped outside ESM' : 'ESM label'}</span>
              </p>
              <Badge tone={PUSH_TONES[p.push] ?? 'neutral'}>{pushLabel(p.push, t.marketplace)}</Badge>
            </div>
            <p>
              {[p.carrier, p.service].filter(Boolean).join(' · ') || '—'}
              {p.trackingNumber ? <span className="ml-2 break-all font-mono text-xs">{p.trackingNumber}</span> : null}
            </p>
            {p.lines.length ? <p className="text-ink-muted">{p.lines.map((l) => `${l.quantity} × ${l.label}`).join(', ')}</p> : null}
            <p className="text-xs text-ink-muted">
              {p.shippedAt ? `Shipped ${formatDate(p.shippedAt, { timeZone })}` : null}
              {p.push === 'pushed' && p.pushedAt ? ` · sent ${formatDateTime(p.pushedAt, { timeZone })}` : null}
            </p>
            {p.pushError && p.push !== 'pushed' ? (
              <p className={p.push === 'failed' ? 'text-danger' : 'text-ink-muted'} data-testid="push-error">
                {p.pushError}
              </p>
            ) : null}
            {p.push === 'failed' && canEdit ? <RetryPushButton shipmentId={p.id} orderId={orderId} /> : null}
          </div>
        ))}
        {canMark ? (
          <details className="rounded-md border border-line px-3 py-2">
            <summary className="cursor-pointer font-medium">Mark as shipped (shipped outside ESM)</summary>
            <div className="pt-3">
              <MarkShippedForm key={t.packages.length} orderId={orderId} today={todayIn(timeZone)} items={left.map((l) => ({ orderItemId: l.orderItemId, label: l.sku ?? l.title ?? `Line ${l.lineId}`, unshipped: l.unshipped }))} />
            </div>
          </details>
        ) : null}
      </CardBody>
    </Card>
  );
}
