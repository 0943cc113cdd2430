// Starts Amazon's website authorization workflow (Seller Central consent page).
import type { NextRequest } from 'next/server';
import { config } from '@/lib/env';
import { amazonConsentUrl } from '@/lib/marketplaces/amazon/oauth';
import { oauthRedirectUri } from '@/lib/accounts/connect-flow';
import { startOAuth } from '../../flow';

export async function POST(req: NextRequest) {
  const { amazon } = config().marketplaces;
  return startOAuth(req, 'amazon', (state) =>
    amazonConsentUrl({
      sellerCentralUrl: amazon.sellerCentralUrl,
      applicationId: amazon.app!.applicationId,
      state,
      redirectUri: oauthRedirectUri(config().appUrl, 'amazon'),
      // A draft (unpublished) app is authorized with version=beta; a published one without.
      draft: amazon.app!.draft,
    }),
  );
}
