import 'server-only';
// One page of the organization's listings, by SKU. Filtered by org explicitly and read under RLS.
import { asc, count, eq } from 'drizzle-orm';
import type { Tx } from '@/lib/db';
import { listings, marketplaceAccounts } from '@/lib/db/schema';
import { pageWindow } from '@/lib/paging';

export const LISTINGS_PAGE_SIZE = 50;

export async function listListings(tx: Tx, orgId: string, requestedPage: number) {
  const [{ total }] = await tx.select({ total: count() }).from(listings).where(eq(listings.orgId, orgId));
  const w = pageWindow(requestedPage, total, LISTINGS_PAGE_SIZE);
  const rows = await tx
    .select({
      id: listings.id,
      sku: listings.sku,
      title: listings.title,
      marketplace: listings.marketplace,
      account: marketplaceAccounts.displayName,
      price: listings.price,
      currency: listings.currency,
      quantity: listings.quantity,
      status: listings.publishStatus,
    })
    .from(listings)
    .innerJoin(marketplaceAccounts, eq(marketplaceAccounts.id, listings.marketplaceAccountId))
    .where(eq(listings.orgId, orgId))
    .orderBy(asc(listings.sku), asc(listings.id))
    .limit(w.limit)
    .offset(w.offset);
  return { rows, total, page: w.page, pageCount: w.pageCount };
}
