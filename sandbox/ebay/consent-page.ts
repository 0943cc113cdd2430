// The small HTML sign-in + grant page standing in for auth.ebay.com/oauth2/authorize. The form
// posts to /oauth2/consent; "Agree" redirects to the RuName's accept URL with code and state.

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

export interface ConsentPageInput {
  appName: string;
  clientId: string;
  ruName: string;
  scope: string;
  state: string | null;
  scopes: string[];
  username: string;
  password: string;
  error?: string;
}

export function consentPage(p: ConsentPageInput): Response {
  const hidden = (name: string, value: string | null) =>
    value === null ? '' : `<input type="hidden" name="${name}" value="${esc(value)}">`;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Grant application access: ${esc(p.appName)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem}
label{display:block;margin:.5rem 0}input[type=text],input[type=password]{width:100%;padding:.4rem}
.error{color:#b00020}button{margin-right:.5rem;padding:.5rem 1.2rem}li{font-size:.85rem}</style></head>
<body>
<h1>eBay (sandbox simulator)</h1>
<p><strong>${esc(p.appName)}</strong> would like access to your eBay account:</p>
<ul>${p.scopes.map((s) => `<li>${esc(s)}</li>`).join('')}</ul>
${p.error ? `<p class="error" role="alert">${esc(p.error)}</p>` : ''}
<form method="post" action="/oauth2/consent">
${hidden('client_id', p.clientId)}${hidden('redirect_uri', p.ruName)}${hidden('response_type', 'code')}${hidden('scope', p.scope)}${hidden('state', p.state)}
<label>User ID <input type="text" name="username" value="${esc(p.username)}" autocomplete="username"></label>
<label>Password <input type="password" name="password" value="${esc(p.password)}" autocomplete="current-password"></label>
<button type="submit" name="decision" value="agree">Agree</button>
<button type="submit" name="decision" value="decline">Disagree</button>
</form>
</body></html>`;
  return new Response(html, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } });
}
