import type { Metadata } from 'next';
import { asc, count, eq } from 'drizzle-orm';
import Link from 'next/link';
import { Tags } from 'lucide-react';
import { Badge, type BadgeTone } from '@/components/ui/Badge';
import { buttonClasses } from '@/components/ui/Button';
import { EmptyState } from '@/components/ui/EmptyState';
import { PageHeader } from '@/components/ui/PageHeader';
import { Pagination } from '@/components/ui/Pagination';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/Table';
import { formatMarketplace, formatMoney } from '@/components/ui/format';
import { pageContext } from '@/lib/auth/page-context';
import { withUser } from '@/lib/db';
import { listings, marketplaceAccounts } from '@/lib/db/schema';

export const metadata: Metadata = { title: 'Listings' };

const PAGE_SIZE = 50;
const TONE: Record<string, BadgeTone> = { published: 'success', unpublished: 'neutral', pending: 'info', error: 'danger', retired: 'neutral' };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function ListingsPage({ searchParams }: { searchParams: Search }) {
  const { session, org } = await pageContext('/listings');
  if (!org) return null;
  const raw = (await searchParams).page;
  const requested = typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Math.max(1, Number(raw)) : 1;
  const { rows, total, page } = await withUser(session.claims, async (tx) => {
    const [{ total }] = await tx.select({ total: count() }).from(listings).where(eq(listings.orgId, org.id));
    const page = Math.min(requested, Math.max(1, Math.ceil(total / PAGE_SIZE)));
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
      .where(eq(listings.orgId, org.id))
      .orderBy(asc(listings.sku), asc(listings.id))
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE);
    return { rows, total, page };
  });
  return (
    <>
      <PageHeader title="Listings" description="Your products as each marketplace shows them: SKU, price, stock and publish status." />
      {total === 0 ? (
        <EmptyState
          icon={Tags}
          title="No listings yet"
          text="Listings appear after the first sync of a connected account. Check Accounts to see which seller accounts are connected and when they last synced."
          action={
            <Link href="/accounts" className={buttonClasses('secondary')}>
              See connected accounts
            </Link>
          }
        />
      ) : (
        <>
          <Table>
            <caption className="sr-only">Listings</caption>
            <THead>
              <tr>
                <TH>SKU</TH>
                <TH>Title</TH>
                <TH>Marketplace</TH>
                <TH className="text-right">Price</TH>
                <TH className="text-right">Quantity</TH>
                <TH>Status</TH>
              </tr>
            </THead>
            <TBody>
              {rows.map((l) => (
                <TR key={l.id}>
                  <TD className="font-mono text-xs">{l.sku}</TD>
                  <TD className="max-w-md truncate">{l.title ?? '—'}</TD>
                  <TD>
                    {formatMarketplace(l.marketplace)} <span className="text-ink-muted">· {l.account}</span>
                  </TD>
                  <TD className="text-right tabular-nums">{formatMoney(l.price, l.currency)}</TD>
                  <TD className="text-right tabular-nums">{l.quantity ?? '—'}</TD>
                  <TD>
                    <Badge tone={TONE[l.status] ?? 'neutral'}>{l.status}</Badge>
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
          <Pagination
            page={page}
            pageCount={Math.ceil(total / PAGE_SIZE)}
            hrefFor={(p) => (p === 1 ? '/listings' : `/listings?page=${p}`)}
          />
        </>
      )}
    </>
  );
}
