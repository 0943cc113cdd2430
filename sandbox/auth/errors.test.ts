// GoTrue's error codes and statuses as supabase-js surfaces them, plus the gateway's refusals and
// the raw wire shapes behind them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthApiError, AuthWeakPasswordError } from '@supabase/supabase-js';
import type { Database } from '@/lib/db/connect';
import { openMigratedDatabase, startAuthServer, supabaseFor, TEST_ANON_KEY, uniqueEmail, type AuthServer } from './test-harness';

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

const auth = () => supabaseFor(server).auth;

describe('errors through supabase-js', () => {
  it('malformed email: validation_failed 400', async () => {
    const { data, error } = await auth().signUp({ email: 'not-an-email', password: PASSWORD });
    expect(data.session).toBeNull();
    expect(error).toBeInstanceOf(AuthApiError);
    expect(error).toMatchObject({ status: 400, code: 'validation_failed', message: 'Unable to validate email address: invalid format' });
  });

  it('short password: weak_password 422 with reasons (supabase-js raises AuthWeakPasswordError)', async () => {
    const { error } = await auth().signUp({ email: uniqueEmail(), password: 'short' });
    expect(error).toBeInstanceOf(AuthWeakPasswordError);
    expect(error).toMatchObject({ status: 422, code: 'weak_password', message: 'Password should be at least 8 characters.' });
    expect((error as AuthWeakPasswordError).reasons).toEqual(['length']);
  });

  it('existing email, in any letter case: user_already_exists 422', async () => {
    const email = uniqueEmail('Dup');
    expect((await auth().signUp({ email, password: PASSWORD })).error).toBeNull();
    const { error } = await auth().signUp({ email: email.toUpperCase(), password: PASSWORD });
    expect(error).toBeInstanceOf(AuthApiError);
    expect(error).toMatchObject({ status: 422, code: 'user_already_exists', message: 'User already registered' });
  });

  it('wrong password and unknown user are the same invalid_credentials 400', async () => {
    const email = uniqueEmail();
    await auth().signUp({ email, password: PASSWORD });
    for (const attempt of [
      { email, password: 'wrong password!' },
      { email: uniqueEmail('nobody'), password: PASSWORD },
    ]) {
      const { data, error } = await auth().signInWithPassword(attempt);
      expect(data.session).toBeNull();
      expect(error).toBeInstanceOf(AuthApiError);
      expect(error).toMatchObject({ status: 400, code: 'invalid_credentials', message: 'Invalid login credentials' });
    }
  });

  it('sign-in is case-insensitive on the email', async () => {
    const email = uniqueEmail('Case');
    await auth().signUp({ email, password: PASSWORD });
    expect((await auth().signInWithPassword({ email: email.toUpperCase(), password: PASSWORD })).error).toBeNull();
  });

  it('a garbage or tampered JWT on /user: bad_jwt 403', async () => {
    const { data } = await auth().signUp({ email: uniqueEmail(), password: PASSWORD });
    const token = data.session!.access_token;
    const [h, p, s] = token.split('.');
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    const tampered = [h, Buffer.from(JSON.stringify({ ...payload, role: 'service_role' })).toString('base64url'), s].join('.');
    for (const jwt of ['not.a.jwt', tampered]) {
      const { error } = await auth().getUser(jwt);
      expect(error).toBeInstanceOf(AuthApiError);
      expect(error).toMatchObject({ status: 403, code: 'bad_jwt' });
    }
  });

  it('a missing or wrong apikey is refused by the gateway with 401', async () => {
    const wrong = await supabaseFor(server, 'not-the-anon-key').auth.signInWithPassword({ email: uniqueEmail(), password: PASSWORD });
    expect(wrong.error).toBeInstanceOf(AuthApiError);
    expect(wrong.error).toMatchObject({ status: 401, message: 'Invalid API key' });

    const res = await fetch(`${server.url}/auth/v1/settings`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ message: 'No API key found in request' });
  });
});

describe('wire format', () => {
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/auth/v1${path}`, {
      method: 'POST',
      headers: { apikey: TEST_ANON_KEY, 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('answers in the 2024-01-01 shape, echoing the version, only when the client asks for it', async () => {
    const modern = await post('/token?grant_type=password', { email: uniqueEmail(), password: PASSWORD }, { 'X-Supabase-Api-Version': '2024-01-01' });
    expect(modern.status).toBe(400);
    expect(modern.headers.get('x-supabase-api-version')).toBe('2024-01-01');
    expect(await modern.json()).toEqual({ code: 'invalid_credentials', message: 'Invalid login credentials' });

    const legacy = await post('/token?grant_type=password', { email: uniqueEmail(), password: PASSWORD });
    expect(legacy.headers.get('x-supabase-api-version')).toBeNull();
    expect(await legacy.json()).toEqual({ code: 400, error_code: 'invalid_credentials', msg: 'Invalid login credentials' });
  });

  it('weak_password carries its reasons in both shapes', async () => {
    const legacy = await post('/signup', { email: uniqueEmail(), password: 'short' });
    expect(legacy.status).toBe(422);
    expect(await legacy.json()).toEqual({
      code: 422,
      error_code: 'weak_password',
      msg: 'Password should be at least 8 characters.',
      weak_password: { reasons: ['length'] },
    });
  });

  it('bad JSON, unsupported grants, missing bearer, unknown paths and methods', async () => {
    const badJson = await post('/signup', '{nope');
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ error_code: 'bad_json' });

    const grant = await post('/token?grant_type=client_credentials', {});
    expect(grant.status).toBe(400);
    expect(await grant.json()).toEqual({ error: 'unsupported_grant_type', error_description: '' });

    const noBearer = await fetch(`${server.url}/auth/v1/user`, { headers: { apikey: TEST_ANON_KEY } });
    expect(noBearer.status).toBe(401);
    expect(await noBearer.json()).toMatchObject({ error_code: 'no_authorization' });

    const unknown = await fetch(`${server.url}/auth/v1/otp`, { headers: { apikey: TEST_ANON_KEY } });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ code: 404, error_code: 'not_found', msg: 'Not Found' });

    const method = await fetch(`${server.url}/auth/v1/signup`, { headers: { apikey: TEST_ANON_KEY } });
    expect(method.status).toBe(405);

    const outside = await fetch(`${server.url}/rest/v1/orders`, { headers: { apikey: TEST_ANON_KEY } });
    expect(outside.status).toBe(404);
    expect(await outside.json()).toEqual({ message: 'no Route matched with those values' });
  });

  it('refuses anonymous and phone sign-ups as a project with only email enabled does', async () => {
    const anon = await post('/signup', { password: PASSWORD }, { 'X-Supabase-Api-Version': '2024-01-01' });
    expect(anon.status).toBe(422);
    expect(await anon.json()).toMatchObject({ code: 'anonymous_provider_disabled' });
    const phone = await post('/signup', { phone: '+15555550100', password: PASSWORD }, { 'X-Supabase-Api-Version': '2024-01-01' });
    expect(phone.status).toBe(400);
    expect(await phone.json()).toMatchObject({ code: 'phone_provider_disabled' });
  });

  it('logout rejects an unknown scope and answers 204 otherwise', async () => {
    const { data } = await auth().signUp({ email: uniqueEmail(), password: PASSWORD });
    const bearer = { authorization: `Bearer ${data.session!.access_token}` };
    const bad = await post('/logout?scope=everyone', undefined, bearer);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error_code: 'validation_failed' });
    const ok = await post('/logout?scope=local', undefined, bearer);
    expect(ok.status).toBe(204);
    const again = await post('/logout?scope=local', undefined, bearer);
    expect(again.status).toBe(403);
    expect(await again.json()).toMatchObject({ error_code: 'session_not_found' });
  });
});

describe('discovery and CORS', () => {
  it('serves the JWKS and /health without an apikey, /settings with one', async () => {
    const jwks = await fetch(`${server.url}/auth/v1/.well-known/jwks.json`);
    expect(jwks.status).toBe(200);
    const { keys } = (await jwks.json()) as { keys: Record<string, unknown>[] };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', key_ops: ['verify'] });
    expect(keys[0]).not.toHaveProperty('d');

    expect(await (await fetch(`${server.url}/auth/v1/health`)).json()).toMatchObject({ name: 'GoTrue' });
    const settings = await fetch(`${server.url}/auth/v1/settings`, { headers: { apikey: TEST_ANON_KEY } });
    expect(await settings.json()).toMatchObject({ mailer_autoconfirm: true, disable_signup: false, external: { email: true, phone: false } });
  });

  it('answers browser preflights without an apikey and tags responses with the origin', async () => {
    const origin = 'http://localhost:3000';
    const pre = await fetch(`${server.url}/auth/v1/token?grant_type=password`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'apikey, content-type' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(origin);
    expect(pre.headers.get('access-control-allow-headers')).toBe('apikey, content-type');
    const res = await fetch(`${server.url}/auth/v1/health`, { headers: { origin } });
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
  });
});
