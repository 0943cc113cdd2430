// Merchant rules (Checkout Guard's kinds): thresholds, patterns and country lists, each with the
// merchant's own message, checked before rates and before a purchase. A check reads the order's
// facts and answers; it stores nothing (least of all about the buyer).
import type { RuleKind, ShippingRule } from './types';

export interface RuleFacts {
  weightOz: number;
  orderValue: number;
  itemCount: number;
  street1: string;
  street2: string | null;
  zip: string;
  country: string;
}

export interface RuleVerdict {
  blocked: { rule: string; message: string } | null;
  warnings: Array<{ rule: string; message: string }>;
}

// "PO Box 12", "P.O. Box", "Post Office Box", "POB 7" (bounded, linear pattern).
const PO_BOX = /\b(p\.?\s?o\.?\s?b(ox)?|post\s+office\s+box)\b\.?\s*\d/i;

const list = (v: string) => v.split(',').map((x) => x.trim()).filter(Boolean);
const norm = (s: string) => s.toUpperCase().replace(/\s+/g, '');

/** True when the rule applies to (matches) these facts. */
export function ruleMatches(kind: RuleKind, value: string, f: RuleFacts): boolean {
  const n = Number(value);
  switch (kind) {
    case 'max_weight_oz':
      return f.weightOz > n;
    case 'min_order_value':
      return f.orderValue < n;
    case 'max_order_value':
      return f.orderValue > n;
    case 'max_item_count':
      return f.itemCount > n;
    case 'po_box':
      return PO_BOX.test(f.street1) || (f.street2 !== null && PO_BOX.test(f.street2));
    case 'postal_code_prefix':
      return list(value).some((p) => norm(f.zip).startsWith(norm(p)));
    case 'address_contains': {
      const line = `${f.street1} ${f.street2 ?? ''}`.toLowerCase();
      return list(value).some((p) => line.includes(p.toLowerCase()));
    }
    case 'country_allow':
      return !list(value).map((c) => c.toUpperCase()).includes(f.country.toUpperCase());
    case 'country_deny':
      return list(value).map((c) => c.toUpperCase()).includes(f.country.toUpperCase());
  }
}

export function checkRules(rules: ShippingRule[], facts: RuleFacts): RuleVerdict {
  const verdict: RuleVerdict = { blocked: null, warnings: [] };
  for (const r of rules) {
    if (!r.enabled || !ruleMatches(r.kind, r.value, facts)) continue;
    if (r.effect === 'block') verdict.blocked ??= { rule: r.name, message: r.message };
    else verdict.warnings.push({ rule: r.name, message: r.message });
  }
  return verdict;
}

/** What a rule's value must look like, per kind (null: fine). */
export function ruleValueProblem(kind: RuleKind, value: string): string | null {
  const v = value.trim();
  if (['max_weight_oz', 'min_order_value', 'max_order_value', 'max_item_count'].includes(kind)) {
    return v !== '' && Number.isFinite(Number(v)) && Number(v) >= 0 ? null : 'Enter a number';
  }
  if (kind === 'po_box') return null;
  if (kind === 'country_allow' || kind === 'country_deny') {
    const codes = list(v);
    return codes.length && codes.every((c) => /^[A-Za-z]{2}$/.test(c)) ? null : 'List two-letter country codes, e.g. US, CA';
  }
  return list(v).length ? null : 'Enter at least one value (separate several with commas)';
}

export const RULE_KIND_LABELS: Record<RuleKind, string> = {
  max_weight_oz: 'Weight over (oz)',
  min_order_value: 'Order value under',
  max_order_value: 'Order value over',
  max_item_count: 'Item count over',
  po_box: 'Ship-to is a PO box',
  postal_code_prefix: 'Postal code starts with',
  address_contains: 'Address line contains',
  country_allow: 'Country not in',
  country_deny: 'Country in',
};
