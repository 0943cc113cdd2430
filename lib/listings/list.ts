import 'server-only';
// One page of the organization's listings, filtered and sorted as the URL says (lib/listings/
// params.ts), with stock flags and each listing's account state. Filtered by org explicitly and
// read under RLS. A listing of a disconnected account shows as such, never as "published".
import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '@/lib/db';
import { listings, marketplaceAccounts } from '@/lib/db/schema';
import { pageWindow } from '@/lib/paging';
import { LOW_STOCK_AT, type ListingParams, type ListingStatus } from './params';

export const LISTINGS_PAGE_SIZE = 50;

const disconnected = sql`${marketplaceAccounts.status} = 'disconnected'`;
/** The status the page shows (and filters and sorts by). */
const shownStatus = sql<ListingStatus>`case when ${disconnected} then 'disconnected' else ${listings.publishStatus} end`;
const updated = sql`coalesce(${listings.marketplaceUpdatedAt}, ${listings.updatedAt})`;

const SORTS: Record<ListingParams['sort'], SQL> = {
  sku: sql`${listings.sku}`,
  title: sql`lower(${listings.title})`,
  price: sql`${listings.price}`,
  quantity: sql`${listings.quantity}`,
  status: shownStatus,
  updated,
};

/** `%`, `_` and `\` in a search are literal characters, not patterns. */
const likeArg = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function filters(orgId: string, p: ListingParams): SQL {
  const where: Array<SQL | undefined> = [eq(listings.orgId, orgId)];
  if (p.q) where.push(or(ilike(listings.sku, likeArg(p.q)), ilike(listings.title, likeArg(p.q))));
  if (p.marketplace.length) where.push(inArray(listings.marketplace, p.marketplace));
  if (p.account) where.push(eq(listings.marketplaceAccountId, p.account));
  if (p.stock === 'out') where.push(eq(listings.quantity, 0));
  if (p.stock === 'low') where.push(sql`${listings.quantity} between 1 and ${LOW_STOCK_AT}`);
  if (p.status.length) {
    const publish = p.status.filter((s) => s !== 'disconnected');
    where.push(
      or(
        publish.length ? and(inArray(listings.publishStatus, publish), sql`not (${disconnected})`) : undefined,
        p.status.includes('disconnected') ? disconnected : undefined,
      ),
    );
  }
  return and(...where) as SQL;
}

export async function listListings(tx: Tx, orgId: string, p: ListingParams) {
  const where = filters(orgId, p);
  const [{ total }] = await tx
    .select({ total: count() })
    .from(listings)
    .innerJoin(marketplaceAccounts, eq(marketplaceAccounts.id, listings.marketplaceAccountId))
    .where(where);
  const w = pageWindow(p.page, total, LISTINGS_PAGE_SIZE);
  const order = p.dir === 'desc' ? desc : asc;
  const rows = await tx
    .select({
      id: listings.id,
      sku: listings.sku,
      title: listings.title,
      marketplace: listings.marketplace,
      accountId: listings.marketplaceAccountId,
      account: marketplaceAccounts.displayName,
      accountStatus: marketplaceAccounts.status,
      price: listings.price,
      currency: listings.currency,
      quantity: listings.quantity,
      status: shownStatus,
      marketplaceStatus: listings.marketplaceStatus,
      updatedAt: sql<Date | string>`${updated}`,
    })
    .from(listings)
    .innerJoin(marketplaceAccounts, eq(marketplaceAccounts.id, listings.marketplaceAccountId))
    .where(where)
    // Nulls (no price, no stock known) last either way; SKU then id keep pages stable.
    .orderBy(sql`${SORTS[p.sort]} ${sql.raw(p.dir === 'desc' ? 'desc' : 'asc')} nulls last`, order(listings.sku), order(listings.id))
    .limit(w.limit)
    .offset(w.offset);
  return { rows, total, page: w.page, pageCount: w.pageCount };
}

export type ListingRow = Awaited<ReturnType<typeof listListings>>['rows'][number];

/** Counts behind the stock flags, over all the organization's listings (not the filters). */
export async function stockCounts(tx: Tx, orgId: string): Promise<{ all: number; out: number; low: number }> {
  const [r] = await tx
    .select({
      all: count(),
      out: sql<number>`count(*) filter (where ${listings.quantity} = 0)`.mapWith(Number),
      low: sql<number>`count(*) filter (where ${listings.quantity} between 1 and ${LOW_STOCK_AT})`.mapWith(Number),
    })
    .from(listings)
    .where(eq(listings.orgId, orgId));
  return r;
}

/** The organization's accounts that have listings, for the account filter. */
export async function listingAccounts(tx: Tx, orgId: string) {
  return tx
    .select({ id: marketplaceAccounts.id, name: marketplaceAccounts.displayName, marketplace: marketplaceAccounts.marketplace, status: marketplaceAccounts.status })
    .from(marketplaceAccounts)
    .where(and(eq(marketplaceAccounts.orgId, orgId), sql`exists (select 1 from public.listings l where l.marketplace_account_id = ${marketplaceAccounts.id})`))
    .orderBy(asc(marketplaceAccounts.marketplace), asc(marketplaceAccounts.displayName));
}
