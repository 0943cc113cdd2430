import 'server-only';
// The merchant's rules applied to one order: its weight (an explicit weight, else the SKU
// defaults summed over the lines, else the package's), value, item count and ship-to. Read
// under RLS in the person's transaction; the verdict is returned, never stored.
import type { Tx } from '@/lib/db';
import { listRules, listSkuDefaults } from './rule-settings';
import { checkRules, type RuleVerdict } from './rules';
import type { Shippable } from './shippable';
import type { PackagePreset, ShippingRule, SkuDefault } from './types';

export interface RuleContext {
  rules: ShippingRule[];
  skuDefaults: SkuDefault[];
}

export async function loadRuleContext(tx: Tx, orgId: string): Promise<RuleContext> {
  return { rules: await listRules(tx, orgId), skuDefaults: await listSkuDefaults(tx, orgId) };
}

/** Weight in ounces: the explicit one, else every line's SKU default × quantity, else the package's. */
export function orderWeightOz(order: Pick<Shippable, 'items'>, defaults: SkuDefault[], preset: Pick<PackagePreset, 'weightOz'> | null, explicit?: number | null): number | null {
  if (explicit) return explicit;
  const bySku = new Map(defaults.map((d) => [d.sku, d]));
  if (order.items.length && order.items.every((i) => i.sku && bySku.has(i.sku))) {
    return Math.round(order.items.reduce((sum, i) => sum + bySku.get(i.sku as string)!.weightOz * i.quantity, 0) * 100) / 100;
  }
  return preset?.weightOz ?? null;
}

/** The package a single-SKU order's default names, when the person chose none. */
export function defaultPresetId(order: Pick<Shippable, 'items'>, defaults: SkuDefault[]): string | null {
  const skus = new Set(order.items.map((i) => i.sku));
  if (skus.size !== 1) return null;
  return defaults.find((d) => d.sku === [...skus][0])?.presetId ?? null;
}

export function applyRules(ctx: RuleContext, order: Shippable, weightOz: number): RuleVerdict {
  return checkRules(ctx.rules, {
    weightOz, orderValue: order.total, itemCount: order.itemCount, street1: order.to.street1, street2: order.to.street2 ?? null,
    zip: order.to.zip, country: order.to.country,
  });
}

export const blockedMessage = (b: NonNullable<RuleVerdict['blocked']>) => `Blocked by your rule “${b.rule}”: ${b.message} Nothing was bought.`;
