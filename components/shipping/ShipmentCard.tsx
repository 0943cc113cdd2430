'use client';
// A label bought for the order: carrier, tracking, cost, the PDF, and what can be done with it
// now (void a live label; check again an unclear purchase or a pending refund).
import { useState, useTransition } from 'react';
import { ExternalLink, FileText, Loader2 } from 'lucide-react';
import { Alert } from '@/components/ui/Alert';
import { Badge } from '@/components/ui/Badge';
import { Button, buttonClasses } from '@/components/ui/Button';
import { Card, CardBody, CardHeader } from '@/components/ui/Card';
import { formatDateTime, formatMoney } from '@/components/ui/format';
import type { ShipmentView } from '@/lib/shipping/types';
import { checkShipmentAction, voidLabelAction } from '@/app/(app)/orders/[id]/ship-actions';
import { SHIPMENT_LABELS, SHIPMENT_TONES } from './status';

export function ShipmentCard({ orderId, shipment: s, canEdit, timeZone }: { orderId: string; shipment: ShipmentView; canEdit: boolean; timeZone: string }) {
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; message: string } | null>(null);
  const run = (action: typeof voidLabelAction, confirmText?: string) => {
    if (confirmText && !window.confirm(confirmText)) return;
    start(async () => {
      const form = new FormData();
      form.set('orderId', orderId);
      form.set('shipmentId', s.id);
      setMessage(await action(form));
    });
  };
  return (
    <Card data-testid="shipment">
      <CardHeader
        title="Label"
        description={`Bought ${formatDateTime(s.createdAt, { timeZone })}`}
        actions={<Badge tone={SHIPMENT_TONES[s.status]}>{SHIPMENT_LABELS[s.status]}</Badge>}
      />
      <CardBody className="space-y-3 text-sm">
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          <dt className="text-ink-muted">Service</dt>
          <dd>{[s.carrier, s.serviceLevel].filter(Boolean).join(' · ') || '—'}</dd>
          <dt className="text-ink-muted">Tracking</dt>
          <dd className="break-all font-mono text-xs">
            {s.trackingUrl && s.trackingNumber ? (
              <a href={s.trackingUrl} target="_blank" rel="noreferrer noopener" className="text-accent hover:underline">
                {s.trackingNumber}
              </a>
            ) : (
              (s.trackingNumber ?? '—')
            )}
          </dd>
          <dt className="text-ink-muted">Cost</dt>
          <dd className="tabular-nums">{formatMoney(s.labelCost, s.currency)}</dd>
        </dl>
        {s.error ? <p className="text-ink-muted">{s.error}</p> : null}
        <div className="flex flex-wrap gap-2">
          {s.labelUrl && (s.status === 'purchased' || s.status === 'refund_pending') ? (
            <a href={s.labelUrl} target="_blank" rel="noreferrer noopener" className={buttonClasses('secondary', 'sm')}>
              <FileText aria-hidden className="size-4" />
              Open label PDF
              <ExternalLink aria-hidden className="size-3.5" />
            </a>
          ) : null}
          {canEdit && s.status === 'purchased' ? (
            <Button variant="ghost" size="sm" className="text-danger" disabled={pending} onClick={() => run(voidLabelAction, 'Void this label? Shippo refunds unused labels.')}>
              {pending ? <Loader2 aria-hidden className="size-4 animate-spin" /> : null}
              Void label
            </Button>
          ) : null}
          {canEdit && (s.status === 'unknown' || s.status === 'refund_pending' || s.status === 'purchasing') ? (
            <Button variant="secondary" size="sm" disabled={pending} onClick={() => run(checkShipmentAction)}>
              {pending ? <Loader2 aria-hidden className="size-4 animate-spin" /> : null}
              Check again
            </Button>
          ) : null}
        </div>
        {message ? <Alert tone={message.ok ? 'success' : 'error'}>{message.message}</Alert> : null}
      </CardBody>
    </Card>
  );
}
