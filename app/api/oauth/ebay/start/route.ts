// Starts eBay's user consent (authorization code grant).
import type { NextRequest } from 'next/server';
import { config } from '@/lib/env';
import { EBAY_CONNECTOR_SCOPES, ebayAuthorizeUrl } from '@/lib/marketplaces/ebay';
import { startOAuth } from '../../flow';

export async function POST(req: NextRequest) {
  const { ebay } = config().marketplaces;
  return startOAuth(req, 'ebay', (state) =>
    ebayAuthorizeUrl({
      authBaseUrl: ebay.authBaseUrl,
      clientId: ebay.app!.clientId,
      ruName: ebay.app!.ruName,
      state,
      scopes: EBAY_CONNECTOR_SCOPES,
      // Always ask who is signing in: a browser still signed in to another eBay seller would
      // otherwise connect that seller without a second look.
      prompt: 'login',
    }),
  );
}
