import type { Metadata } from 'next';
import Link from 'next/link';
import { ChevronLeft, PackageCheck } from 'lucide-react';
import { Alert } from '@/components/ui/Alert';
import { Card, CardBody } from '@/components/ui/Card';
import { EmptyState } from '@/components/ui/EmptyState';
import { PageHeader } from '@/components/ui/PageHeader';
import { BulkForm } from '@/components/shipping/BulkForm';
import { pageContext } from '@/lib/auth/page-context';
import { withUser } from '@/lib/db';
import { hasRole } from '@/lib/orgs/roles';
import { listReadyOrders } from '@/lib/shipping/bulk';
import { listPresets, listShipFrom } from '@/lib/shipping/settings';

export const metadata: Metadata = { title: 'Buy labels in bulk' };

export default async function BulkPage() {
  const { session, org } = await pageContext('/shipments/bulk');
  if (!org) return null;
  const canBuy = hasRole(org.role, 'operator');
  const [orders, presets, locations] = await withUser(session.claims, async (tx) => [
    await listReadyOrders(tx, org.id),
    await listPresets(tx, org.id),
    await listShipFrom(tx, org.id),
  ] as const);
  return (
    <>
      <Link href="/shipments" className="mb-3 inline-flex items-center gap-1 text-sm text-ink-muted hover:text-ink">
        <ChevronLeft aria-hidden className="size-4" />
        Shipments
      </Link>
      <PageHeader
        title="Buy labels in bulk"
        description="Up to 500 orders at once. Each order's rate is chosen by the rule, your merchant rules apply, and the batch keeps running if you close this page."
      />
      {!canBuy ? (
        <Alert tone="info">Viewers can't buy labels. Ask an admin of your organization for the operator role.</Alert>
      ) : !presets.length || !locations.length ? (
        <Alert tone="info">
          Add a ship-from location and a package in <Link className="font-medium underline" href="/settings/shipping">Settings → Shipping</Link> first.
        </Alert>
      ) : orders.length === 0 ? (
        <EmptyState icon={PackageCheck} title="Nothing to ship" text="Every open order already has a label, is on hold, or has shipped." />
      ) : (
        <Card>
          <CardBody>
            <BulkForm orgId={org.id} timeZone={org.timeZone} orders={orders} presets={presets} locations={locations.map((l) => ({ id: l.id, name: l.name, isDefault: l.isDefault }))} />
          </CardBody>
        </Card>
      )}
    </>
  );
}
