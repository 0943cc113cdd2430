// What every simulator is: a fetch-style handler plus the knobs tests turn (latency, faults,
// simulated clock) and a record of every request it was sent.
import { SimClock } from './clock';

export interface FaultConfig {
  /** Added delay before answering, ms. */
  latencyMs?: number;
  /** Probabilities in [0, 1], checked in this order, per request. */
  rate429?: number;
  rate500?: number;
  rate503?: number;
  /** Never answer (the client's timeout must fire). */
  rateHang?: number;
  /** Destroy the socket without an answer. */
  rateReset?: number;
  /** 200 with a body that is not JSON. */
  rateMalformed?: number;
  /** The real answer cut off half way (Content-Length promises more). */
  rateTruncated?: number;
  /** Treat every access token as expired (provider's exact expired-token error). */
  expireTokens?: boolean;
  /** Apply faults only to paths matching this (default: all but token/auth endpoints). */
  pathPattern?: RegExp;
}

export type FaultKind = 'rate_limited' | 'server_error' | 'unavailable';

export interface RecordedRequest {
  at: number;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
  status?: number;
}

export abstract class SandboxService {
  abstract readonly name: string;
  faults: FaultConfig = {};
  readonly requests: RecordedRequest[] = [];
  /** Cap on recorded requests so a million-order benchmark does not hoard memory. */
  maxRecorded = 10_000;

  constructor(readonly clock: SimClock = new SimClock()) {}

  /** Serve one request (no fault injection; the HTTP server adds that around it). */
  abstract handle(req: Request): Promise<Response>;

  /** The provider's own error response for an injected fault. */
  abstract faultResponse(kind: FaultKind): Response;

  /** Paths that faults never hit unless `faults.pathPattern` says otherwise (token endpoints). */
  protected isFaultExempt(_path: string): boolean {
    return false;
  }

  faultApplies(path: string): boolean {
    if (this.faults.pathPattern) return this.faults.pathPattern.test(path);
    return !this.isFaultExempt(path);
  }

  record(r: RecordedRequest): void {
    if (this.requests.length >= this.maxRecorded) this.requests.shift();
    this.requests.push(r);
  }

  /** Requests whose path matches, for assertions. */
  sent(pathPattern?: RegExp, method?: string): RecordedRequest[] {
    return this.requests.filter(
      (r) => (!pathPattern || pathPattern.test(r.path)) && (!method || r.method === method.toUpperCase()),
    );
  }

  resetRecording(): void {
    this.requests.length = 0;
  }
}
