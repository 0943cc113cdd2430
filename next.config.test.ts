// `next dev` prints each request's URL; OAuth callback URLs carry one-time codes. Checked with
// Next.js's own filter, the one its request logger applies.
import { describe, expect, it } from 'vitest';
import { ignoreLoggingIncomingRequests } from 'next/dist/server/dev/log-requests';
import { blockCrossSiteDEV } from 'next/dist/server/lib/router-utils/block-cross-site-dev';
import nextConfig from './next.config';

const printed = (url: string) => !ignoreLoggingIncomingRequests({ url } as never, nextConfig.logging as never);

describe('next dev request log', () => {
  it.each([
    ['/api/oauth/ebay/callback?code=v%5E1.1%23i%5E1%23one-time&state=s.t.a.t.e'],
    ['/api/oauth/amazon/callback?spapi_oauth_code=ANaNbgfpSsrSvcQrjoMr&state=abc&selling_partner_id=A1'],
    ['/api/oauth/ebay/callback?error=access_denied&state=abc'],
    ['/api/oauth/ebay/callback'],
    ['/accounts?code=leaked-one-time-code'],
    ['/orders?status=open&q=Jane%20Buyer'],
  ])('leaves out %s', (url) => {
    expect(printed(url)).toBe(false);
  });

  it.each([['/orders'], ['/orders/123?tab=items'], ['/api/oauth/ebay/start'], ['/accounts?connected=ebay']])('prints %s', (url) => {
    expect(printed(url)).toBe(true);
  });

  it('does not print Server Action arguments (form state with e-mail addresses)', () => {
    expect(nextConfig.logging && nextConfig.logging.serverFunctions).toBe(false);
  });
});

// `next dev` waits for its hot-reload socket before it hydrates a page; a refused socket leaves
// the page without JavaScript. Checked with Next.js's own guard, the one its dev server applies.
describe('next dev hot-reload socket', () => {
  const refused = (origin: string) => {
    const res = { statusCode: 200, end: () => undefined };
    const req = { url: '/_next/hmr?id=x', headers: { origin } };
    return blockCrossSiteDEV(req as never, res as never, nextConfig.allowedDevOrigins, '0.0.0.0') as boolean;
  };

  it.each(['http://localhost:3000', 'http://127.0.0.1:3000'])('is open to a page at %s', (origin) => {
    expect(refused(origin)).toBe(false);
  });

  it('stays closed to other sites', () => {
    expect(refused('https://evil.example')).toBe(true);
  });
});
