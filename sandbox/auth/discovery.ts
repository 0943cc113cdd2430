// The unauthenticated read-only endpoints: the JWKS getClaims() verifies against, /settings as
// GoTrue reports this configuration (email only, autoconfirm on), and /health.
import type { AuthContext } from './context';
import { sendJson } from './http';

export async function jwksEndpoint(ctx: AuthContext): Promise<Response> {
  const key = await ctx.signingKey();
  return sendJson({ keys: [key.publicJwk] }, 200, { 'cache-control': 'public, max-age=600' });
}

const PROVIDERS = [
  'anonymous_users', 'apple', 'azure', 'bitbucket', 'discord', 'facebook', 'figma', 'fly', 'github', 'gitlab',
  'google', 'keycloak', 'kakao', 'linkedin', 'linkedin_oidc', 'nextcloud', 'notion', 'spotify', 'slack',
  'slack_oidc', 'workos', 'twitch', 'twitter', 'email', 'phone', 'zoom',
];

export function settingsEndpoint(): Response {
  return sendJson({
    external: Object.fromEntries(PROVIDERS.map((p) => [p, p === 'email'])),
    disable_signup: false,
    mailer_autoconfirm: true,
    phone_autoconfirm: false,
    sms_provider: '',
    saml_enabled: false,
  });
}

export function healthEndpoint(): Response {
  return sendJson({
    version: 'sandbox',
    name: 'GoTrue',
    description: 'GoTrue is a user registration and authentication API',
  });
}
