import 'server-only';
// The HTTP half of the Amazon and eBay consent flows, shared by both marketplaces' routes.
// Start (POST from the Accounts page): signed-in admin of the organization the page showed →
// state cookie → 303 to the consent page. Callback (GET from the marketplace): state checked
// against the cookie and the signed-in user, then one lib call; the browser always lands on
// /accounts with a code the page turns into words. Codes, tokens and state are never logged.
import { after, NextResponse, type NextRequest } from 'next/server';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { getSession } from '@/lib/auth/session';
import { withUser } from '@/lib/db';
import { marketplaceAccounts } from '@/lib/db/schema';
import { config } from '@/lib/env';
import { log } from '@/lib/log';
import { listMyOrgs } from '@/lib/orgs/context';
import { hasRole } from '@/lib/orgs/roles';
import { isConfigured, type ConnectOutcome } from '@/lib/accounts/connect-flow';
import { checkOAuthState, createOAuthState, oauthCookieName, oauthStateKey, type OAuthMarketplace } from '@/lib/accounts/oauth-state';
import { runAccountSync } from '@/lib/accounts/sync-now';
import type { ConnectMessageCode } from '@/components/accounts/messages';

const startForm = z.object({
  orgId: z.uuid(),
  accountId: z.union([z.uuid(), z.literal('')]).optional(),
});

function toAccounts(params: Record<string, string>, status = 303): NextResponse {
  const q = new URLSearchParams(params).toString();
  return NextResponse.redirect(`${config().appUrl}/accounts${q ? `?${q}` : ''}`, status);
}

const failed = (m: OAuthMarketplace, error: ConnectMessageCode, status = 303) => toAccounts({ error, marketplace: m }, status);

function cookieOptions(m: OAuthMarketplace, maxAge: number) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config().appUrl.startsWith('https://'),
    path: `/api/oauth/${m}`,
    maxAge,
  };
}

/** POST /api/oauth/<m>/start: `consentUrl` builds the marketplace's page for a state. */
export async function startOAuth(req: NextRequest, m: OAuthMarketplace, consentUrl: (state: string) => string): Promise<Response> {
  const session = await getSession();
  if (!session) return NextResponse.redirect(`${config().appUrl}/sign-in?next=${encodeURIComponent('/accounts')}`, 303);
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return failed(m, 'bad_request');
  }
  const p = startForm.safeParse({ orgId: form.get('orgId'), accountId: form.get('accountId') ?? undefined });
  if (!p.success) return failed(m, 'bad_request');
  const { orgId } = p.data;
  const accountId = p.data.accountId || null;

  const org = (await listMyOrgs(session)).find((o) => o.id === orgId);
  if (!org || !hasRole(org.role, 'admin')) return failed(m, 'forbidden');
  if (!isConfigured(config().marketplaces, m)) return failed(m, 'not_configured');
  if (accountId) {
    const [acct] = await withUser(session.claims, (tx) =>
      tx
        .select({ id: marketplaceAccounts.id })
        .from(marketplaceAccounts)
        .where(and(eq(marketplaceAccounts.id, accountId), eq(marketplaceAccounts.orgId, orgId), eq(marketplaceAccounts.marketplace, m))),
    );
    if (!acct) return failed(m, 'not_found');
  }

  const s = createOAuthState(oauthStateKey(config().encryptionKeys), { marketplace: m, userId: session.userId, orgId, accountId });
  const res = NextResponse.redirect(consentUrl(s.state), 303);
  res.cookies.set(oauthCookieName(m), s.cookie, cookieOptions(m, s.maxAgeSeconds));
  res.headers.set('cache-control', 'no-store');
  return res;
}

export interface CallbackContext {
  orgId: string;
  userId: string;
  accountId: string | null;
  query: URLSearchParams;
}

/** GET /api/oauth/<m>/callback: `connect` exchanges the code and saves (or says why not). */
export async function finishOAuth(
  req: NextRequest,
  m: OAuthMarketplace,
  connect: (c: CallbackContext) => Promise<ConnectOutcome | { ok: false; error: ConnectMessageCode }>,
): Promise<Response> {
  const q = req.nextUrl.searchParams;
  const session = await getSession();
  if (!session) return NextResponse.redirect(`${config().appUrl}/sign-in?next=${encodeURIComponent('/accounts')}`, 303);

  const done = (res: NextResponse) => {
    res.cookies.set(oauthCookieName(m), '', cookieOptions(m, 0));
    res.headers.set('cache-control', 'no-store');
    return res;
  };
  // A refusal on the consent page saves nothing whatever the state says: answer it kindly.
  const marketplaceError = q.get('error');
  if (marketplaceError) return done(failed(m, marketplaceError === 'access_denied' ? 'declined' : 'marketplace_denied'));

  const check = checkOAuthState(oauthStateKey(config().encryptionKeys), req.cookies.get(oauthCookieName(m))?.value, q.get('state'), {
    marketplace: m,
    userId: session.userId,
  });
  if (!check.ok) {
    log.warn({ marketplace: m, reason: check.reason }, 'oauth callback refused: state check failed');
    return done(failed(m, check.reason === 'expired' ? 'state_expired' : 'state_invalid'));
  }

  let outcome;
  try {
    outcome = await connect({ orgId: check.orgId, userId: session.userId, accountId: check.accountId, query: q });
  } catch (e) {
    log.error({ marketplace: m, err: { name: (e as Error)?.name, code: (e as { code?: unknown })?.code } }, 'oauth callback failed');
    return done(failed(m, 'marketplace_error'));
  }
  if (!outcome.ok) return done(failed(m, outcome.error));
  const accountId = outcome.accountId;
  after(() => runAccountSync(accountId, 'connect'));
  return done(toAccounts({ connected: m, ...(outcome.reconnected ? { reconnected: '1' } : {}), ...(outcome.sharedSeller ? { shared: '1' } : {}) }));
}
