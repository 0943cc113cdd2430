import { describe, expect, it } from 'vitest';
import { checkRules, ruleMatches, ruleValueProblem, type RuleFacts } from './rules';
import type { ShippingRule } from './types';

const facts: RuleFacts = { weightOz: 40, orderValue: 120, itemCount: 3, street1: '12 Main St', street2: null, zip: '99501', country: 'US' };
const rule = (kind: ShippingRule['kind'], value: string, effect: ShippingRule['effect'] = 'block'): ShippingRule => ({
  id: kind, name: `R ${kind}`, effect, kind, value, message: `msg ${kind}`, enabled: true,
});

describe('merchant rules', () => {
  it('thresholds', () => {
    expect(ruleMatches('max_weight_oz', '32', facts)).toBe(true);
    expect(ruleMatches('max_weight_oz', '40', facts)).toBe(false);
    expect(ruleMatches('min_order_value', '150', facts)).toBe(true);
    expect(ruleMatches('max_order_value', '100', facts)).toBe(true);
    expect(ruleMatches('max_item_count', '3', facts)).toBe(false);
    expect(ruleMatches('max_item_count', '2', facts)).toBe(true);
  });

  it('patterns: PO boxes in their usual spellings, postal prefixes, address substrings', () => {
    for (const s of ['PO Box 12', 'P.O. Box 9', 'p o box 3', 'Post Office Box 4', 'POB 7']) expect(ruleMatches('po_box', '', { ...facts, street1: s }), s).toBe(true);
    for (const s of ['12 Pobox Lane', '55 Boxwood Rd', 'Apollo Blvd 5']) expect(ruleMatches('po_box', '', { ...facts, street1: s }), s).toBe(false);
    expect(ruleMatches('po_box', '', { ...facts, street2: 'PO Box 5' })).toBe(true);
    expect(ruleMatches('postal_code_prefix', '995, 996', facts)).toBe(true);
    expect(ruleMatches('postal_code_prefix', '967', facts)).toBe(false);
    expect(ruleMatches('address_contains', 'c/o, MAIN', facts)).toBe(true);
  });

  it('country allow and deny lists', () => {
    expect(ruleMatches('country_allow', 'US, CA', facts)).toBe(false);
    expect(ruleMatches('country_allow', 'CA', facts)).toBe(true);
    expect(ruleMatches('country_deny', 'us', facts)).toBe(true);
  });

  it('the first block wins; warnings collect; disabled rules are skipped', () => {
    const v = checkRules(
      [rule('max_item_count', '2', 'warn'), { ...rule('country_deny', 'US'), enabled: false }, rule('max_weight_oz', '32'), rule('min_order_value', '500')],
      facts,
    );
    expect(v).toEqual({ blocked: { rule: 'R max_weight_oz', message: 'msg max_weight_oz' }, warnings: [{ rule: 'R max_item_count', message: 'msg max_item_count' }] });
    expect(checkRules([rule('po_box', '')], facts)).toEqual({ blocked: null, warnings: [] });
  });

  it('values are checked per kind', () => {
    expect(ruleValueProblem('max_weight_oz', 'ten')).toBe('Enter a number');
    expect(ruleValueProblem('max_weight_oz', '-1')).toBe('Enter a number');
    expect(ruleValueProblem('country_deny', 'USA')).toMatch(/two-letter/);
    expect(ruleValueProblem('postal_code_prefix', ' , ')).toMatch(/at least one/);
    expect(ruleValueProblem('po_box', '')).toBeNull();
  });
});
