// What an SP-API operation handler gets once the request is authenticated and within quota.
import type { Clock } from '@/sandbox/core/clock';
import type { AmazonAccount, AmazonApp } from './accounts';
import type { OverlayStore } from './orderState';
import type { OperationName } from './ratelimit';
import type { Grant, RestrictedResource, TokenStore } from './tokens';

export interface AmazonWorld {
  clock: Clock;
  accounts: AmazonAccount[];
  apps: AmazonApp[];
  tokens: TokenStore;
  overlays: OverlayStore;
  /** getOrderItems page size (Amazon does not document one; tests lower it to exercise NextToken). */
  orderItemsPageSize: number;
  /** Knobs for shapes real Amazon answers have been seen with (tests turn them). */
  quirks: AmazonQuirks;
}

export interface AmazonQuirks {
  /** The last page of searchOrders says `"nextToken": ""` instead of leaving pagination out. */
  emptyNextToken: boolean;
  /** Orders whose buyer asked to cancel (a `cancellationRequest` alone): not cancelled yet. */
  cancellationRequested: Set<string>;
  /**
   * How many of the next valid confirmShipment calls answer 204 and record nothing: Amazon has been
   * seen to drop confirmations it accepted (selling-partner-api-models #5232).
   */
  droppedConfirmations: number;
}

export interface SpContext {
  world: AmazonWorld;
  req: Request;
  url: URL;
  params: Record<string, string>;
  account: AmazonAccount;
  grant: Grant;
  now: number;
  /** The operation's usage-plan rate, echoed in x-amzn-RateLimit-Limit. */
  rate: number;
}

export type Access = 'lwa' | 'lwa-or-rdt' | 'rdt';

export interface SpRoute {
  op: OperationName;
  method: string;
  pattern: string;
  access: Access;
  handle(ctx: SpContext): Response | Promise<Response>;
}

/** A resource path from an RDT request matches a concrete path segment by segment; `{x}` matches any. */
export function resourcePathMatches(resourcePath: string, concretePath: string): boolean {
  const a = resourcePath.split('/');
  const b = concretePath.split('/');
  return a.length === b.length && a.every((seg, i) => /^\{\w+\}$/.test(seg) || seg === b[i]);
}

/** The RDT resource covering this call (method + path), if any. */
export function rdtResource(grant: Grant, method: string, path: string): RestrictedResource | undefined {
  if (grant.kind !== 'rdt') return undefined;
  return grant.resources.find((r) => r.method === method && resourcePathMatches(r.path, path));
}
