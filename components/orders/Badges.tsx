import { Badge, type BadgeTone } from '@/components/ui/Badge';

const STATUS: Record<string, { label: string; tone: BadgeTone }> = {
  pending: { label: 'Pending', tone: 'neutral' },
  unshipped: { label: 'Unshipped', tone: 'warning' },
  partially_shipped: { label: 'Partially shipped', tone: 'info' },
  shipped: { label: 'Shipped', tone: 'accent' },
  delivered: { label: 'Delivered', tone: 'success' },
  cancelled: { label: 'Cancelled', tone: 'danger' },
};

export const STATUS_OPTIONS = Object.entries(STATUS).map(([value, s]) => ({ value, label: s.label }));

export function statusLabel(status: string): string {
  return STATUS[status]?.label ?? status;
}

export function StatusBadge({ status }: { status: string }) {
  const s = STATUS[status] ?? { label: status, tone: 'neutral' as const };
  return <Badge tone={s.tone}>{s.label}</Badge>;
}

const MARKETPLACE: Record<string, { label: string; dot: string }> = {
  walmart: { label: 'Walmart', dot: 'bg-[#0071ce]' },
  amazon: { label: 'Amazon', dot: 'bg-[#ff9900]' },
  ebay: { label: 'eBay', dot: 'bg-[#e53238]' },
};

export const MARKETPLACE_OPTIONS = Object.entries(MARKETPLACE).map(([value, m]) => ({ value, label: m.label }));

export function marketplaceLabel(m: string): string {
  return MARKETPLACE[m]?.label ?? m;
}

export function MarketplaceBadge({ marketplace }: { marketplace: string }) {
  const m = MARKETPLACE[marketplace] ?? { label: marketplace, dot: 'bg-ink-faint' };
  return (
    <Badge tone="neutral" className="bg-white text-ink">
      <span aria-hidden className={`size-1.5 rounded-full ${m.dot}`} />
      {m.label}
    </Badge>
  );
}

/** "Late", or how late ("Late by 2 d") where a table has no room for both. */
export function LateBadge({ text = 'Late' }: { text?: string }) {
  return <Badge tone="danger">{text}</Badge>;
}

export function HoldBadge() {
  return <Badge tone="warning">On hold</Badge>;
}
