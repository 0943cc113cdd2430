// The order in the marketplace's own seller portal, for what ESM does not do (refunds, messages).
// URL shapes as the portals use them in 2026; they need the seller to be signed in there.
import type { Marketplace } from '@/lib/model';

export function sellerPortalUrl(marketplace: Marketplace, externalOrderId: string): string {
  const id = encodeURIComponent(externalOrderId);
  switch (marketplace) {
    case 'amazon':
      return `https://sellercentral.amazon.com/orders-v3/order/${id}`;
    case 'ebay':
      return `https://www.ebay.com/sh/ord/details?orderid=${id}`;
    case 'walmart':
      return `https://seller.walmart.com/orders/manage-orders?orderGroups=All&poNumber=${id}`;
  }
}

export const PORTAL_NAME: Record<Marketplace, string> = { amazon: 'Seller Central', ebay: 'Seller Hub', walmart: 'Seller Center' };
