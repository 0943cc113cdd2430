// A tiny method + path-template router for fetch-style handlers (Request in, Response out).

export interface RouteContext {
  params: Record<string, string>;
  url: URL;
}
export type RouteHandler = (req: Request, ctx: RouteContext) => Response | Promise<Response>;

interface Route {
  method: string;
  regex: RegExp;
  names: string[];
  handler: RouteHandler;
}

export class Router {
  private routes: Route[] = [];

  /** `pattern` like `/v3/orders/{purchaseOrderId}/shipping`; a param matches one path segment. */
  add(method: string, pattern: string, handler: RouteHandler): this {
    const names: string[] = [];
    const src = pattern
      .split('/')
      .map((seg) => {
        const m = /^\{(\w+)\}$/.exec(seg) ?? /^:(\w+)$/.exec(seg);
        if (m) {
          names.push(m[1]);
          return '([^/]+)';
        }
        return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    this.routes.push({ method: method.toUpperCase(), regex: new RegExp(`^${src}/?$`), names, handler });
    return this;
  }

  /** The matching route's response, a 405 if the path exists under another method, or null. */
  async handle(req: Request): Promise<Response | null> {
    const url = new URL(req.url);
    let pathMatched = false;
    for (const r of this.routes) {
      const m = r.regex.exec(url.pathname);
      if (!m) continue;
      pathMatched = true;
      if (r.method !== req.method.toUpperCase()) continue;
      const params: Record<string, string> = {};
      r.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1])));
      return r.handler(req, { params, url });
    }
    return pathMatched ? new Response(null, { status: 405 }) : null;
  }
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}
