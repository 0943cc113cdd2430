// A session cookie the app cannot read means "signed out" and is cleared: in proxy.ts (every page)
// and in getSession() (actions, route handlers). Driven against the Auth stand-in over HTTP, with
// cookies that name its real signing key but another algorithm, or hold no usable token at all.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { NextRequest } from 'next/server';
import type { Database } from '@/lib/db/connect';
import { openMigratedDatabase, startAuthServer, TEST_ANON_KEY, uniqueEmail, type AuthServer } from '@/sandbox/auth/test-harness';
import { malformedSessionCookies, sessionCookieName, type MalformedSessionCookie } from '@/tests/support/session-cookies';

const env = vi.hoisted(() => ({ supabaseUrl: '', supabaseAnonKey: '', production: false }));
vi.mock('@/lib/env', () => ({ config: () => env }));
// What next/headers gives a route handler: the request's cookies, writable.
const jar = vi.hoisted(() => new Map<string, string>());
const written = vi.hoisted(() => [] as Record<string, unknown>[]);
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') }),
  cookies: async () => ({
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
    set: (name: string, value: string, options?: { maxAge?: number }) => {
      written.push({ ...options });
      if (value === '' || options?.maxAge === 0) jar.delete(name);
      else jar.set(name, value);
    },
    delete: (name: string) => jar.delete(name),
  }),
}));

const { proxy } = await import('@/proxy');
const { getSession } = await import('./session');
const { createSessionClient } = await import('@/lib/supabase/session-client');
const { createSupabaseServerClient } = await import('@/lib/supabase/server');

let database: Database;
let server: AuthServer;
let cookieName: string;
let malformed: MalformedSessionCookie[];

beforeAll(async () => {
  database = await openMigratedDatabase();
  server = await startAuthServer(database);
  Object.assign(env, { supabaseUrl: server.url, supabaseAnonKey: TEST_ANON_KEY });
  cookieName = sessionCookieName(server.url);
  const { keys } = (await (await fetch(`${server.url}/auth/v1/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
  malformed = malformedSessionCookies(keys[0].kid);
});
afterAll(async () => {
  await server?.close();
  await database?.close();
});
beforeEach(() => {
  jar.clear();
  env.production = false;
});

const pageRequest = (path: string, cookie: string) =>
  new NextRequest(`http://localhost:3000${path}`, { headers: { cookie, host: 'localhost:3000' } });

/** A real session: signs a new user up and in, and returns the cookies @supabase/ssr wrote. */
async function signedInCookies(): Promise<Map<string, string>> {
  const cookies = new Map<string, string>();
  const client = createSessionClient({
    getAll: () => [...cookies].map(([name, value]) => ({ name, value })),
    setAll: (toSet) => {
      for (const c of toSet) cookies.set(c.name, c.value);
    },
  });
  const email = uniqueEmail();
  const { error } = await client.auth.signUp({ email, password: 'correct horse battery', options: { data: { organization_name: 'Jar Co' } } });
  expect(error).toBeNull();
  expect(cookies.size).toBeGreaterThan(0);
  return cookies;
}

describe('a malformed session cookie', () => {
  it('covers every case the issue names', () => {
    expect(malformed.map((m) => m.label)).toEqual(
      expect.arrayContaining(['real kid, alg RS256', 'real kid, alg ES512', 'real kid, alg PS256', 'real kid, unknown alg', 'access_token is a number']),
    );
  });

  it('makes proxy.ts answer as signed out, clearing the cookie, on an app page and on /sign-in', async () => {
    for (const { label, value } of malformed) {
      for (const path of ['/orders', '/sign-in']) {
        const res = await proxy(pageRequest(path, `${cookieName}=${encodeURIComponent(value)}; esm-org=x`)).catch((e: Error) => e);
        expect(res, `${label} on ${path}`).toBeInstanceOf(Response);
        const r = res as Response;
        if (path === '/orders') {
          expect(r.status, label).toBe(307);
          expect(new URL(r.headers.get('location')!).pathname).toBe('/sign-in');
        } else {
          expect(r.headers.get('x-middleware-next'), label).toBe('1');
          // The page itself no longer sees the cookie; other cookies pass through.
          const forwarded = r.headers.get('x-middleware-request-cookie') ?? '';
          expect(forwarded, label).not.toContain('sb-');
          expect(forwarded, label).toContain('esm-org=x');
        }
        const setCookie = r.headers.getSetCookie().find((c) => c.startsWith(`${cookieName}=`));
        expect(setCookie, `${label} on ${path}: cleared in the browser`).toMatch(/^sb-[^=]+=;.*Max-Age=0/i);
        expect(r.headers.get('content-security-policy'), label).toContain("frame-ancestors 'none'");
      }
    }
  });

  it('is cleared even when the cookie parser drops its value (a bad %-escape)', async () => {
    const res = await proxy(pageRequest('/sign-in', `${cookieName}=base64-%%%; ${cookieName}.1=%zz`));
    const cleared = res.headers.getSetCookie().filter((c) => /Max-Age=0/i.test(c)).map((c) => c.split('=')[0]);
    expect(cleared.sort()).toEqual([cookieName, `${cookieName}.1`]);
  });

  it('makes getSession() return null and clear the cookie instead of throwing', async () => {
    for (const { label, value } of malformed) {
      jar.clear();
      jar.set(cookieName, value);
      jar.set('esm-org', 'x');
      const session = await getSession().catch((e: Error) => e);
      expect(session, label).toBeNull();
      expect([...jar.keys()], label).toEqual(['esm-org']);
    }
  });
});

describe('a real session', () => {
  it('is read by getSession() and passed through by proxy.ts, cookies kept', async () => {
    const cookies = await signedInCookies();
    for (const [k, v] of cookies) jar.set(k, v);
    const session = await getSession();
    expect(session?.userId).toMatch(/^[0-9a-f-]{36}$/);
    expect([...jar.keys()].sort()).toEqual([...cookies.keys()].sort());

    const cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await proxy(pageRequest('/orders', cookie));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-middleware-next')).toBe('1');
    expect(res.headers.getSetCookie().filter((c) => /Max-Age=0/i.test(c))).toEqual([]);
  });

  it('lives in HttpOnly, SameSite=Lax cookies, Secure in production (sign-in through the app\'s client)', async () => {
    const email = uniqueEmail();
    const up = await (await createSupabaseServerClient()).auth.signUp({ email, password: 'correct horse battery', options: { data: { organization_name: 'Jar Co' } } });
    expect(up.error).toBeNull();
    for (const production of [false, true]) {
      env.production = production;
      jar.clear();
      written.length = 0;
      const { error } = await (await createSupabaseServerClient()).auth.signInWithPassword({ email, password: 'correct horse battery' });
      expect(error).toBeNull();
      expect(written.length).toBeGreaterThan(0);
      for (const o of written) expect(o).toMatchObject({ httpOnly: true, sameSite: 'lax', secure: production, path: '/' });
    }
  });
});
