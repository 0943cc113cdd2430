// Where each package of the order is: its delivery status, expected or actual delivery, a link
// to the carrier's tracking page, and the carrier's scans (newest first), in the organization's
// time zone. The order page reads the tracks (lib/delivery/timeline.ts, under the person's session).
import { ExternalLink, Truck } from 'lucide-react';
import { Badge } from '@/components/ui/Badge';
import { Card, CardBody, CardHeader } from '@/components/ui/Card';
import { formatDate, formatDateTime } from '@/components/ui/format';
import { DELIVERY_LABELS, DELIVERY_TONES } from '@/lib/delivery/labels';
import type { TrackingView } from '@/lib/delivery/timeline';

export function TrackingTimeline({ tracks, timeZone }: { tracks: TrackingView[]; timeZone: string }) {
  return tracks.map((t) => <TrackCard key={t.shipmentId} t={t} timeZone={timeZone} />);
}

function TrackCard({ t, timeZone }: { t: TrackingView; timeZone: string }) {
  const when =
    t.status === 'delivered' && t.deliveredAt
      ? `Delivered ${formatDateTime(t.deliveredAt, { clock: '12h', timeZone })}`
      : t.eta
        ? `Expected ${formatDate(t.eta, { timeZone })}`
        : 'Waiting for the carrier’s first scan';
  return (
    <Card data-testid="tracking" aria-label={`Tracking ${t.trackingNumber}`} role="region">
      <CardHeader title="Tracking" description={when} actions={<Badge tone={DELIVERY_TONES[t.status]}>{DELIVERY_LABELS[t.status]}</Badge>} />
      <CardBody className="space-y-3 text-sm">
        {t.trackingUrl ? (
          <a href={t.trackingUrl} target="_blank" rel="noreferrer noopener" className="inline-flex items-center gap-1 text-accent hover:underline">
            <Truck aria-hidden className="size-4" />
            Track on {t.carrier ?? 'the carrier'}’s site
            <ExternalLink aria-hidden className="size-3.5" />
          </a>
        ) : null}
        {t.events.length ? (
          <ol aria-label="Tracking events" className="space-y-2 border-l border-line pl-4">
            {t.events.map((e) => (
              <li key={e.id} className="relative">
                <span aria-hidden className={`absolute -left-[21px] top-1.5 size-2.5 rounded-full ${e.status === 'delivered' ? 'bg-success' : e.status === 'exception' ? 'bg-danger' : 'bg-line'}`} />
                <p className="font-medium text-ink">{e.details ?? DELIVERY_LABELS[e.status]}</p>
                <p className="text-xs text-ink-muted">{formatDateTime(e.at, { clock: '12h', timeZone })}</p>
              </li>
            ))}
          </ol>
        ) : (
          <p className="text-ink-muted">No scans yet. Shippo sends them as the carrier reports them.</p>
        )}
      </CardBody>
    </Card>
  );
}
