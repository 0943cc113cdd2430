// The @supabase/ssr path the application uses on the server: sign-in writes the session cookies
// through setAll, and a client built from those cookies alone knows the user.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerClient } from '@supabase/ssr';
import type { Database } from '@/lib/db/connect';
import { openMigratedDatabase, startAuthServer, TEST_ANON_KEY, uniqueEmail, type AuthServer } from './test-harness';

const PASSWORD = 'correct horse battery';

let database: Database;
let server: AuthServer;

beforeAll(async () => {
  database = await openMigratedDatabase();
  server = await startAuthServer(database);
});
afterAll(async () => {
  await server?.close();
  await database?.close();
});

/** What a browser keeps between requests: the cookies the last response set. */
class CookieJar {
  readonly cookies = new Map<string, string>();
  getAll = () => [...this.cookies].map(([name, value]) => ({ name, value }));
  setAll = (toSet: { name: string; value: string; options: { maxAge?: number } }[]) => {
    for (const { name, value, options } of toSet) {
      if (value === '' || options.maxAge === 0) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  };
}

const serverClient = (jar: CookieJar) =>
  createServerClient(server.url, TEST_ANON_KEY, { cookies: { getAll: jar.getAll, setAll: jar.setAll } });

const SESSION_COOKIE = /^sb-127-auth-token(\.\d+)?$/;

interface StoredSession {
  refresh_token: string;
  expires_at: number;
}

/** The session @supabase/ssr stored, joined from its chunks and decoded ("base64-" + base64url JSON). */
function readSession(jar: CookieJar): StoredSession {
  const names = [...jar.cookies.keys()].filter((n) => SESSION_COOKIE.test(n)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const raw = names.map((n) => jar.cookies.get(n)).join('');
  return JSON.parse(Buffer.from(raw.replace(/^base64-/, ''), 'base64url').toString()) as StoredSession;
}

function writeSession(jar: CookieJar, session: StoredSession): void {
  for (const n of [...jar.cookies.keys()]) if (SESSION_COOKIE.test(n)) jar.cookies.delete(n);
  jar.cookies.set('sb-127-auth-token', `base64-${Buffer.from(JSON.stringify(session)).toString('base64url')}`);
}

describe('@supabase/ssr createServerClient', () => {
  it('sign-in sets the session cookies; a client from those cookies gets the user and verified claims', async () => {
    const email = uniqueEmail();
    const signUp = await serverClient(new CookieJar()).auth.signUp({ email, password: PASSWORD, options: { data: { organization_name: 'Jar Co' } } });
    expect(signUp.error).toBeNull();

    const jar = new CookieJar();
    const { data, error } = await serverClient(jar).auth.signInWithPassword({ email, password: PASSWORD });
    expect(error).toBeNull();
    const names = [...jar.cookies.keys()];
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n) => n.startsWith('sb-127-auth-token'))).toBe(true);
    expect([...jar.cookies.values()].join('')).not.toContain(PASSWORD);

    const next = serverClient(jar);
    const user = await next.auth.getUser();
    expect(user.error).toBeNull();
    expect(user.data.user?.id).toBe(data.user!.id);
    const claims = await next.auth.getClaims();
    expect(claims.error).toBeNull();
    expect(claims.data?.claims.sub).toBe(data.user!.id);
    expect(claims.data?.claims.user_metadata).toEqual({ organization_name: 'Jar Co' });
  });

  it('an expiring session in the cookies is refreshed and the rotated tokens are written back', async () => {
    const email = uniqueEmail();
    const jar = new CookieJar();
    await serverClient(jar).auth.signUp({ email, password: PASSWORD });

    // Present the session as a browser would an hour later: its access token about to expire.
    const stored = readSession(jar);
    writeSession(jar, { ...stored, expires_at: Math.floor(Date.now() / 1000) + 5 });

    const { data, error } = await serverClient(jar).auth.getClaims();
    expect(error).toBeNull();
    expect(data?.claims.email).toBe(email.toLowerCase());
    const refreshed = readSession(jar);
    expect(refreshed.refresh_token).not.toBe(stored.refresh_token);
    expect(refreshed.expires_at).toBeGreaterThan(stored.expires_at - 5);
    expect((await serverClient(jar).auth.getUser()).data.user?.email).toBe(email.toLowerCase());
  });

  it('sign-out clears the cookies', async () => {
    const jar = new CookieJar();
    await serverClient(jar).auth.signUp({ email: uniqueEmail(), password: PASSWORD });
    expect(jar.cookies.size).toBeGreaterThan(0);
    expect((await serverClient(jar).auth.signOut()).error).toBeNull();
    expect(jar.cookies.size).toBe(0);
    expect((await serverClient(jar).auth.getUser()).data.user).toBeNull();
  });
});
