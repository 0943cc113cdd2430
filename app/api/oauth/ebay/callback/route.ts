// eBay redirects the seller to the RuName's accept URL (here) with state and code, or with
// error=access_denied when they disagree.
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { appConnectDeps, connectEbayAuthorization } from '@/lib/accounts/connect-flow';
import { finishOAuth } from '../../flow';

const query = z.object({ code: z.string().min(1).max(2000) });

export async function GET(req: NextRequest) {
  return finishOAuth(req, 'ebay', async (c) => {
    const p = query.safeParse(Object.fromEntries(c.query));
    if (!p.success) return { ok: false, error: 'bad_request' };
    return connectEbayAuthorization(await appConnectDeps(), { orgId: c.orgId, userId: c.userId, accountId: c.accountId, code: p.data.code });
  });
}
