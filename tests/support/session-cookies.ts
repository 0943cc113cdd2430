// Test support (unit, integration and e2e): session cookie values an attacker can send, each of
// which once made getClaims() throw or fail. Built the way @supabase/ssr stores a session
// ("base64-" + base64url JSON), around tokens that name the real signing key's `kid`.
import { randomUUID } from 'node:crypto';

const b64url = (s: string) => Buffer.from(s).toString('base64url');

function token(header: Record<string, unknown>, sub: string): string {
  const now = Math.floor(Date.now() / 1000);
  const payload = { sub, aud: 'authenticated', role: 'authenticated', email: 'forged@example.test', iat: now, exp: now + 3600 };
  return `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}.${b64url('not-a-signature')}`;
}

function stored(accessToken: unknown, sub: string): string {
  const now = Math.floor(Date.now() / 1000);
  const session = {
    access_token: accessToken,
    token_type: 'bearer',
    expires_in: 3600,
    expires_at: now + 3600,
    refresh_token: 'forged-refresh-token',
    user: { id: sub, aud: 'authenticated', role: 'authenticated', email: 'forged@example.test' },
  };
  return `base64-${b64url(JSON.stringify(session))}`;
}

export interface MalformedSessionCookie {
  label: string;
  value: string;
}

/** `kid`: the key id the real JWKS publishes. */
export function malformedSessionCookies(kid: string): MalformedSessionCookie[] {
  const sub = randomUUID();
  const withAlg = (alg: string) => stored(token({ alg, kid, typ: 'JWT' }, sub), sub);
  return [
    { label: 'real kid, alg RS256', value: withAlg('RS256') },
    { label: 'real kid, alg ES512', value: withAlg('ES512') },
    { label: 'real kid, alg PS256', value: withAlg('PS256') },
    { label: 'real kid, unknown alg', value: withAlg('XY999') },
    { label: 'real kid, alg none', value: withAlg('none') },
    { label: 'unknown kid, alg ES256', value: stored(token({ alg: 'ES256', kid: randomUUID(), typ: 'JWT' }, sub), sub) },
    { label: 'access_token is a number', value: stored(42, sub) },
    { label: 'access_token is an object', value: stored({ jwt: 'x' }, sub) },
    { label: 'access_token is not a JWT', value: stored('garbage', sub) },
    { label: 'garbage base64', value: 'base64-%%%***not base64***' },
    { label: 'base64 of garbage JSON', value: `base64-${b64url('{"access_token": ')}` },
    { label: 'raw garbage JSON', value: '{"access_token":' },
  ];
}

/** The cookie name @supabase/ssr uses for a project URL: `sb-<first host label>-auth-token`. */
export function sessionCookieName(supabaseUrl: string): string {
  return `sb-${new URL(supabaseUrl).hostname.split('.')[0]}-auth-token`;
}
