// What every endpoint of the stand-in needs: the database, the clock, the configuration GoTrue
// would read from its environment, and the signing key (loaded once, on first use).
import type { Database } from '@/lib/db/connect';
import type { Clock } from '@/sandbox/core/clock';
import { loadOrCreateSigningKey, type SigningKey } from './signing-keys';

export interface AuthConfig {
  /** `iss` of every access token: `${issuerUrl}/auth/v1`. */
  issuer: string;
  accessTokenTtlSeconds: number;
  minPasswordLength: number;
  /** GOTRUE_SECURITY_REFRESH_TOKEN_REUSE_INTERVAL: grace for a just-rotated token. */
  refreshTokenReuseIntervalSeconds: number;
  /** log2 of scrypt's N for new password hashes. */
  passwordHashLogN: number;
}

export interface AuthContext extends AuthConfig {
  database: Database;
  clock: Clock;
  now(): Date;
  signingKey(): Promise<SigningKey>;
}

export function createContext(database: Database, clock: Clock, config: AuthConfig): AuthContext {
  let key: Promise<SigningKey> | null = null;
  return {
    ...config,
    database,
    clock,
    now: () => new Date(clock.now()),
    signingKey() {
      // A failed load (database not migrated yet) is retried on the next request, not cached.
      key ??= loadOrCreateSigningKey(database).catch((e: unknown) => {
        key = null;
        throw e;
      });
      return key;
    },
  };
}
