// How a listing's status and stock read on the page: the marketplace's publish status in words,
// "Account disconnected" for a listing whose account is gone, and out-of-stock / low-stock flags.
import { Badge, type BadgeTone } from '@/components/ui/Badge';
import { LOW_STOCK_AT, type ListingStatus } from '@/lib/listings/params';

const STATUS: Record<ListingStatus, { label: string; tone: BadgeTone }> = {
  published: { label: 'Published', tone: 'success' },
  unpublished: { label: 'Unpublished', tone: 'neutral' },
  pending: { label: 'Pending', tone: 'info' },
  error: { label: 'Error', tone: 'danger' },
  retired: { label: 'Retired', tone: 'neutral' },
  disconnected: { label: 'Account disconnected', tone: 'warning' },
};

export const LISTING_STATUS_OPTIONS = Object.entries(STATUS).map(([value, s]) => ({ value, label: s.label }));

export function ListingStatusBadge({ status, detail }: { status: string; detail?: string | null }) {
  const s = STATUS[status as ListingStatus] ?? { label: status, tone: 'neutral' as const };
  return (
    <Badge tone={s.tone} title={detail ?? undefined}>
      {s.label}
    </Badge>
  );
}

/** The quantity with its flag: "0 · Out of stock", "4 · Low stock", or a dash when not known. */
export function Stock({ quantity }: { quantity: number | null }) {
  if (quantity === null) return <span className="text-ink-faint" title="The marketplace has not reported stock for this listing">—</span>;
  return (
    <span className="inline-flex items-center justify-end gap-2">
      {quantity === 0 ? (
        <Badge tone="danger">Out of stock</Badge>
      ) : quantity <= LOW_STOCK_AT ? (
        <Badge tone="warning">Low stock</Badge>
      ) : null}
      <span className="tabular-nums">{quantity.toLocaleString('en-US')}</span>
    </span>
  );
}
