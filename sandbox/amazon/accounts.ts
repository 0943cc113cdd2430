// Who exists in the simulated Amazon world: selling partner accounts (each with its own order
// timeline) and registered SP-API applications (LWA clients). All credential values here are
// sandbox-only strings; none of them is accepted by the real Amazon.
import type { AccountProfile } from '@/sandbox/core/catalog';
import { startOfUtcDay } from '@/sandbox/core/clock';

export const AMAZON_US_MARKETPLACE_ID = 'ATVPDKIKX0DER';

/** Sandbox-only demo credentials (never valid at Amazon). */
export const AMAZON_DEMO_CLIENT_ID = 'amzn1.application-oa2-client.sandboxdemo0000000000000000000000';
export const AMAZON_DEMO_CLIENT_SECRET = 'amzn1.oa2-cs.v1.sandbox-demo-secret-not-valid-at-amazon';
export const AMAZON_DEMO_APPLICATION_ID = 'amzn1.sp.solution.sandbox-demo-0000-0000-000000000000';
export const AMAZON_DEMO_SELLER_ID = 'A1SANDBOXDEMO01';
export const AMAZON_DEMO_REFRESH_TOKEN = 'Atzr|sandbox-demo-refresh-token-for-A1SANDBOXDEMO01';
/** Redirect URIs registered for the demo app (the consent flow only redirects to one of these). */
export const AMAZON_DEMO_REDIRECT_URIS = [
  'http://localhost:3000/api/marketplaces/amazon/oauth/callback',
  'http://127.0.0.1:3000/api/marketplaces/amazon/oauth/callback',
];

export interface AmazonAccount {
  /** Merchant token (the `selling_partner_id` of the OAuth callback and Listings `sellerId`). */
  sellingPartnerId: string;
  /** Seller Central display name (shown on the consent page). */
  name: string;
  profile: AccountProfile;
  /** Refresh tokens already granted to apps: token -> LWA client id. */
  refreshTokens?: Record<string, string>;
  marketplaceId?: string;
}

export interface AmazonApp {
  clientId: string;
  clientSecret: string;
  /** Solution Provider Portal application id (the consent URI's `application_id`). */
  applicationId: string;
  redirectUris: string[];
  /** Draft apps can only be authorized with `version=beta` (error MD1000 otherwise). */
  draft: boolean;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The app's embedded default: one seller, an order every 90 minutes since 30 days ago. */
export function defaultAmazonAccounts(now: number): AmazonAccount[] {
  return [
    {
      sellingPartnerId: AMAZON_DEMO_SELLER_ID,
      name: 'Harbor & Pine (sandbox)',
      profile: { seed: 'amazon-demo', epochMs: startOfUtcDay(now - 30 * DAY), intervalMs: 90 * 60_000 },
      refreshTokens: { [AMAZON_DEMO_REFRESH_TOKEN]: AMAZON_DEMO_CLIENT_ID },
    },
  ];
}

export function defaultAmazonApps(): AmazonApp[] {
  return [
    {
      clientId: AMAZON_DEMO_CLIENT_ID,
      clientSecret: AMAZON_DEMO_CLIENT_SECRET,
      applicationId: AMAZON_DEMO_APPLICATION_ID,
      redirectUris: [...AMAZON_DEMO_REDIRECT_URIS],
      draft: true,
    },
  ];
}
