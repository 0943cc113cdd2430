import type { Metadata } from 'next';
import { History } from 'lucide-react';
import { EmptyState } from '@/components/ui/EmptyState';
import { PageHeader } from '@/components/ui/PageHeader';
import { Pagination } from '@/components/ui/Pagination';
import { AuditTable } from '@/components/audit/AuditTable';
import { pageContext } from '@/lib/auth/page-context';
import { withUser } from '@/lib/db';
import { loadAuditPage } from '@/lib/audit/trail';
import { pageParam } from '@/lib/paging';

export const metadata: Metadata = { title: 'Audit' };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function AuditPage({ searchParams }: { searchParams: Search }) {
  const { session, org } = await pageContext('/audit');
  if (!org) return null;
  const requested = pageParam((await searchParams).page);
  const { rows, total, page, pageCount, ...names } = await withUser(session.claims, (tx) => loadAuditPage(tx, org.id, requested));
  return (
    <>
      <PageHeader
        title="Audit"
        description={`Who did what in ${org.name}, newest first. ${total.toLocaleString('en-US')} ${total === 1 ? 'event' : 'events'}.`}
      />
      {rows.length === 0 ? (
        <EmptyState icon={History} title="No events yet" text="Changes made by your team and by the system will be listed here." />
      ) : (
        <>
          <AuditTable rows={rows} names={names} timeZone={org.timeZone} />
          <Pagination page={page} pageCount={pageCount} hrefFor={(p) => (p === 1 ? '/audit' : `/audit?page=${p}`)} />
        </>
      )}
    </>
  );
}
