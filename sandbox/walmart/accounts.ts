// Who exists in the simulated Walmart Marketplace: seller accounts, each with its own API
// credentials (client id/secret from Seller Center's Developer Portal) and order timeline.
// Every credential value here is a sandbox-only string that the real Walmart never accepts.
import type { AccountProfile } from '@/sandbox/core/catalog';
import { startOfUtcDay } from '@/sandbox/core/clock';

/** Sandbox-only demo credentials (never valid at Walmart). */
export const WALMART_DEMO_CLIENT_ID = 'wm-sandbox-demo-client-0000-000000000001';
export const WALMART_DEMO_CLIENT_SECRET = 'wm-sandbox-demo-secret-not-valid-at-walmart-0001';
/** Identifiers Walmart echoes in `nextCursor` (`partnerId`, `sellerId`). */
export const WALMART_DEMO_PARTNER_ID = '10001234567';
export const WALMART_DEMO_SELLER_ID = '101234567';

export interface WalmartAccount {
  clientId: string;
  clientSecret: string;
  /** Seller Center partner id (11 digits), echoed in order cursors. */
  partnerId: string;
  /** Internal seller id, echoed in order cursors. */
  sellerId: string;
  /** Seller display name. */
  name: string;
  profile: AccountProfile;
}

const DAY = 86_400_000;

/** The app's embedded default: one seller, an order every 90 minutes since 30 days ago. */
export function defaultWalmartAccounts(now: number): WalmartAccount[] {
  return [
    {
      clientId: WALMART_DEMO_CLIENT_ID,
      clientSecret: WALMART_DEMO_CLIENT_SECRET,
      partnerId: WALMART_DEMO_PARTNER_ID,
      sellerId: WALMART_DEMO_SELLER_ID,
      name: 'Harbor & Pine (sandbox)',
      profile: { seed: 'walmart-demo', epochMs: startOfUtcDay(now - 30 * DAY), intervalMs: 90 * 60_000 },
    },
  ];
}

/**
 * Sellers of their own for end-to-end tests that buy labels in organizations they create
 * (e2e/delivery.spec.ts, e2e/shipping-bulk.spec.ts): the simulators' original order mix, in which
 * an order still open two days after it was placed is never shipped outside ESM, so those tests
 * work on orders nothing else changes. On the demo's seller, whose shop ships its own orders within
 * hours (or late ones within a day), an order picked could ship at Walmart while a test used it,
 * and the tests, connecting the same seller, shipped orders under the demo's feet.
 */
export const WALMART_WORKBENCH_SELLERS = [
  { key: 'delivery', clientId: 'wm-sandbox-workbench-client-0000-000000000002', clientSecret: 'wm-sandbox-workbench-secret-not-valid-at-walmart-0002' },
  { key: 'bulk', clientId: 'wm-sandbox-workbench-client-0000-000000000003', clientSecret: 'wm-sandbox-workbench-secret-not-valid-at-walmart-0003' },
] as const;

export function workbenchWalmartAccounts(now: number): WalmartAccount[] {
  return WALMART_WORKBENCH_SELLERS.map((s, i) => ({
    clientId: s.clientId,
    clientSecret: s.clientSecret,
    partnerId: String(10001234568 + i),
    sellerId: String(101234568 + i),
    name: `Workbench ${s.key} (sandbox)`,
    profile: { seed: `walmart-workbench-${s.key}`, epochMs: startOfUtcDay(now - 30 * DAY), intervalMs: 90 * 60_000 },
  }));
}
