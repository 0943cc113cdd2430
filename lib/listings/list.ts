import 'server-only';
// One page of the organization's listings, filtered and sorted as the URL says (lib/listings/
// params.ts), with stock flags and each listing's account state. Filtered by org explicitly and
// read under RLS. A listing of a disconnected account shows as such, never as "published".
import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/lib/db';
import { listings, marketplaceAccounts } from '@/lib/db/schema';
import { pageWindow } from '@/lib/paging';
import { COUNT_CAP } from './caps';
import { LOW_STOCK_AT, type ListingParams, type ListingStatus } from './params';

export const LISTINGS_PAGE_SIZE = 50;
export { COUNT_CAP };

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

/**
 * The ids of the listings matching the search, from the membership-checking search path and its
 * trigram index (under RLS, ILIKE cannot use an index: it read every listing, ~1 s at 100k); null
 * when the term is shorter than 3 characters or matches more than COUNT_CAP, and each listing is
 * checked as it is read instead.
 */
async function searchIds(tx: Tx, orgId: string, q: string | null): Promise<string[] | null> {
  if (!q || q.length < 3) return null;
  const [{ ids }] = rowsOf<{ ids: string[] | string | null }>(
    await tx.execute(sql`select private.search_listing_ids(${orgId}::uuid, ${q}::text, ${COUNT_CAP}) as ids`),
  );
  if (typeof ids !== 'string') return ids;
  return ids === '{}' ? [] : ids.slice(1, -1).split(',');
}

function filters(orgId: string, p: ListingParams, found: string[] | null): SQL {
  const where: Array<SQL | undefined> = [eq(listings.orgId, orgId)];
  if (p.q && found) where.push(found.length ? sql`${listings.id} = any(${`{${found.join(',')}}`}::uuid[])` : sql`false`);
  else if (p.q) where.push(or(ilike(listings.sku, likeArg(p.q)), ilike(listings.title, likeArg(p.q))));
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
  const where = filters(orgId, p, await searchIds(tx, orgId, p.q));
  // The account is joined only where the status needs it; the page's 50 ids are found first and
  // their details joined after, so a big catalog is never joined row by row before the sort.
  const needsAccount = p.status.length > 0 || p.sort === 'status';
  const scan = <T extends Record<string, unknown>>(fields: { [K in keyof T]: SQL<T[K]> | typeof listings.id }) => {
    const q = tx.select(fields as never).from(listings).$dynamic();
    return (needsAccount ? q.innerJoin(marketplaceAccounts, eq(marketplaceAccounts.id, listings.marketplaceAccountId)) : q).where(where);
  };
  const matching = scan({ one: sql<number>`1` }).limit(COUNT_CAP + 1).as('matching');
  const [{ n }] = await tx.select({ n: count() }).from(matching);
  const total = Math.min(n, COUNT_CAP);
  const w = pageWindow(p.page, total, LISTINGS_PAGE_SIZE);
  const order = p.dir === 'desc' ? desc : asc;
  const page = (await scan({ id: listings.id })
    // Nulls (no price, no stock known) last either way; SKU then id keep pages stable.
    .orderBy(sql`${SORTS[p.sort]} ${sql.raw(p.dir === 'desc' ? 'desc' : 'asc')} nulls last`, order(listings.sku), order(listings.id))
    .limit(w.limit)
    .offset(w.offset)) as unknown as Array<{ id: string }>;
  const ids = page.map((r) => r.id);
  const details = ids.length
    ? await tx
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
        .where(and(eq(listings.orgId, orgId), inArray(listings.id, ids)))
    : [];
  const byId = new Map(details.map((d) => [d.id, d]));
  const rows = ids.flatMap((id) => byId.get(id) ?? []);
  return { rows, total, more: n > COUNT_CAP, page: w.page, pageCount: w.pageCount };
}

export type ListingRow = Awaited<ReturnType<typeof listListings>>['rows'][number];

/** Listings of the organization matching `cond`, counted up to COUNT_CAP + 1. */
async function cappedCount(tx: Tx, orgId: string, cond?: SQL): Promise<number> {
  const sub = tx.select({ one: sql`1` }).from(listings).where(and(eq(listings.orgId, orgId), cond)).limit(COUNT_CAP + 1).as('c');
  const [{ n }] = await tx.select({ n: count() }).from(sub);
  return n;
}

/** Counts behind the stock flags, over all the organization's listings (not the filters); each stops past COUNT_CAP. */
export async function stockCounts(tx: Tx, orgId: string): Promise<{ all: number; out: number; low: number }> {
  return {
    all: await cappedCount(tx, orgId),
    out: await cappedCount(tx, orgId, eq(listings.quantity, 0)),
    low: await cappedCount(tx, orgId, sql`${listings.quantity} between 1 and ${LOW_STOCK_AT}`),
  };
}

/** The organization's accounts that have listings, for the account filter. */
export async function listingAccounts(tx: Tx, orgId: string) {
  return tx
    .select({ id: marketplaceAccounts.id, name: marketplaceAccounts.displayName, marketplace: marketplaceAccounts.marketplace, status: marketplaceAccounts.status })
    .from(marketplaceAccounts)
    .where(and(eq(marketplaceAccounts.orgId, orgId), sql`exists (select 1 from public.listings l where l.marketplace_account_id = ${marketplaceAccounts.id})`))
    .orderBy(asc(marketplaceAccounts.marketplace), asc(marketplaceAccounts.displayName));
}
