import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ChevronLeft, FileDown } from 'lucide-react';
import { Badge, type BadgeTone } from '@/components/ui/Badge';
import { buttonClasses } from '@/components/ui/Button';
import { PageHeader } from '@/components/ui/PageHeader';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/Table';
import { AutoRefresh } from '@/components/shipping/AutoRefresh';
import { RetryFailed } from '@/components/shipping/RetryFailed';
import { pageContext } from '@/lib/auth/page-context';
import { serviceDatabase, withUser } from '@/lib/db';
import { isUuid } from '@/lib/orders/detail';
import { hasRole } from '@/lib/orgs/roles';
import { getBatch, type BatchOutcome } from '@/lib/shipping/batch';
import { orderNumbers } from '@/lib/shipping/bulk';

export const metadata: Metadata = { title: 'Label batch' };

const OUTCOME: Record<BatchOutcome, [string, BadgeTone]> = {
  bought: ['Bought', 'success'],
  blocked: ['Blocked by a rule', 'warning'],
  address_invalid: ['Address invalid', 'danger'],
  no_rate: ['No rate', 'danger'],
  failed: ['Purchase failed', 'danger'],
  unconfirmed: ['Unconfirmed', 'warning'],
};

export default async function BatchPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { session, orgs } = await pageContext(`/shipments/batches/${encodeURIComponent(id)}`);
  if (!isUuid(id)) notFound();
  const batch = await getBatch(await serviceDatabase('jobs'), session.claims, id);
  const membership = batch && orgs.find((o) => o.id === batch.orgId);
  if (!batch || !membership) notFound();
  const numbers = await withUser(session.claims, (tx) => orderNumbers(tx, batch.orgId, batch.payload.orderIds));
  const total = batch.payload.orderIds.length;
  const results = batch.payload.orderIds.map((orderId) => ({ orderId, result: batch.results[orderId] }));
  const done = results.filter((r) => r.result).length;
  const bought = results.filter((r) => r.result?.outcome === 'bought').length;
  const failed = results.filter((r) => r.result && ['failed', 'unconfirmed', 'no_rate'].includes(r.result.outcome)).length;
  const running = batch.status === 'queued' || batch.status === 'running';
  return (
    <>
      <AutoRefresh active={running} />
      <Link href="/shipments" className="mb-3 inline-flex items-center gap-1 text-sm text-ink-muted hover:text-ink">
        <ChevronLeft aria-hidden className="size-4" />
        Shipments
      </Link>
      <PageHeader
        title="Label batch"
        description={
          <span data-testid="batch-progress">
            {running ? `Working: ${done} of ${total} orders done` : `Finished: ${done} of ${total} orders`} · {bought} bought
            {batch.lastError ? ` · ${batch.lastError}` : ''}
          </span>
        }
        actions={
          bought > 0 ? (
            <div className="flex flex-wrap gap-2">
              <a href={`/shipments/batches/${batch.id}/labels`} className={buttonClasses('primary')}>
                <FileDown aria-hidden className="size-4" />
                Labels PDF ({bought}) · 4x6
              </a>
              <a href={`/shipments/batches/${batch.id}/labels?format=letter`} className={buttonClasses('secondary')}>
                <FileDown aria-hidden className="size-4" />
                Letter paper
              </a>
            </div>
          ) : null
        }
      />
      {!running && failed > 0 && hasRole(membership.role, 'operator') ? (
        <div className="mb-4">
          <RetryFailed batchId={batch.id} count={failed} />
        </div>
      ) : null}
      <Table>
        <caption className="sr-only">Result per order</caption>
        <THead>
          <tr>
            <TH>Order</TH>
            <TH>Result</TH>
            <TH>Details</TH>
          </tr>
        </THead>
        <TBody>
          {results.map(({ orderId, result }) => (
            <TR key={orderId} data-testid="batch-row">
              <TD>
                <Link href={`/orders/${orderId}`} className="whitespace-nowrap font-mono text-accent hover:underline">
                  {numbers.get(orderId) ?? orderId.slice(0, 8)}
                </Link>
              </TD>
              <TD>{result ? <Badge tone={OUTCOME[result.outcome][1]}>{OUTCOME[result.outcome][0]}</Badge> : <Badge tone="neutral">Waiting</Badge>}</TD>
              <TD className="text-ink-muted">{result?.message ?? ''}</TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </>
  );
}
