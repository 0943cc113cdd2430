// OAuth scopes (marketplace-apis.md §3.2, commerce_identity spec). The same list is asked for on the
// consent page and on every refresh: eBay refuses a refresh that asks for more than was consented.
const BASE = 'https://api.ebay.com/oauth/api_scope';

export const EBAY_SCOPES = {
  fulfillment: `${BASE}/sell.fulfillment`,
  fulfillmentReadonly: `${BASE}/sell.fulfillment.readonly`,
  inventory: `${BASE}/sell.inventory`,
  inventoryReadonly: `${BASE}/sell.inventory.readonly`,
  identity: `${BASE}/commerce.identity.readonly`,
} as const;

/**
 * What ESM needs from a seller: orders (read + createShippingFulfillment for tracking pushes),
 * listings (read) and who the seller is.
 */
export const EBAY_CONNECTOR_SCOPES: readonly string[] = [EBAY_SCOPES.fulfillment, EBAY_SCOPES.inventoryReadonly, EBAY_SCOPES.identity];
