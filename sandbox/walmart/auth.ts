// Walmart's Token API (client-credentials grant with HTTP Basic) and the checks every business
// call goes through: the required WM_* headers and a live `WM_SEC.ACCESS_TOKEN`.
import { randomBytes, randomUUID } from 'node:crypto';
import { json } from '@/sandbox/core/router';
import type { WalmartAccount } from './accounts';
import { missingHeader, serviceError, unauthorized, wmError } from './errors';

export const ACCESS_TOKEN_TTL_S = 900;

interface IssuedToken {
  account: WalmartAccount;
  expiresAt: number;
}

function b64url(buf: Buffer): string {
  return buf.toString('base64url');
}

/** Walmart access tokens are JWE compact serializations ("eyJraWQiOi..", dir + A256GCM). */
function newAccessToken(): string {
  const header = b64url(Buffer.from(JSON.stringify({ kid: randomUUID(), enc: 'A256GCM', alg: 'dir' })));
  return `${header}..${b64url(randomBytes(12))}.${b64url(randomBytes(480))}.${b64url(randomBytes(16))}`;
}

/** The client id/secret pair of an `Authorization: Basic ...` header, or null. */
export function parseBasic(header: string | null): { id: string; secret: string } | null {
  const m = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header ?? '');
  if (!m) return null;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  return i < 0 ? null : { id: decoded.slice(0, i), secret: decoded.slice(i + 1) };
}

/** Headers Walmart requires on every call, token call included. */
export function checkRequiredHeaders(req: Request): Response | null {
  for (const name of ['WM_SVC.NAME', 'WM_QOS.CORRELATION_ID']) {
    if (!req.headers.get(name)?.trim()) return missingHeader(name);
  }
  return null;
}

/** JSON is the only representation served; a client that accepts only XML gets 406. */
export function checkAccept(req: Request): Response | null {
  const accept = (req.headers.get('accept') ?? '').toLowerCase();
  if (!accept || accept.includes('json') || accept.includes('*/*')) return null;
  return serviceError(406, wmError('INVALID_ACCEPT_TYPE.GMP_GATEWAY_API', `Accept type ${accept} is not supported; use application/json`, { category: 'APPLICATION' }));
}

export class TokenStore {
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(private readonly accounts: WalmartAccount[]) {}

  accountByCredentials(id: string, secret: string): WalmartAccount | undefined {
    return this.accounts.find((a) => a.clientId === id && a.clientSecret === secret);
  }

  /** POST /v3/token */
  async tokenEndpoint(req: Request, now: number): Promise<Response> {
    const headerProblem = checkRequiredHeaders(req) ?? checkAccept(req);
    if (headerProblem) return headerProblem;
    const creds = parseBasic(req.headers.get('authorization'));
    const account = creds && this.accountByCredentials(creds.id, creds.secret);
    if (!account) return unauthorized();
    const type = (req.headers.get('content-type') ?? '').toLowerCase();
    if (!type.startsWith('application/x-www-form-urlencoded')) {
      return serviceError(415, wmError('UNSUPPORTED_MEDIA_TYPE.GMP_GATEWAY_API', `Content type ${type || '(none)'} is not supported; use application/x-www-form-urlencoded`));
    }
    const form = new URLSearchParams(await req.text());
    const grant = form.get('grant_type');
    if (!grant) {
      return serviceError(400, wmError('MISSING_REQUEST_PARAM.GMP_GATEWAY_API', 'grant_type is required', { field: 'grant_type' }));
    }
    if (grant !== 'client_credentials') {
      // authorization_code / refresh_token belong to the solution-provider OAuth flow, which
      // needs a registered app (WM_PARTNER.ID); direct seller credentials cannot use them.
      return serviceError(400, wmError('INVALID_REQUEST_PARAM.GMP_GATEWAY_API', `Unsupported grant_type: ${grant}`, { field: 'grant_type' }));
    }
    this.prune(now);
    const token = newAccessToken();
    this.tokens.set(token, { account, expiresAt: now + ACCESS_TOKEN_TTL_S * 1000 });
    return json({ access_token: token, token_type: 'Bearer', expires_in: ACCESS_TOKEN_TTL_S });
  }

  /** The account a business call acts for, or the 401 Walmart answers. */
  authenticate(req: Request, now: number, expireAll: boolean): WalmartAccount | Response {
    const token = req.headers.get('WM_SEC.ACCESS_TOKEN')?.trim();
    const issued = token ? this.tokens.get(token) : undefined;
    // Expired and unknown tokens get the same gateway 401.
    if (!issued || expireAll || now >= issued.expiresAt) return unauthorized();
    // Basic auth is optional on business calls, but when sent it must be the same seller's.
    const basic = req.headers.get('authorization');
    if (basic) {
      const creds = parseBasic(basic);
      if (!creds || this.accountByCredentials(creds.id, creds.secret) !== issued.account) return unauthorized();
    }
    return issued.account;
  }

  private prune(now: number): void {
    if (this.tokens.size < 1000) return;
    for (const [t, v] of this.tokens) if (now >= v.expiresAt) this.tokens.delete(t);
  }
}
