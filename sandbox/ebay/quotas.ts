// eBay's daily call limits: application-level quotas per API (and per OAuth grant type) that reset
// at midnight Pacific time. eBay documents no per-second limit for these APIs, so none is enforced.
import type { Clock } from '@/sandbox/core/clock';

export type QuotaName =
  | 'fulfillment'
  | 'inventory'
  | 'notification'
  | 'identity'
  | 'oauth_client_credentials'
  | 'oauth_authorization_code'
  | 'oauth_refresh_token';

/** marketplace-apis.md §3.2 (OAuth) and §3.6 (API call limits). Identity has no documented limit here. */
export const DEFAULT_DAILY_LIMITS: Readonly<Record<QuotaName, number>> = {
  fulfillment: 100_000,
  inventory: 2_000_000,
  notification: 10_000,
  identity: Number.POSITIVE_INFINITY,
  oauth_client_credentials: 1_000,
  oauth_authorization_code: 10_000,
  oauth_refresh_token: 50_000,
};

const pacificDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/Los_Angeles',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export class DailyQuotas {
  private readonly used = new Map<string, { day: string; count: number }>();
  readonly limits: Record<QuotaName, number>;

  constructor(
    private readonly clock: Clock,
    limits: Partial<Record<QuotaName, number>> = {},
  ) {
    this.limits = { ...DEFAULT_DAILY_LIMITS, ...limits };
  }

  /** Counts one call; false when the app has used up today's quota (the call is not counted). */
  take(clientId: string, name: QuotaName): boolean {
    const day = pacificDay.format(new Date(this.clock.now()));
    const key = `${clientId}|${name}`;
    let entry = this.used.get(key);
    if (!entry || entry.day !== day) {
      entry = { day, count: 0 };
      this.used.set(key, entry);
    }
    if (entry.count >= this.limits[name]) return false;
    entry.count++;
    return true;
  }

  /** Calls counted today (for tests and the Analytics-style view). */
  usage(clientId: string, name: QuotaName): number {
    const entry = this.used.get(`${clientId}|${name}`);
    return entry && entry.day === pacificDay.format(new Date(this.clock.now())) ? entry.count : 0;
  }
}
