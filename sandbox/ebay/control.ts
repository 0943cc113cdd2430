// Sandbox-only control calls (not eBay API): let an end-to-end test running the sandbox as a
// separate process make "eBay" validate an endpoint or send an account deletion notification.
import type { Router } from '@/sandbox/core/router';
import { json } from '@/sandbox/core/router';
import type { DeletionSender } from './deletion-sender';
import type { EbayUserIdentity } from './ids';

export interface ControlContext {
  sender(verificationToken?: string): DeletionSender;
  buyerOf(username: string, orderId: string): EbayUserIdentity;
}

async function body(req: Request): Promise<Record<string, unknown> | null> {
  try {
    const b = (await req.json()) as unknown;
    return typeof b === 'object' && b !== null ? (b as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

export function controlRoutes(router: Router, ctx: ControlContext): void {
  /** { endpointUrl, verificationToken, challengeCode? } -> ChallengeResult */
  router.add('POST', '/__ebay/challenge', async (req) => {
    const b = await body(req);
    const endpointUrl = str(b?.endpointUrl);
    const token = str(b?.verificationToken);
    if (!endpointUrl || !token) return json({ error: 'endpointUrl and verificationToken are required' }, 400);
    try {
      return json(await ctx.sender(token).sendChallenge(endpointUrl, str(b?.challengeCode)));
    } catch (err) {
      return json({ error: (err as Error).message }, 400);
    }
  });

  /**
   * { endpointUrl, seller + orderId (the order's buyer) | username + userId + eiasToken,
   *   maxAttempts?, notificationId? } -> DeliveryResult
   */
  router.add('POST', '/__ebay/account-deletion', async (req) => {
    const b = await body(req);
    const endpointUrl = str(b?.endpointUrl);
    if (!endpointUrl) return json({ error: 'endpointUrl is required' }, 400);
    let who: EbayUserIdentity;
    try {
      const seller = str(b?.seller);
      const orderId = str(b?.orderId);
      if (seller && orderId) who = ctx.buyerOf(seller, orderId);
      else {
        const [username, userId, eiasToken] = [str(b?.username), str(b?.userId), str(b?.eiasToken)];
        if (!username || !userId || !eiasToken) return json({ error: 'give seller + orderId, or username + userId + eiasToken' }, 400);
        who = { username, userId, eiasToken };
      }
    } catch (err) {
      return json({ error: (err as Error).message }, 404);
    }
    const maxAttempts = typeof b?.maxAttempts === 'number' && b.maxAttempts >= 1 ? Math.min(50, Math.floor(b.maxAttempts)) : 1;
    return json(await ctx.sender().sendAccountDeletion(endpointUrl, who, { maxAttempts, notificationId: str(b?.notificationId) }));
  });
}
