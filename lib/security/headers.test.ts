import { describe, expect, it } from 'vitest';
import { commonSecurityHeaders, newNonce, NON_PAGE_CSP, pageCsp } from './headers';

describe('security headers', () => {
  it('refuse framing and sniffing, keep URLs (search terms) on this site, HSTS only in production', () => {
    const dev = commonSecurityHeaders(false);
    expect(dev).toEqual({ 'X-Frame-Options': 'DENY', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'same-origin' });
    expect(commonSecurityHeaders(true)['Strict-Transport-Security']).toMatch(/^max-age=\d{8,}/);
  });

  it('give pages a nonce-based script policy without unsafe-inline or eval in production', () => {
    const nonce = newNonce();
    const csp = pageCsp({ nonce, production: true, dev: false });
    expect(csp).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic';`);
    expect(csp).not.toMatch(/unsafe-eval/);
    // unsafe-inline only for style attributes: scripts, <style> and stylesheets stay under the nonce.
    expect(csp.split('; ').filter((d) => d.includes('unsafe-inline'))).toEqual(["style-src-attr 'unsafe-inline'"]);
    expect(csp).toContain(`style-src 'self' 'nonce-${nonce}';`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain('upgrade-insecure-requests');
    expect(pageCsp({ nonce, production: false, dev: true })).toContain("'unsafe-eval'");
    expect(NON_PAGE_CSP).toMatch(/^default-src 'none';.*frame-ancestors 'none'/);
  });

  it('use a fresh 128-bit nonce each time', () => {
    const a = newNonce();
    expect(Buffer.from(a, 'base64')).toHaveLength(16);
    expect(newNonce()).not.toBe(a);
  });
});
