// The stand-in as a SandboxService, so it runs under sandbox/core's HTTP server beside the
// marketplace simulators (request log, simulated clock, opt-in faults).
import { SandboxService, type FaultKind } from '@/sandbox/core/service';
import type { SimClock } from '@/sandbox/core/clock';
import { API_VERSION_HEADER } from './errors';
import { createAuthHandler, type AuthHandlerOptions } from './handler';

export class AuthSandboxService extends SandboxService {
  readonly name = 'supabase-auth';
  private readonly handler: (req: Request) => Promise<Response>;

  constructor(opts: Omit<AuthHandlerOptions, 'clock'>, clock?: SimClock) {
    super(clock);
    this.handler = createAuthHandler({ ...opts, clock: this.clock });
  }

  handle(req: Request): Promise<Response> {
    return this.handler(req);
  }

  faultResponse(kind: FaultKind): Response {
    const [status, code, message] =
      kind === 'rate_limited'
        ? [429, 'over_request_rate_limit', 'Request rate limit reached']
        : kind === 'unavailable'
          ? [503, 'unexpected_failure', 'Service Unavailable']
          : [500, 'unexpected_failure', 'Unexpected failure, please check server logs for more information'];
    return new Response(JSON.stringify({ code, message }), {
      status,
      headers: { 'content-type': 'application/json', [API_VERSION_HEADER]: '2024-01-01' },
    });
  }

  // Signing in is what every other test depends on: faults reach Auth only when a test targets it
  // with `faults.pathPattern`.
  protected isFaultExempt(): boolean {
    return true;
  }
}
