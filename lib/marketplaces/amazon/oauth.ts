// Amazon's website authorization workflow (marketplace-apis.md §2.2): the Seller Central consent
// URL, and the exchange of the callback's spapi_oauth_code for the seller's LWA refresh token.
// The token and the response body never reach a message or a log: errors carry the operation,
// the HTTP status and LWA's error code only.
import { z } from 'zod';
import { callJson, MarketplaceError, withRetries, type RetryPolicy, type Timer } from '@/lib/marketplaces/http';

export const LWA_BASE_URL = 'https://api.amazon.com';
const OPERATION = 'amazon.exchangeAuthorizationCode';
/** LWA codes meaning "this code or this app is refused" (LWAExceptionErrorCode): start again. */
const AUTH_CODES = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client', 'access_denied']);

export interface ConsentUrlInput {
  /** https://sellercentral.amazon.com (or the region's Seller Central, or the simulator). */
  sellerCentralUrl: string;
  applicationId: string;
  state: string;
  redirectUri: string;
  /** Draft (unpublished) apps can only be authorized with version=beta. */
  draft: boolean;
}

export function amazonConsentUrl(i: ConsentUrlInput): string {
  const q = new URLSearchParams({ application_id: i.applicationId, state: i.state, redirect_uri: i.redirectUri });
  if (i.draft) q.set('version', 'beta');
  return `${i.sellerCentralUrl.replace(/\/+$/, '')}/apps/authorize/consent?${q}`;
}

export interface ExchangeInput {
  /** LWA's base URL: https://api.amazon.com, or the sandbox endpoint override. */
  lwaBaseUrl?: string;
  app: { clientId: string; clientSecret: string };
  code: string;
  /** Must be the redirect_uri of the consent request. */
  redirectUri: string;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
  timer?: Timer;
  retry?: RetryPolicy;
}

const tokenResponse = z.object({ refresh_token: z.string().min(1).max(2000), access_token: z.string().optional() });

export async function exchangeAmazonCode(i: ExchangeInput): Promise<{ refreshToken: string }> {
  const url = `${(i.lwaBaseUrl ?? LWA_BASE_URL).replace(/\/+$/, '')}/auth/o2/token`;
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code: i.code,
    redirect_uri: i.redirectUri,
    client_id: i.app.clientId,
    client_secret: i.app.clientSecret,
  }).toString();
  let body: unknown;
  try {
    ({ body } = await withRetries(
      () =>
        callJson(
          url,
          { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8', accept: 'application/json' }, body: form },
          { operation: OPERATION, timeoutMs: i.timeoutMs ?? 15_000, fetchImpl: i.fetchImpl },
          (_status, b) => {
            const code = (b as { error?: unknown } | null)?.error;
            return typeof code === 'string' && /^[a-z_]{1,40}$/.test(code) ? code : undefined;
          },
        ),
      i.retry,
      i.timer,
    ));
  } catch (e) {
    if (e instanceof MarketplaceError && e.kind === 'permanent' && AUTH_CODES.has(e.details.code ?? '')) {
      throw new MarketplaceError('auth', e.message, e.details);
    }
    throw e;
  }
  const parsed = tokenResponse.safeParse(body);
  if (!parsed.success) throw new MarketplaceError('malformed', `${OPERATION}: the answer held no refresh token`, { operation: OPERATION });
  return { refreshToken: parsed.data.refresh_token };
}
