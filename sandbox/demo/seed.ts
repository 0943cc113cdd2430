// The embedded default's demo: a seller login, its organization, and that organization
// connected to one sandbox seller account per marketplace (the simulators started beside the
// app), verified and saved exactly as a person's connection would be. Orders arrive by sync.
// Idempotent; runs only when sandbox services are allowed (never with production config).
import { and, eq } from 'drizzle-orm';
import type { Database } from '@/lib/db/connect';
import { marketplaceAccounts, memberships } from '@/lib/db/schema';
import { type Marketplace } from '@/lib/model';
import { config } from '@/lib/env';
import { saveConnection } from '@/lib/accounts/connect';
import type { AccountCredentials } from '@/lib/accounts/credentials';
import { buildConnector } from '@/lib/marketplaces/registry';
import { processRateLimits } from '@/lib/sync/connectors';
import { createSandboxUser } from '@/sandbox/auth';
import { AMAZON_DEMO_REFRESH_TOKEN, AMAZON_DEMO_SELLER_ID } from '@/sandbox/amazon/accounts';
import { WALMART_DEMO_CLIENT_ID, WALMART_DEMO_CLIENT_SECRET } from '@/sandbox/walmart/accounts';
import { DEMO_EMAIL, DEMO_ORG_NAME, DEMO_PASSWORD, EBAY_DEMO_REFRESH_TOKEN } from './constants';

export const DEMO_CONNECTIONS: Array<{ marketplace: Marketplace; credentials: AccountCredentials }> = [
  { marketplace: 'walmart', credentials: { clientId: WALMART_DEMO_CLIENT_ID, clientSecret: WALMART_DEMO_CLIENT_SECRET } },
  { marketplace: 'amazon', credentials: { refreshToken: AMAZON_DEMO_REFRESH_TOKEN, sellingPartnerId: AMAZON_DEMO_SELLER_ID } },
  { marketplace: 'ebay', credentials: { refreshToken: EBAY_DEMO_REFRESH_TOKEN } },
];

export async function ensureSandboxData(database: Database): Promise<void> {
  const userId = await createSandboxUser(database, { email: DEMO_EMAIL, password: DEMO_PASSWORD, data: { organization_name: DEMO_ORG_NAME } });
  const [home] = await database.db
    .select({ orgId: memberships.orgId })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.role, 'owner')))
    .limit(1);
  if (!home) return;
  // Only while the simulators run beside the app (the launcher sets their URLs).
  if (!process.env.ESM_SANDBOX_WALMART_URL) return;
  const connected = await database.db
    .select({ marketplace: marketplaceAccounts.marketplace })
    .from(marketplaceAccounts)
    .where(eq(marketplaceAccounts.orgId, home.orgId));
  const cfg = config();
  for (const c of DEMO_CONNECTIONS) {
    if (connected.some((a) => a.marketplace === c.marketplace)) continue;
    try {
      const identity = await buildConnector(c.marketplace, c.credentials, { marketplaces: cfg.marketplaces, limits: processRateLimits() }).verify();
      await saveConnection(database.db, cfg.encryptionKeys, { orgId: home.orgId, userId, marketplace: c.marketplace, identity, credentials: c.credentials });
    } catch (e) {
      console.warn(`Demo: could not connect the ${c.marketplace} sandbox account (${(e as Error).message}); will retry on next start.`);
    }
  }
}
