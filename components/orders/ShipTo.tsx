import { Card, CardBody, CardHeader } from '@/components/ui/Card';
import type { BuyerView } from '@/lib/orders/detail';
import { formatDate } from '@/components/ui/format';
import { formatPhone } from '@/components/ui/phone';

// Buyer PII: shown to members of the organization only, never logged or sent anywhere else.
export function ShipTo({ buyer, timeZone }: { buyer: BuyerView | null; timeZone: string }) {
  return (
    <Card>
      <CardHeader title="Ship to" />
      <CardBody className="text-sm">
        {!buyer ? (
          <p className="text-ink-muted">The marketplace has not shared a shipping address for this order.</p>
        ) : buyer.anonymized ? (
          <p>
            <span className="font-medium">Buyer data anonymized on {formatDate(buyer.anonymizedAt, { timeZone })}</span>
            <span className="mt-1 block text-ink-muted">
              Name, address, phone and e-mail were removed (after the retention period, when the account was disconnected, or because the buyer&apos;s
              marketplace account was deleted)
              {[buyer.region, buyer.country].some(Boolean) ? `; the region (${[buyer.region, buyer.country].filter(Boolean).join(', ')}) is kept for reports.` : '.'}
            </span>
          </p>
        ) : (
          <address className="space-y-0.5 break-words not-italic [overflow-wrap:anywhere]">
            <p className="font-medium">{buyer.name ?? 'No name given'}</p>
            {buyer.addressLines.map((l, i) => (
              <p key={i}>{l}</p>
            ))}
            <p>{[buyer.city, [buyer.region, buyer.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ')}</p>
            {buyer.country ? <p>{buyer.country}</p> : null}
            {buyer.phone ? (
              <p className="pt-2 text-ink-muted">
                Phone: <span className="text-ink">{formatPhone(buyer.phone, buyer.country)}</span>
              </p>
            ) : null}
          </address>
        )}
      </CardBody>
    </Card>
  );
}
