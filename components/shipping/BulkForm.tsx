'use client';
// Shipments → Buy labels in bulk: pick orders (all selected by default), the rule that chooses
// each rate, the package and the ship-from; the batch runs as a background job.
import { useActionState, useState } from 'react';
import { Layers } from 'lucide-react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Label } from '@/components/ui/Label';
import { Select } from '@/components/ui/Select';
import { formatDateTime, formatMarketplace, formatMoney } from '@/components/ui/format';
import type { PackagePreset } from '@/lib/shipping/types';
import { startBatchAction, type BulkState } from '@/app/(app)/shipments/bulk/actions';

interface Props {
  orgId: string;
  orders: Array<{ id: string; externalOrderId: string; marketplace: string; shipBy: Date | null; total: string; currency: string }>;
  presets: PackagePreset[];
  locations: Array<{ id: string; name: string; isDefault: boolean }>;
  timeZone: string;
}

export function BulkForm({ orgId, orders, presets, locations, timeZone }: Props) {
  const [state, action, pending] = useActionState<BulkState, FormData>(startBatchAction, {});
  const [selected, setSelected] = useState<Set<string>>(() => new Set(orders.map((o) => o.id)));
  const toggle = (id: string) => setSelected((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set([...s, id])));
  const all = selected.size === orders.length;
  return (
    <form action={action} className="space-y-4" aria-label="Buy labels in bulk">
      <input type="hidden" name="orgId" value={orgId} />
      <div className="grid gap-3 sm:grid-cols-3">
        <div>
          <Label htmlFor="bulk-rule">Rate</Label>
          <Select id="bulk-rule" name="rule" defaultValue="cheapest_in_time">
            <option value="cheapest_in_time">Cheapest that arrives by deliver-by</option>
            <option value="cheapest">Cheapest</option>
            <option value="fastest">Fastest</option>
          </Select>
        </div>
        <div>
          <Label htmlFor="bulk-package">Package</Label>
          <Select id="bulk-package" name="presetId" defaultValue={presets[0]?.id}>
            {presets.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <Label htmlFor="bulk-from">Ship from</Label>
          <Select id="bulk-from" name="shipFromId" defaultValue={locations.find((l) => l.isDefault)?.id ?? locations[0]?.id}>
            {locations.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <div className="overflow-hidden rounded-md border border-line">
        <label className="flex items-center gap-3 border-b border-line bg-surface-muted px-4 py-2 text-sm font-medium">
          <input type="checkbox" checked={all} onChange={() => setSelected(all ? new Set() : new Set(orders.map((o) => o.id)))} />
          {selected.size} of {orders.length} orders selected
        </label>
        <ul className="max-h-[28rem] divide-y divide-line overflow-y-auto" aria-label="Orders ready to ship">
          {orders.map((o) => (
            <li key={o.id}>
              <label className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2 text-sm">
                <input type="checkbox" name="orderIds" value={o.id} checked={selected.has(o.id)} onChange={() => toggle(o.id)} />
                <span className="font-mono">{o.externalOrderId}</span>
                <span className="text-ink-muted">{formatMarketplace(o.marketplace)}</span>
                <span className="text-ink-muted">{o.shipBy ? `ship by ${formatDateTime(o.shipBy, { timeZone })}` : ''}</span>
                <span className="ml-auto tabular-nums">{formatMoney(o.total, o.currency)}</span>
              </label>
            </li>
          ))}
        </ul>
      </div>
      <Button type="submit" disabled={pending || selected.size === 0}>
        <Layers aria-hidden className="size-4" />
        {pending ? 'Starting…' : `Buy ${selected.size} label${selected.size === 1 ? '' : 's'}`}
      </Button>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
    </form>
  );
}
