// OAuth scopes the simulator knows. A request for anything else is `invalid_scope`, as on eBay.
const BASE = 'https://api.ebay.com/oauth/api_scope';

export const SCOPE = {
  public: BASE,
  fulfillment: `${BASE}/sell.fulfillment`,
  fulfillmentReadonly: `${BASE}/sell.fulfillment.readonly`,
  inventory: `${BASE}/sell.inventory`,
  inventoryReadonly: `${BASE}/sell.inventory.readonly`,
  account: `${BASE}/sell.account`,
  accountReadonly: `${BASE}/sell.account.readonly`,
  finances: `${BASE}/sell.finances`,
  identity: `${BASE}/commerce.identity.readonly`,
  notificationSubscription: `${BASE}/commerce.notification.subscription`,
  notificationSubscriptionReadonly: `${BASE}/commerce.notification.subscription.readonly`,
} as const;

/** Scopes a user can grant through the consent page (authorization code grant). */
export const USER_SCOPES: readonly string[] = Object.values(SCOPE);

/** Scopes an application token (client credentials grant) can carry. */
export const APPLICATION_SCOPES: readonly string[] = [SCOPE.public];

/** eBay separates scopes with spaces (form-encoded as `+` or `%20`). */
export function parseScopes(raw: string | null): string[] {
  return (raw ?? '').split(/\s+/).filter(Boolean);
}
