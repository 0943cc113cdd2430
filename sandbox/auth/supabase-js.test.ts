// The stand-in driven by the real @supabase/supabase-js over HTTP: the calls the application makes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import { AuthApiError, AuthInvalidJwtError, AuthSessionMissingError, type Session } from '@supabase/supabase-js';
import type { Database } from '@/lib/db/connect';
import { SimClock } from '@/sandbox/core/clock';
import { openMigratedDatabase, startAuthServer, supabaseFor, uniqueEmail, type AuthServer } from './test-harness';

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

async function signedIn(email = uniqueEmail(), target: { url: string } = server) {
  const client = supabaseFor(target);
  const { data, error } = await client.auth.signUp({ email, password: PASSWORD, options: { data: { organization_name: 'Acme' } } });
  expect(error).toBeNull();
  return { client, email, session: data.session as Session };
}

const sql = <T>(text: string, params: unknown[] = []) => database.rawTransaction((tx) => tx.query<T>(text, params));

describe('sign-up', () => {
  it('returns a session, stores the metadata and lets the trigger create the organization with an owner', async () => {
    const email = uniqueEmail('Owner');
    const client = supabaseFor(server);
    const { data, error } = await client.auth.signUp({
      email,
      password: PASSWORD,
      options: { data: { organization_name: 'Acme Outdoor', full_name: 'Ada' } },
    });
    expect(error).toBeNull();
    expect(data.session?.access_token).toBeTruthy();
    expect(data.session?.refresh_token).toBeTruthy();
    expect(data.session?.expires_in).toBe(3600);
    const user = data.user!;
    expect(user.email).toBe(email.toLowerCase());
    expect(user.aud).toBe('authenticated');
    expect(user.role).toBe('authenticated');
    expect(user.email_confirmed_at).toBeTruthy();
    expect(user.app_metadata).toEqual({ provider: 'email', providers: ['email'] });
    expect(user.user_metadata).toEqual({ organization_name: 'Acme Outdoor', full_name: 'Ada' });
    expect(user.identities?.[0]?.provider).toBe('email');

    const [stored] = await sql<{ raw_user_meta_data: unknown; encrypted_password: string }>(
      'select raw_user_meta_data, encrypted_password from auth.users where id = $1',
      [user.id],
    );
    expect(stored.raw_user_meta_data).toEqual({ organization_name: 'Acme Outdoor', full_name: 'Ada' });
    expect(stored.encrypted_password).toMatch(/^\$scrypt\$ln=\d+,r=8,p=1\$/);
    expect(stored.encrypted_password).not.toContain(PASSWORD);

    const orgs = await sql<{ id: string; name: string }>('select id, name from public.organizations where created_by = $1', [user.id]);
    expect(orgs).toEqual([{ id: expect.any(String), name: 'Acme Outdoor' }]);
    const members = await sql<{ role: string }>('select role from public.memberships where org_id = $1 and user_id = $2', [
      orgs[0].id,
      user.id,
    ]);
    expect(members).toEqual([{ role: 'owner' }]);
  });
});

describe('sign-in, user and claims', () => {
  it('signs in with the password and getUser() returns the same user', async () => {
    const { email, session } = await signedIn();
    const client = supabaseFor(server);
    const { data, error } = await client.auth.signInWithPassword({ email, password: PASSWORD });
    expect(error).toBeNull();
    expect(data.session!.user.id).toBe(session.user.id);
    expect(data.session!.refresh_token).not.toBe(session.refresh_token);
    const got = await client.auth.getUser();
    expect(got.error).toBeNull();
    expect(got.data.user?.id).toBe(session.user.id);
    expect(got.data.user?.last_sign_in_at).toBeTruthy();
  });

  it('getClaims() verifies the ES256 token against the JWKS and returns Supabase\'s claim set', async () => {
    const { client, email, session } = await signedIn();
    const { data, error } = await client.auth.getClaims();
    expect(error).toBeNull();
    const claims = data!.claims;
    expect(data!.header.alg).toBe('ES256');
    const jwks = (await (await fetch(`${server.url}/auth/v1/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
    expect(data!.header.kid).toBe(jwks.keys[0].kid);
    expect(claims).toMatchObject({
      iss: `${server.url}/auth/v1`,
      sub: session.user.id,
      aud: 'authenticated',
      role: 'authenticated',
      email: email.toLowerCase(),
      phone: '',
      aal: 'aal1',
      is_anonymous: false,
      app_metadata: { provider: 'email', providers: ['email'] },
      user_metadata: { organization_name: 'Acme' },
    });
    expect(claims.exp - claims.iat).toBe(3600);
    expect(claims.amr).toEqual([{ method: 'password', timestamp: expect.any(Number) }]);
    const [row] = await sql<{ n: number }>('select count(*)::int as n from auth.sessions where id = $1 and user_id = $2', [
      claims.session_id,
      claims.sub,
    ]);
    expect(row.n).toBe(1);
  });

  it('getClaims() refuses a token signed by another key under the same kid', async () => {
    const { client, session } = await signedIn();
    const { kid } = decodeProtectedHeader(session.access_token);
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({ sub: session.user.id, role: 'authenticated', aud: 'authenticated' })
      .setProtectedHeader({ alg: 'ES256', kid: kid!, typ: 'JWT' })
      .setExpirationTime('1h')
      .sign(privateKey);
    const { data, error } = await client.auth.getClaims(forged);
    expect(data).toBeNull();
    expect(error).toBeInstanceOf(AuthInvalidJwtError);
    expect(error?.message).toBe('Invalid JWT signature');
  });

  it('getClaims() refuses a token whose kid the JWKS does not know (the server then says bad_jwt)', async () => {
    const { client, session } = await signedIn();
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({ sub: session.user.id, role: 'authenticated', aud: 'authenticated' })
      .setProtectedHeader({ alg: 'ES256', kid: 'someone-elses-key', typ: 'JWT' })
      .setExpirationTime('1h')
      .sign(privateKey);
    // No key for that kid in the JWKS, so supabase-js asks the server (GET /user), which refuses.
    const { data, error } = await client.auth.getClaims(forged);
    expect(data).toBeNull();
    expect(error).toBeInstanceOf(AuthApiError);
    expect(error).toMatchObject({ status: 403, code: 'bad_jwt' });
  });

  it('expiry follows the stand-in\'s clock: tokens issued in the past fail getClaims(), a late clock fails /user', async () => {
    const late = await startAuthServer(database, { clock: new SimClock(() => Date.now() - 2 * 3600_000) });
    const ahead = await startAuthServer(database);
    try {
      const old = await signedIn(uniqueEmail(), late);
      const claims = await old.client.auth.getClaims(old.session.access_token);
      expect(claims.error).toBeInstanceOf(AuthInvalidJwtError);
      expect(claims.error?.message).toBe('JWT has expired');

      const fresh = await signedIn();
      expect((await supabaseFor(ahead).auth.getUser(fresh.session.access_token)).error).toBeNull();
      ahead.clock.advance(3601_000);
      const { error } = await supabaseFor(ahead).auth.getUser(fresh.session.access_token);
      expect(error).toBeInstanceOf(AuthApiError);
      expect(error).toMatchObject({ status: 403, code: 'bad_jwt' });
      expect(error?.message).toContain('token is expired');
    } finally {
      await late.close();
      await ahead.close();
    }
  });

  it('keeps its signing key in the database: a restarted stand-in serves the same JWKS and accepts old tokens', async () => {
    const { session } = await signedIn();
    const restarted = await startAuthServer(database);
    try {
      const [a, b] = await Promise.all(
        [server, restarted].map(async (s) => (await (await fetch(`${s.url}/auth/v1/.well-known/jwks.json`)).json()) as { keys: unknown[] }),
      );
      expect(b).toEqual(a);
      const { data, error } = await supabaseFor(restarted).auth.getUser(session.access_token);
      expect(error).toBeNull();
      expect(data.user?.id).toBe(session.user.id);
      const [{ n }] = await sql<{ n: number }>('select count(*)::int as n from auth.sandbox_signing_keys');
      expect(n).toBe(1);
    } finally {
      await restarted.close();
    }
  });
});

describe('refresh-token rotation', () => {
  it('rotates: a new refresh token, the old one revoked, the session kept', async () => {
    const { client, session } = await signedIn();
    const { data, error } = await client.auth.refreshSession();
    expect(error).toBeNull();
    expect(data.session!.refresh_token).not.toBe(session.refresh_token);
    expect(data.session!.user.id).toBe(session.user.id);
    const rows = await sql<{ token: string; revoked: boolean; parent: string | null }>(
      'select token, revoked, parent from auth.refresh_tokens where user_id = $1 order by id',
      [session.user.id],
    );
    expect(rows).toEqual([
      { token: session.refresh_token, revoked: true, parent: null },
      { token: data.session!.refresh_token, revoked: false, parent: session.refresh_token },
    ]);
    const before = (await supabaseFor(server).auth.getClaims(session.access_token)).data!.claims.session_id;
    const after = (await client.auth.getClaims()).data!.claims.session_id;
    expect(after).toBe(before);
  });

  it('re-presenting the parent of the current token returns the current token (lost response), like GoTrue', async () => {
    const { client, session } = await signedIn();
    const first = await client.auth.refreshSession();
    const again = await supabaseFor(server).auth.refreshSession({ refresh_token: session.refresh_token });
    expect(again.error).toBeNull();
    expect(again.data.session!.refresh_token).toBe(first.data.session!.refresh_token);
  });

  it('reuse of an older revoked token is refused and ends the whole token family', async () => {
    const own = await startAuthServer(database);
    try {
      const { client, session } = await signedIn(uniqueEmail(), own);
      await client.auth.refreshSession();
      own.clock.advance(11_000); // past the 10 s reuse interval
      const second = await client.auth.refreshSession();
      const current = second.data.session!.refresh_token;

      const stolen = await supabaseFor(own).auth.refreshSession({ refresh_token: session.refresh_token });
      expect(stolen.error).toBeInstanceOf(AuthApiError);
      expect(stolen.error).toMatchObject({ status: 400, code: 'refresh_token_already_used' });

      own.clock.advance(11_000);
      const victim = await supabaseFor(own).auth.refreshSession({ refresh_token: current });
      expect(victim.error).toMatchObject({ status: 400, code: 'refresh_token_already_used' });
    } finally {
      await own.close();
    }
  });

  it('an unknown refresh token is refresh_token_not_found', async () => {
    const { error } = await supabaseFor(server).auth.refreshSession({ refresh_token: 'not-a-token-we-issued' });
    expect(error).toBeInstanceOf(AuthApiError);
    expect(error).toMatchObject({ status: 400, code: 'refresh_token_not_found' });
  });
});

describe('sign-out', () => {
  it('global: the session ends, its refresh token is gone and the access token no longer finds it', async () => {
    const { client, session } = await signedIn();
    const { error } = await client.auth.signOut();
    expect(error).toBeNull();
    expect((await client.auth.getSession()).data.session).toBeNull();
    const [{ n }] = await sql<{ n: number }>('select count(*)::int as n from auth.sessions where user_id = $1', [session.user.id]);
    expect(n).toBe(0);

    const refreshed = await supabaseFor(server).auth.refreshSession({ refresh_token: session.refresh_token });
    expect(refreshed.error).toMatchObject({ status: 400, code: 'refresh_token_not_found' });
    const user = await supabaseFor(server).auth.getUser(session.access_token);
    expect(user.error).toBeInstanceOf(AuthSessionMissingError);
  });

  it('others: every other session of the user ends, this one stays', async () => {
    const a = await signedIn();
    const b = supabaseFor(server);
    await b.auth.signInWithPassword({ email: a.email, password: PASSWORD });
    const bRefresh = (await b.auth.getSession()).data.session!.refresh_token;

    expect((await a.client.auth.signOut({ scope: 'others' })).error).toBeNull();
    expect((await a.client.auth.getUser()).error).toBeNull();
    const gone = await supabaseFor(server).auth.refreshSession({ refresh_token: bRefresh });
    expect(gone.error).toMatchObject({ code: 'refresh_token_not_found' });
  });

  it('local: only this session ends', async () => {
    const a = await signedIn();
    const b = supabaseFor(server);
    await b.auth.signInWithPassword({ email: a.email, password: PASSWORD });
    expect((await a.client.auth.signOut({ scope: 'local' })).error).toBeNull();
    expect((await b.auth.getUser()).error).toBeNull();
    const aUser = await supabaseFor(server).auth.getUser(a.session.access_token);
    expect(aUser.error).toBeInstanceOf(AuthSessionMissingError);
  });
});

describe('password change (PUT /user)', () => {
  it('changes the password, keeps this session and ends the others', async () => {
    const a = await signedIn();
    const b = supabaseFor(server);
    await b.auth.signInWithPassword({ email: a.email, password: PASSWORD });

    const { data, error } = await a.client.auth.updateUser({ password: 'a brand new secret' });
    expect(error).toBeNull();
    expect(data.user?.id).toBe(a.session.user.id);

    const old = await supabaseFor(server).auth.signInWithPassword({ email: a.email, password: PASSWORD });
    expect(old.error).toMatchObject({ status: 400, code: 'invalid_credentials' });
    const renewed = await supabaseFor(server).auth.signInWithPassword({ email: a.email, password: 'a brand new secret' });
    expect(renewed.error).toBeNull();
    expect((await a.client.auth.getUser()).error).toBeNull();
    expect((await b.auth.getUser()).error).toBeInstanceOf(AuthSessionMissingError);
  });

  it('refuses the same password (same_password) and a short one (weak_password)', async () => {
    const { client } = await signedIn();
    const same = await client.auth.updateUser({ password: PASSWORD });
    expect(same.error).toBeInstanceOf(AuthApiError);
    expect(same.error).toMatchObject({ status: 422, code: 'same_password', message: 'New password should be different from the old password.' });
    const weak = await client.auth.updateUser({ password: 'short' });
    expect(weak.error).toMatchObject({ status: 422, code: 'weak_password' });
  });

  it('merges user_metadata, deleting keys set to null', async () => {
    const { client } = await signedIn();
    const { data, error } = await client.auth.updateUser({ data: { theme: 'dark', organization_name: null } });
    expect(error).toBeNull();
    expect(data.user?.user_metadata).toEqual({ theme: 'dark' });
  });
});
