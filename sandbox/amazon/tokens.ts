// Credentials the simulator has issued: LWA access tokens (Atza|, one hour), refresh tokens
// (Atzr|, until revoked), website-flow authorization codes (five minutes, single use) and
// Restricted Data Tokens (Atz.sprdt|, one hour, bound to the resources they were created for).
import { randomBytes } from 'node:crypto';
import type { Clock } from '@/sandbox/core/clock';

export const ACCESS_TOKEN_TTL_S = 3600;
export const RDT_TTL_S = 3600;
export const AUTH_CODE_TTL_MS = 5 * 60_000;

export interface RestrictedResource {
  method: string;
  path: string;
  dataElements?: string[];
}

export type Grant =
  | { kind: 'lwa'; clientId: string; sellerId: string; expiresAt: number }
  | { kind: 'grantless'; clientId: string; scope: string; expiresAt: number }
  | { kind: 'rdt'; clientId: string; sellerId: string; resources: RestrictedResource[]; expiresAt: number };

export type Resolved = { status: 'ok'; grant: Grant } | { status: 'expired'; grant: Grant } | { status: 'invalid' };

interface AuthCode {
  clientId: string;
  sellerId: string;
  redirectUri: string;
  expiresAt: number;
}

const opaque = (prefix: string) => `${prefix}${randomBytes(36).toString('base64url')}`;

export class TokenStore {
  private readonly access = new Map<string, Grant>();
  private readonly refresh = new Map<string, { clientId: string; sellerId: string }>();
  private readonly codes = new Map<string, AuthCode>();

  constructor(private readonly clock: Clock) {}

  addRefreshToken(token: string, clientId: string, sellerId: string): void {
    this.refresh.set(token, { clientId, sellerId });
  }

  refreshTokenOwner(token: string): { clientId: string; sellerId: string } | undefined {
    return this.refresh.get(token);
  }

  issueRefreshToken(clientId: string, sellerId: string): string {
    const token = opaque('Atzr|');
    this.refresh.set(token, { clientId, sellerId });
    return token;
  }

  issueAccessToken(clientId: string, sellerId: string): string {
    return this.put('Atza|', { kind: 'lwa', clientId, sellerId, expiresAt: this.expiry(ACCESS_TOKEN_TTL_S) });
  }

  issueGrantless(clientId: string, scope: string): string {
    return this.put('Atc|', { kind: 'grantless', clientId, scope, expiresAt: this.expiry(ACCESS_TOKEN_TTL_S) });
  }

  issueRdt(clientId: string, sellerId: string, resources: RestrictedResource[]): string {
    return this.put('Atz.sprdt|', { kind: 'rdt', clientId, sellerId, resources, expiresAt: this.expiry(RDT_TTL_S) });
  }

  issueAuthCode(clientId: string, sellerId: string, redirectUri: string): string {
    if (this.codes.size > 1000) for (const [k, c] of this.codes) if (c.expiresAt <= this.clock.now()) this.codes.delete(k);
    const code = randomBytes(15).toString('base64url').replace(/[-_]/g, 'x');
    this.codes.set(code, { clientId, sellerId, redirectUri, expiresAt: this.clock.now() + AUTH_CODE_TTL_MS });
    return code;
  }

  /** The code's grant if it is live and was issued to this client; a code works only once. */
  redeemAuthCode(code: string, clientId: string): AuthCode | null {
    const c = this.codes.get(code);
    if (!c) return null;
    this.codes.delete(code);
    if (c.clientId !== clientId || c.expiresAt <= this.clock.now()) return null;
    return c;
  }

  resolve(token: string): Resolved {
    const grant = this.access.get(token);
    if (!grant) return { status: 'invalid' };
    return grant.expiresAt <= this.clock.now() ? { status: 'expired', grant } : { status: 'ok', grant };
  }

  private expiry(ttlS: number): number {
    return this.clock.now() + ttlS * 1000;
  }

  private put(prefix: string, grant: Grant): string {
    // Expired tokens are kept for a day so callers still get "expired" rather than "invalid".
    if (this.access.size > 5000) {
      const cutoff = this.clock.now() - 86_400_000;
      for (const [k, g] of this.access) if (g.expiresAt < cutoff) this.access.delete(k);
    }
    const token = opaque(prefix);
    this.access.set(token, grant);
    return token;
  }
}
