// An order event in words, for the history on the order page: what happened, and who did it.
import type { OrderEventView } from '@/lib/orders/events';
import { describeMarketplaceStatus } from '@/lib/orders/marketplace-status';
import { marketplaceLabel, statusLabel } from './Badges';

export interface EventWords {
  title: string;
  detail: string | null;
  who: string;
  tone: 'neutral' | 'success' | 'warning' | 'danger';
}

const label = (d: Record<string, string>) =>
  [d.carrier?.toUpperCase(), d.service, d.trackingNumber ? `tracking ${d.trackingNumber}` : null].filter(Boolean).join(' · ') || null;

function what(e: OrderEventView, marketplace: string): Omit<EventWords, 'who'> {
  const d = e.details;
  const m = marketplaceLabel(marketplace);
  switch (e.kind) {
    case 'first_seen':
      return { title: `Order received from ${m}`, detail: null, tone: 'neutral' };
    case 'status_changed': {
      const changed = d.marketplaceFrom !== d.marketplaceTo && d.marketplaceTo;
      return {
        title: `Status changed from ${statusLabel(d.from ?? '?')} to ${statusLabel(d.to ?? '?')}`,
        detail: changed ? `${m}: ${describeMarketplaceStatus(marketplace, d.marketplaceTo)}` : null,
        tone: d.to === 'cancelled' ? 'danger' : d.to === 'delivered' || d.to === 'shipped' ? 'success' : 'neutral',
      };
    }
    case 'held':
      return { title: 'Put on hold', detail: null, tone: 'warning' };
    case 'released':
      return { title: 'Hold released', detail: null, tone: 'neutral' };
    case 'label_bought':
      return { title: 'Label bought', detail: label(d), tone: 'success' };
    case 'label_failed':
      return { title: 'Label purchase failed', detail: label(d), tone: 'danger' };
    case 'void_requested':
      return { title: 'Label void requested', detail: label(d), tone: 'warning' };
    case 'void_rejected':
      return { title: 'Label void refused by the carrier; the label is still active', detail: label(d), tone: 'danger' };
    case 'label_voided':
      return { title: 'Label voided and refunded', detail: label(d), tone: 'neutral' };
    case 'tracking_pushed':
      return { title: `Tracking sent to ${m}`, detail: label(d), tone: 'success' };
    case 'tracking_push_failed':
      return { title: `Tracking could not be sent to ${m}`, detail: label(d), tone: 'danger' };
    case 'buyer_anonymized':
      return { title: 'Buyer data anonymized', detail: 'Name, address, phone and e-mail removed', tone: 'neutral' };
  }
}

/**
 * Who: the member's e-mail; for status changes, the marketplace's sync; otherwise ESM itself (the
 * retention run, an eBay deletion notice, a tracking push the system made).
 */
function who(e: OrderEventView, marketplace: string): string {
  if (e.actor.type === 'user') return e.actor.email ?? 'A former member';
  if (e.kind === 'status_changed' || e.kind === 'first_seen') return `${marketplaceLabel(marketplace)} sync`;
  return 'ESM';
}

export function describeOrderEvent(e: OrderEventView, marketplace: string): EventWords {
  return { ...what(e, marketplace), who: who(e, marketplace) };
}
