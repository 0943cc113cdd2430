// The shared vocabulary of ESM: marketplaces, roles and order statuses. Connectors, components,
// the database schema and the domain modules all speak these words, so they live here rather than
// in any one layer (components and connectors never import the database layer).
export const MARKETPLACES = ['walmart', 'amazon', 'ebay'] as const;
export type Marketplace = (typeof MARKETPLACES)[number];

export const ROLES = ['owner', 'admin', 'operator', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ORDER_STATUSES = ['pending', 'unshipped', 'partially_shipped', 'shipped', 'delivered', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** What a merchant's shipping rule tests (thresholds, patterns, country lists). */
export const RULE_KINDS = [
  'max_weight_oz', 'min_order_value', 'max_order_value', 'max_item_count', 'po_box', 'postal_code_prefix', 'address_contains', 'country_allow', 'country_deny',
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/** The longest hold reason an operator can write (the database's check on orders.hold_reason says the same). */
export const HOLD_REASON_MAX = 500;
