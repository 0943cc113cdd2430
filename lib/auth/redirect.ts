// Where to send someone after sign-in or an organization switch. Only same-site relative paths are
// allowed. The check runs on the path as a browser will resolve it, not on the raw string: dot
// segments ("/..//evil.com", "/%2e%2e//evil.com", "/a/..//evil.com") normalize to "//evil.com",
// which a browser reads as another host.
export const HOME_PATH = '/orders';

const BASE = 'http://esm.invalid';
// Browsers drop tabs/newlines inside URLs and read "\" as "/": refuse them anywhere.
const CONTROL_OR_BACKSLASH = /[\\\u0000-\u001f\u007f]/;
// Encoded slashes, backslashes and control characters are never part of an app path, and some
// proxies decode them: refuse them in the path (a search term in the query may contain them).
const ENCODED_IN_PATH = /%(2f|5c|[01][0-9a-f]|7f)/i;
const pathPart = (s: string) => s.split(/[?#]/, 1)[0];
const AUTH_PAGES = new Set(['/sign-in', '/sign-up']);

/** A path a browser cannot read as another origin: one leading "/", then no "/" or "\". */
function isSameSitePath(pathname: string): boolean {
  return pathname.startsWith('/') && !/^\/[/\\]/.test(pathname) && !pathname.includes('\\');
}

export function safeNextPath(next: unknown, fallback: string = HOME_PATH): string {
  if (typeof next !== 'string' || next.length === 0 || next.length > 2000) return fallback;
  if (!isSameSitePath(next) || CONTROL_OR_BACKSLASH.test(next) || ENCODED_IN_PATH.test(pathPart(next))) return fallback;
  let resolved: URL;
  try {
    resolved = new URL(next, BASE);
  } catch {
    return fallback;
  }
  if (resolved.origin !== BASE) return fallback;
  const result = resolved.pathname + resolved.search + resolved.hash;
  // Validate what is returned, after normalization, and once more as the browser would see it.
  if (!isSameSitePath(resolved.pathname) || ENCODED_IN_PATH.test(resolved.pathname)) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(resolved.pathname);
  } catch {
    return fallback;
  }
  if (!isSameSitePath(decoded)) return fallback;
  const again = new URL(result, BASE);
  if (again.origin !== BASE || again.pathname !== resolved.pathname) return fallback;
  // Never bounce back onto the auth pages themselves.
  if (AUTH_PAGES.has(resolved.pathname.replace(/\/+$/, ''))) return fallback;
  return result;
}
