import type { Metadata } from 'next';
import Link from 'next/link';
import { ChevronLeft } from 'lucide-react';
import { Badge } from '@/components/ui/Badge';
import { Card, CardBody, CardHeader } from '@/components/ui/Card';
import { PageHeader } from '@/components/ui/PageHeader';
import { ConfirmButton } from '@/components/settings/ConfirmButton';
import { PresetForm } from '@/components/shipping/PresetForm';
import { ShipFromForm } from '@/components/shipping/ShipFromForm';
import { pageContext } from '@/lib/auth/page-context';
import { withUser } from '@/lib/db';
import { hasRole } from '@/lib/orgs/roles';
import { listPresets, listShipFrom } from '@/lib/shipping/settings';
import { listRules, listSkuDefaults } from '@/lib/shipping/rule-settings';
import { RulesCards } from '@/components/shipping/RulesCards';
import { deleteShippingItemAction } from './actions';

export const metadata: Metadata = { title: 'Shipping settings' };

const fmt = (n: number) => String(Number(n.toFixed(2)));

export default async function ShippingSettingsPage() {
  const { session, org } = await pageContext('/settings/shipping');
  if (!org) return null;
  const isAdmin = hasRole(org.role, 'admin');
  const [locations, presets, rules, skuDefaults] = await withUser(session.claims, async (tx) => [
    await listShipFrom(tx, org.id),
    await listPresets(tx, org.id),
    await listRules(tx, org.id),
    await listSkuDefaults(tx, org.id),
  ] as const);
  return (
    <>
      <Link href="/settings" className="mb-3 inline-flex items-center gap-1 text-sm text-ink-muted hover:text-ink">
        <ChevronLeft aria-hidden className="size-4" />
        Settings
      </Link>
      <PageHeader title="Shipping" description="Where your parcels leave from and the boxes you ship in. Labels are bought with these." />
      <div className="space-y-6">
        <Card>
          <CardHeader
            title="Ship-from locations"
            description={isAdmin ? 'Each address is checked with Shippo before it is saved.' : 'Only owners and admins can add or remove locations.'}
          />
          <CardBody className="space-y-5">
            {locations.length === 0 ? (
              <p className="text-sm text-ink-muted" data-testid="no-ship-from">No ship-from location yet: labels cannot be bought until one is added.</p>
            ) : (
              <ul className="divide-y divide-line rounded-md border border-line" aria-label="Ship-from locations">
                {locations.map((l) => (
                  <li key={l.id} className="flex flex-wrap items-start justify-between gap-3 px-4 py-3">
                    <div className="min-w-0 text-sm">
                      <p className="font-medium">
                        {l.name} {l.isDefault ? <Badge tone="info">Default</Badge> : null}
                      </p>
                      <p className="text-ink-muted">
                        {[l.street1, l.street2, `${l.city}, ${l.state} ${l.zip}`, l.country].filter(Boolean).join(', ')}
                      </p>
                    </div>
                    {isAdmin ? (
                      <ConfirmButton
                        action={deleteShippingItemAction}
                        fields={{ orgId: org.id, id: l.id, kind: 'ship_from' }}
                        label="Delete"
                        pendingLabel="Deleting…"
                        question={`Delete the location “${l.name}”?`}
                        ariaLabel={`Delete location ${l.name}`}
                      />
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
            {isAdmin ? <ShipFromForm orgId={org.id} /> : null}
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Packages" description="Box sizes and empty weights you use often. Dimensions in inches, weight in ounces." />
          <CardBody className="space-y-5">
            {presets.length === 0 ? (
              <p className="text-sm text-ink-muted">No packages yet.</p>
            ) : (
              <ul className="divide-y divide-line rounded-md border border-line" aria-label="Packages">
                {presets.map((p) => (
                  <li key={p.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm">
                    <div>
                      <p className="font-medium">{p.name}</p>
                      <p className="text-ink-muted tabular-nums">
                        {fmt(p.lengthIn)} × {fmt(p.widthIn)} × {fmt(p.heightIn)} in · {fmt(p.weightOz)} oz
                      </p>
                    </div>
                    {isAdmin ? (
                      <ConfirmButton
                        action={deleteShippingItemAction}
                        fields={{ orgId: org.id, id: p.id, kind: 'preset' }}
                        label="Delete"
                        pendingLabel="Deleting…"
                        question={`Delete the package “${p.name}”?`}
                        ariaLabel={`Delete package ${p.name}`}
                      />
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
            {isAdmin ? <PresetForm orgId={org.id} /> : null}
          </CardBody>
        </Card>
        <RulesCards orgId={org.id} isAdmin={isAdmin} rules={rules} skuDefaults={skuDefaults} presets={presets} />
      </div>
    </>
  );
}
