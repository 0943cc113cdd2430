import type { NextConfig } from 'next';
import { isProductionEnv } from './lib/env';
import { commonSecurityHeaders, NON_PAGE_CSP } from './lib/security/headers';

// Headers for what proxy.ts does not see (API routes, the Auth stand-in, static files). Pages get
// the same headers from proxy.ts, with their own CSP (a nonce per request), which wins there.
const production = isProductionEnv(process.env);
const headerList = (h: Record<string, string>) => Object.entries(h).map(([key, value]) => ({ key, value }));

const nextConfig: NextConfig = {
  // PGlite loads its WASM from the package at run time; bundling it breaks the build.
  serverExternalPackages: ['@electric-sql/pglite', 'pino', 'amazon-sp-api'],
  poweredByHeader: false,
  // `next dev` refuses its hot-reload socket to pages opened from any host but localhost, and
  // its client then never hydrates: at http://127.0.0.1:3000 every button, menu and chart stayed
  // dead. The loopback address is the same machine.
  allowedDevOrigins: ['127.0.0.1'],
  // Its badge sits bottom-left by default, over the sidebar's "Sign out".
  devIndicators: { position: 'bottom-right' },
  // `npm run typecheck` checks the whole project (tests, sandbox, scripts included) in CI;
  // the build does not repeat it.
  typescript: { ignoreBuildErrors: true },
  logging: {
    // `next dev` prints every request URL. OAuth callbacks carry one-time codes (`code`,
    // `spapi_oauth_code`) and `state` in theirs, order searches buyer names (`q`): those lines
    // are not printed at all.
    incomingRequests: { ignore: [/\/api\/oauth\/[^/?]+\/callback/, /[?&](code|spapi_oauth_code|state|q)=/] },
    // It would also print each Server Action's arguments (form state with e-mail addresses).
    serverFunctions: false,
  },
  async headers() {
    return [
      { source: '/:path*', headers: headerList(commonSecurityHeaders(production)) },
      { source: '/api/:path*', headers: headerList({ 'Content-Security-Policy': NON_PAGE_CSP }) },
      { source: '/auth/v1/:path*', headers: headerList({ 'Content-Security-Policy': NON_PAGE_CSP }) },
      { source: '/_next/:path*', headers: headerList({ 'Content-Security-Policy': NON_PAGE_CSP }) },
      { source: '/favicon.ico', headers: headerList({ 'Content-Security-Policy': NON_PAGE_CSP }) },
    ];
  },
};

export default nextConfig;
