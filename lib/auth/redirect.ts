// Where to send someone after sign-in. Only same-site relative paths are allowed: "//evil.com",
// "/\\evil.com" and absolute URLs would be an open redirect.
export const HOME_PATH = '/orders';

export function safeNextPath(next: unknown, fallback: string = HOME_PATH): string {
  if (typeof next !== 'string' || next.length === 0 || next.length > 2000) return fallback;
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  // Browsers ignore tabs/newlines in URLs and treat "\" like "/": "/\t/evil.com" becomes "//evil.com".
  if (/[\\\u0000-\u001f\u007f]/.test(next)) return fallback;
  try {
    const base = 'http://esm.invalid';
    const resolved = new URL(next, base);
    if (resolved.origin !== base) return fallback;
    // Never bounce back onto the auth pages themselves.
    if (resolved.pathname === '/sign-in' || resolved.pathname === '/sign-up') return fallback;
    return resolved.pathname + resolved.search + resolved.hash;
  } catch {
    return fallback;
  }
}
