// Seller Central's consent page of the website authorization workflow:
// GET /apps/authorize/consent?application_id=…&state=…[&version=beta][&redirect_uri=…] shows an
// "Authorize" form for the signed-in seller; confirming redirects the browser to the app's
// redirect URI with state, selling_partner_id and spapi_oauth_code (five-minute, single use).
import { randomBytes } from 'node:crypto';
import type { Clock } from '@/sandbox/core/clock';
import type { AmazonAccount, AmazonApp } from './accounts';
import type { TokenStore } from './tokens';

interface PendingConsent {
  app: AmazonApp;
  state: string;
  redirectUri: string;
  expiresAt: number;
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

function page(status: number, title: string, body: string): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title></head>` +
    `<body style="font-family:sans-serif;max-width:40rem;margin:3rem auto">${body}</body></html>`;
  return new Response(html, { status, headers: { 'content-type': 'text/html;charset=UTF-8' } });
}

function errorPage(code: string | null, message: string): Response {
  return page(400, 'Authorization error', `<h1>We're sorry</h1><p>${esc(message)}</p>${code ? `<p>Error code: <b>${esc(code)}</b></p>` : ''}`);
}

export class ConsentPages {
  private readonly pending = new Map<string, PendingConsent>();

  constructor(
    private readonly clock: Clock,
    private readonly apps: () => readonly AmazonApp[],
    private readonly accounts: () => readonly AmazonAccount[],
    private readonly tokens: TokenStore,
  ) {}

  show(url: URL): Response {
    const q = url.searchParams;
    const app = this.apps().find((a) => a.applicationId === q.get('application_id'));
    if (!app) return errorPage(null, 'The application you are trying to authorize could not be found.');
    const state = q.get('state');
    if (!state) return errorPage(null, 'The authorization request is missing the state parameter.');
    if (app.draft && q.get('version') !== 'beta') {
      return errorPage('MD1000', 'This application is in draft state; add version=beta to the authorization URI.');
    }
    const requested = q.get('redirect_uri');
    if (requested !== null && !app.redirectUris.includes(requested)) {
      return errorPage('MD5101', 'The redirect URI does not match any OAuth redirect URI registered for this application.');
    }
    const redirectUri = requested ?? app.redirectUris[0];
    if (!redirectUri) return errorPage('MD5101', 'This application has no OAuth redirect URI.');

    if (this.pending.size > 1000) for (const [k, c] of this.pending) if (c.expiresAt <= this.clock.now()) this.pending.delete(k);
    const nonce = randomBytes(18).toString('base64url');
    this.pending.set(nonce, { app, state, redirectUri, expiresAt: this.clock.now() + 15 * 60_000 });
    const sellers = this.accounts()
      .map((a, i) => `<option value="${esc(a.sellingPartnerId)}"${i === 0 ? ' selected' : ''}>${esc(a.name)} (${esc(a.sellingPartnerId)})</option>`)
      .join('');
    return page(
      200,
      'Authorize application',
      `<h1>Authorize application</h1>
<p>The application <b>${esc(app.applicationId)}</b> is requesting access to your Amazon selling account.</p>
<form method="post" action="/apps/authorize/confirm">
<input type="hidden" name="consent_nonce" value="${nonce}">
<label>Signed in as <select name="selling_partner_id">${sellers}</select></label>
<p><label><input type="checkbox" name="acknowledge" value="yes" checked> I direct Amazon to provide this application access to my data.</label></p>
<button type="submit" name="decision" value="authorize">Authorize</button>
</form>`,
    );
  }

  async confirm(req: Request): Promise<Response> {
    if (req.method !== 'POST') return new Response(null, { status: 405 });
    const f = new URLSearchParams(await req.text());
    const nonce = f.get('consent_nonce') ?? '';
    const p = this.pending.get(nonce);
    this.pending.delete(nonce);
    if (!p || p.expiresAt <= this.clock.now()) return errorPage(null, 'This authorization request has expired. Start again from the application.');
    if (f.get('decision') !== 'authorize' || f.get('acknowledge') !== 'yes') {
      return errorPage(null, 'The authorization was not confirmed.');
    }
    const seller = this.accounts().find((a) => a.sellingPartnerId === f.get('selling_partner_id'));
    if (!seller) return errorPage(null, 'Unknown selling account.');
    const code = this.tokens.issueAuthCode(p.app.clientId, seller.sellingPartnerId, p.redirectUri);
    const target = new URL(p.redirectUri);
    target.searchParams.set('state', p.state);
    target.searchParams.set('selling_partner_id', seller.sellingPartnerId);
    target.searchParams.set('spapi_oauth_code', code);
    return new Response(null, { status: 302, headers: { location: target.toString(), 'cache-control': 'no-store' } });
  }
}
