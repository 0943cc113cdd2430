// Amazon sends the seller back here with state, selling_partner_id and spapi_oauth_code.
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { appConnectDeps, connectAmazonAuthorization } from '@/lib/accounts/connect-flow';
import { finishOAuth } from '../../flow';

const query = z.object({
  spapi_oauth_code: z.string().min(1).max(2000),
  selling_partner_id: z.string().regex(/^[A-Z0-9]{5,32}$/),
});

export async function GET(req: NextRequest) {
  return finishOAuth(req, 'amazon', async (c) => {
    const p = query.safeParse(Object.fromEntries(c.query));
    if (!p.success) return { ok: false, error: 'bad_request' };
    return connectAmazonAuthorization(await appConnectDeps(), {
      orgId: c.orgId,
      userId: c.userId,
      accountId: c.accountId,
      code: p.data.spapi_oauth_code,
      sellingPartnerId: p.data.selling_partner_id,
    });
  });
}
