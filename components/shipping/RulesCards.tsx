// Settings → Shipping: the merchant's rules and SKU defaults, with their forms for admins.
import { Badge } from '@/components/ui/Badge';
import { Card, CardBody, CardHeader } from '@/components/ui/Card';
import { ConfirmButton } from '@/components/settings/ConfirmButton';
import { RULE_KIND_LABELS } from '@/lib/shipping/rules';
import type { PackagePreset, ShippingRule, SkuDefault } from '@/lib/shipping/types';
import { deleteShippingItemAction } from '@/app/(app)/settings/shipping/actions';
import { RuleForm } from './RuleForm';
import { SkuDefaultForm } from './SkuDefaultForm';

interface Props {
  orgId: string;
  isAdmin: boolean;
  rules: ShippingRule[];
  skuDefaults: SkuDefault[];
  presets: PackagePreset[];
}

export function RulesCards({ orgId, isAdmin, rules, skuDefaults, presets }: Props) {
  const presetName = new Map(presets.map((p) => [p.id, p.name]));
  const remove = (kind: 'rule' | 'sku_default', id: string, what: string) =>
    isAdmin ? (
      <ConfirmButton action={deleteShippingItemAction} fields={{ orgId, id, kind }} label="Delete" pendingLabel="Deleting…" question={`Delete ${what}?`} ariaLabel={`Delete ${what}`} />
    ) : null;
  return (
    <>
      <Card>
        <CardHeader title="Rules" description="Checked before rates and again before a label is bought. A block stops the purchase with your message; a warning shows it." />
        <CardBody className="space-y-5">
          {rules.length === 0 ? (
            <p className="text-sm text-ink-muted">No rules yet.</p>
          ) : (
            <ul className="divide-y divide-line rounded-md border border-line" aria-label="Rules">
              {rules.map((r) => (
                <li key={r.id} className="flex flex-wrap items-start justify-between gap-3 px-4 py-3 text-sm">
                  <div className="min-w-0">
                    <p className="font-medium">
                      {r.name} <Badge tone={r.effect === 'block' ? 'danger' : 'warning'}>{r.effect === 'block' ? 'Blocks' : 'Warns'}</Badge>
                    </p>
                    <p className="text-ink-muted">
                      {RULE_KIND_LABELS[r.kind]}
                      {r.value ? ` ${r.value}` : ''} → “{r.message}”
                    </p>
                  </div>
                  {remove('rule', r.id, `the rule “${r.name}”`)}
                </li>
              ))}
            </ul>
          )}
          {isAdmin ? <RuleForm orgId={orgId} /> : null}
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="SKU defaults" description="The weight of one unit of a SKU, and its usual package. Orders with several items add their weights up." />
        <CardBody className="space-y-5">
          {skuDefaults.length === 0 ? (
            <p className="text-sm text-ink-muted">No SKU defaults yet.</p>
          ) : (
            <ul className="divide-y divide-line rounded-md border border-line" aria-label="SKU defaults">
              {skuDefaults.map((d) => (
                <li key={d.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm">
                  <p>
                    <span className="font-mono">{d.sku}</span>
                    <span className="text-ink-muted">
                      {' '}
                      · {d.weightOz} oz{d.presetId && presetName.get(d.presetId) ? ` · ${presetName.get(d.presetId)}` : ''}
                    </span>
                  </p>
                  {remove('sku_default', d.id, `the default for ${d.sku}`)}
                </li>
              ))}
            </ul>
          )}
          {isAdmin ? <SkuDefaultForm orgId={orgId} presets={presets} /> : null}
        </CardBody>
      </Card>
    </>
  );
}
