// Writes a page of synced listings keyed on (marketplace_account_id, sku). Listings carry no
// reliable update time on every marketplace, so a row is rewritten only when something differs.
// Where stock is read apart from the listings (Walmart), a listing keeps its stored quantity and
// the inventory pages set quantities only (setListingQuantities).
import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/lib/db/connect';
import type { Marketplace, NormalizedListing } from '@/lib/marketplaces/types';
import { pgArray } from './pg-array';

export async function upsertListings(
  tx: Tx,
  scope: { orgId: string; accountId: string; marketplace: Marketplace },
  listings: NormalizedListing[],
): Promise<{ written: number }> {
  const bySku = new Map(listings.map((l) => [l.sku, l]));
  const list = [...bySku.values()];
  if (!list.length) return { written: 0 };
  const col = <T>(f: (l: NormalizedListing) => T) => list.map(f) as never[];
  const keepQuantity = list.every((l) => l.quantityReadApart === true);
  const rows = rowsOf(
    await tx.execute(sql`
      insert into public.listings as l (org_id, marketplace_account_id, marketplace, sku, external_listing_id, title,
        image_urls, attributes, price, currency, quantity, publish_status, marketplace_status, marketplace_updated_at)
      select ${scope.orgId}::uuid, ${scope.accountId}::uuid, ${scope.marketplace}, u.sku, u.ext, u.title,
        coalesce((select array_agg(x) from jsonb_array_elements_text(u.images) x), '{}'), u.attributes, u.price,
        u.currency, u.quantity, u.publish_status, u.mstatus, u.updated_at
      from unnest(${pgArray(col((l) => l.sku), 'text')}, ${pgArray(col((l) => l.externalListingId), 'text')},
        ${pgArray(col((l) => l.title), 'text')}, ${pgArray(col((l) => JSON.stringify(l.imageUrls)), 'jsonb')},
        ${pgArray(col((l) => JSON.stringify(l.attributes)), 'jsonb')}, ${pgArray(col((l) => l.price), 'numeric')},
        ${pgArray(col((l) => l.currency), 'text')}, ${pgArray(col((l) => l.quantity), 'int')},
        ${pgArray(col((l) => l.publishStatus), 'text')}, ${pgArray(col((l) => l.marketplaceStatus), 'text')},
        ${pgArray(col((l) => l.updatedAt), 'timestamptz')})
        as u(sku, ext, title, images, attributes, price, currency, quantity, publish_status, mstatus, updated_at)
      on conflict (marketplace_account_id, sku) do update set
        external_listing_id = excluded.external_listing_id, title = excluded.title, image_urls = excluded.image_urls,
        attributes = excluded.attributes, price = excluded.price, currency = excluded.currency,
        quantity = case when ${keepQuantity}::boolean then l.quantity else excluded.quantity end, publish_status = excluded.publish_status,
        marketplace_status = excluded.marketplace_status, marketplace_updated_at = excluded.marketplace_updated_at
      where (l.external_listing_id, l.title, l.image_urls, l.attributes, l.price, l.currency, l.quantity,
             l.publish_status, l.marketplace_status, l.marketplace_updated_at)
        is distinct from
            (excluded.external_listing_id, excluded.title, excluded.image_urls, excluded.attributes, excluded.price,
             excluded.currency, case when ${keepQuantity}::boolean then l.quantity else excluded.quantity end,
             excluded.publish_status, excluded.marketplace_status,
             excluded.marketplace_updated_at)
      returning l.id`),
  );
  return { written: rows.length };
}

/** Stock read apart from the listings: sets the quantity of listings already stored, nothing else. */
export async function setListingQuantities(
  tx: Tx,
  scope: { orgId: string; accountId: string },
  quantities: ReadonlyArray<{ sku: string; quantity: number }>,
): Promise<{ written: number }> {
  const bySku = new Map(quantities.map((q) => [q.sku, q.quantity]));
  if (!bySku.size) return { written: 0 };
  const rows = rowsOf(
    await tx.execute(sql`
      update public.listings as l set quantity = u.quantity
      from unnest(${pgArray([...bySku.keys()], 'text')}, ${pgArray([...bySku.values()], 'int')}) as u(sku, quantity)
      where l.org_id = ${scope.orgId}::uuid and l.marketplace_account_id = ${scope.accountId}::uuid and l.sku = u.sku
        and l.quantity is distinct from u.quantity
      returning l.id`),
  );
  return { written: rows.length };
}
