// Login with Amazon token endpoint `POST /auth/o2/token`: refresh_token, authorization_code and
// client_credentials (grantless) grants, with LWA's `{ error, error_description }` failures.
import type { AmazonApp } from './accounts';
import { ACCESS_TOKEN_TTL_S, type TokenStore } from './tokens';
import { lwaError, lwaJson } from './http';

export const GRANTLESS_SCOPES = ['sellingpartnerapi::notifications', 'sellingpartnerapi::client_credential:rotation'];

/** LWA takes a form body; Amazon's own Java client posts JSON, so both are accepted. */
async function readFields(req: Request): Promise<Record<string, string> | null> {
  const text = await req.text();
  const type = req.headers.get('content-type') ?? '';
  if (type.includes('application/json')) {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
      return Object.fromEntries(
        Object.entries(parsed as Record<string, unknown>)
          .filter(([, v]) => typeof v === 'string')
          .map(([k, v]) => [k, v as string]),
      );
    } catch {
      return null;
    }
  }
  return Object.fromEntries(new URLSearchParams(text));
}

const missing = (name: string) => lwaError(400, 'invalid_request', `The request is missing a required parameter : ${name}`);
const badGrant = (name: string) => lwaError(400, 'invalid_grant', `The request has an invalid grant parameter : ${name}`);

export async function handleLwaToken(
  req: Request,
  apps: readonly AmazonApp[],
  tokens: TokenStore,
  sellerExists: (id: string) => boolean,
): Promise<Response> {
  if (req.method !== 'POST') return lwaError(405, 'invalid_request', 'The HTTP method is not supported');
  const f = await readFields(req);
  if (!f) return lwaError(400, 'invalid_request', 'The request body could not be parsed');
  if (!f.grant_type) return missing('grant_type');
  if (!f.client_id) return missing('client_id');
  const app = apps.find((a) => a.clientId === f.client_id);
  if (!app || f.client_secret !== app.clientSecret) return lwaError(401, 'invalid_client', 'Client authentication failed');

  const bearer = (access: string, extra: Record<string, string>) =>
    lwaJson(200, { access_token: access, ...extra, token_type: 'bearer', expires_in: ACCESS_TOKEN_TTL_S });

  switch (f.grant_type) {
    case 'refresh_token': {
      if (!f.refresh_token) return missing('refresh_token');
      const owner = tokens.refreshTokenOwner(f.refresh_token);
      if (!owner || owner.clientId !== app.clientId || !sellerExists(owner.sellerId)) return badGrant('refresh_token');
      return bearer(tokens.issueAccessToken(app.clientId, owner.sellerId), { refresh_token: f.refresh_token });
    }
    case 'authorization_code': {
      if (!f.code) return missing('code');
      const grant = tokens.redeemAuthCode(f.code, app.clientId);
      if (!grant) return badGrant('code');
      // redirect_uri is optional here (amazon-sp-api omits it) but must match when sent.
      if (f.redirect_uri !== undefined && f.redirect_uri !== grant.redirectUri) return badGrant('redirect_uri');
      const refresh = tokens.issueRefreshToken(app.clientId, grant.sellerId);
      return bearer(tokens.issueAccessToken(app.clientId, grant.sellerId), { refresh_token: refresh });
    }
    case 'client_credentials': {
      if (!f.scope) return missing('scope');
      if (!GRANTLESS_SCOPES.includes(f.scope)) return lwaError(400, 'invalid_scope', 'An unknown scope was requested');
      return bearer(tokens.issueGrantless(app.clientId, f.scope), { scope: f.scope });
    }
    default:
      return lwaError(400, 'unsupported_grant_type', 'The authorization grant type is not supported by the authorization server');
  }
}
