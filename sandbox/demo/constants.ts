// The embedded default's demo login (sandbox only: these never exist with production config).
export const DEMO_EMAIL = 'demo@esm.local';
export const DEMO_PASSWORD = 'demo-store-2026';
export const DEMO_ORG_NAME = 'Harbor & Pine (demo)';
/** Refresh token the eBay simulator knows in advance for its demo seller (sandbox only). */
export const EBAY_DEMO_REFRESH_TOKEN = 'v^1.1#i^1#sandbox-demo-refresh-token-esm_sandbox_seller';
