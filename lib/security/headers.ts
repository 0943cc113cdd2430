// Security headers. Pages get a Content-Security-Policy with a fresh nonce per request (set in
// proxy.ts; Next.js reads the nonce from the request's CSP header and puts it on its own inline
// scripts), every other response a policy that allows nothing. All responses refuse framing.

/** Sent with every response. HSTS only in production: the embedded default runs on plain http. */
export function commonSecurityHeaders(production: boolean): Record<string, string> {
  return {
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    // Search terms (buyer names) travel in /orders?q= URLs: never send a URL to another site.
    'Referrer-Policy': 'same-origin',
    ...(production ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' } : {}),
  };
}

/** For API routes, the Auth stand-in and files: nothing there is a page. */
export const NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export interface PageCspOptions {
  nonce: string;
  production: boolean;
  /** `next dev`: React needs eval for its debugging aids, and hot reload talks over a websocket. */
  dev: boolean;
}

export function pageCsp({ nonce, production, dev }: PageCspOptions): string {
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic': scripts Next.js loads from a nonced script are trusted; nothing else is.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    // Style attributes (server-rendered `style="…"`: chart containers, progress bars) cannot carry a
    // nonce; allowing them alone keeps <style> and stylesheets under the nonce.
    ...(dev ? [] : ["style-src-attr 'unsafe-inline'"]),
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    // "Connect" posts to /api/oauth/<m>/start, which redirects to the marketplace's consent page;
    // browsers apply form-action to that redirect too (the simulators run on plain http).
    `form-action 'self' https:${production ? '' : ' http:'}`,
    "frame-ancestors 'none'",
    ...(production ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

/** 128 random bits, base64. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}
