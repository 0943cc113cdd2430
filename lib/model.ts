// The shared vocabulary of ESM: marketplaces, roles and order statuses. Connectors, components,
// the database schema and the domain modules all speak these words, so they live here rather than
// in any one layer (components and connectors never import the database layer).
export const MARKETPLACES = ['walmart', 'amazon', 'ebay'] as const;
export type Marketplace = (typeof MARKETPLACES)[number];

export const ROLES = ['owner', 'admin', 'operator', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ORDER_STATUSES = ['pending', 'unshipped', 'partially_shipped', 'shipped', 'delivered', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
