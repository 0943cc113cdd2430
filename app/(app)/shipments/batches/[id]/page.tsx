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
import { getBatch, isRetryable, type BatchOutcome } from '@/lib/shipping/batch';
import { batchLabels, orderNumbers, type BatchLabel } from '@/lib/shipping/bulk';
import { formatMoney } from '@/components/ui/format';

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
  const shipmentIds = Object.values(batch.results).flatMap((r) => (r.outcome === 'bought' && r.shipmentId ? [r.shipmentId] : []));
  const [numbers, labels] = await withUser(session.claims, async (tx) => [await orderNumbers(tx, batch.orgId, batch.payload.orderIds), await batchLabels(tx, batch.orgId, shipmentIds)] as const);
  const total = batch.payload.orderIds.length;
  const results = batch.payload.orderIds.map((orderId) => ({ orderId, result: batch.results[orderId] }));
  const done = results.filter((r) => r.result).length;
  const bought = results.filter((r) => r.result?.outcome === 'bought').length;
  const notBought = results.filter((r) => r.result && isRetryable(r.result.outcome)).length;
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
      {!running && notBought > 0 && hasRole(membership.role, 'operator') ? (
        <div className="mb-4">
          <RetryFailed batchId={batch.id} count={notBought} />
        </div>
      ) : null}
      <Table>
        <caption className="sr-only">Result per order</caption>
        <THead>
          <tr>
            <TH>Order</TH>
            <TH>Result</TH>
            <TH className="hidden sm:table-cell">Details</TH>
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
              <TD>
                {result ? <Badge tone={OUTCOME[result.outcome][1]}>{OUTCOME[result.outcome][0]}</Badge> : <Badge tone="neutral">Waiting</Badge>}
                {/* On a phone the details go under the result instead of a third column. */}
                <div className="mt-1 max-w-[60vw] text-xs text-ink-muted sm:hidden">{result ? <Details result={result} labels={labels} /> : null}</div>
              </TD>
              <TD className="hidden text-ink-muted sm:table-cell">{result ? <Details result={result} labels={labels} /> : null}</TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </>
  );
}

function Details({ result, labels }: { result: { outcome: BatchOutcome; message?: string; shipmentId?: string }; labels: Map<string, BatchLabel> }) {
  const label = result.outcome === 'bought' && result.shipmentId ? labels.get(result.shipmentId) : undefined;
  return label ? <LabelLine label={label} /> : <>{result.message ?? ''}</>;
}

const LATER: Record<string, string> = { refund_pending: 'void pending', refunded: 'voided since', failed: 'failed' };

/** A bought label in a line: carrier and service, cost, tracking number (and whether voided since). */
function LabelLine({ label }: { label: BatchLabel }) {
  const parts = [[label.carrier, label.service].filter(Boolean).join(' · '), label.cost ? formatMoney(label.cost, label.currency) : null].filter(Boolean);
  return (
    <span>
      {parts.join(' · ')}
      {label.trackingNumber ? <span className="ml-2 font-mono text-xs">{label.trackingNumber}</span> : null}
      {LATER[label.status] ? <span className="ml-2 text-warning">({LATER[label.status]})</span> : null}
    </span>
  );
}
