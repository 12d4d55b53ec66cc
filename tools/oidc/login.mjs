// Browserless sign-in against the local OIDC provider (tools/oidc/server.mjs): the same steps the
// Rust end-to-end test and the browser test perform. Prints each step and the ID token's claims;
// exits non-zero when a step fails.
//
//   node tools/oidc/login.mjs [login] [password]
//
// Env: OIDC_ISSUER (default http://localhost:9000), OIDC_CLIENT_ID / OIDC_CLIENT_SECRET,
// OIDC_REDIRECT_URI (default $BASE_URL/auth/oidc/callback, BASE_URL default http://localhost:8080),
// OIDC_CLIENT_AUTH=post to send the client secret in the body instead of HTTP Basic.
import crypto from 'node:crypto';

const issuer = process.env.OIDC_ISSUER || 'http://localhost:9000';
const clientId = process.env.OIDC_CLIENT_ID || 'parley-local';
const clientSecret = process.env.OIDC_CLIENT_SECRET || 'parley-local-secret';
const baseUrl = process.env.BASE_URL || 'http://localhost:8080';
const redirectUri = process.env.OIDC_REDIRECT_URI || `${baseUrl}/auth/oidc/callback`;
const login = process.argv[2] || 'alice';
const password = process.argv[3] || 'x';

const b64url = (buf) => Buffer.from(buf).toString('base64url');
const fail = (msg) => { console.error(`FAIL: ${msg}`); process.exit(1); };

// A minimal cookie jar: name -> value (paths are ignored; fine for one provider).
const jar = new Map();
async function step(url, init = {}) {
  const headers = { ...(init.headers || {}) };
  if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await fetch(url, { ...init, headers, redirect: 'manual' });
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const i = pair.indexOf('=');
    jar.set(pair.slice(0, i), pair.slice(i + 1));
  }
  const location = res.headers.get('location');
  console.log(`${init.method || 'GET'} ${url} -> ${res.status}${location ? ` Location: ${location}` : ''}`);
  if (res.status >= 400) fail(`${url} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return { res, location: location && new URL(location, url).toString() };
}

const discovery = await (await fetch(`${issuer}/.well-known/openid-configuration`)).json();
const verifier = b64url(crypto.randomBytes(48));
const challenge = b64url(crypto.createHash('sha256').update(verifier).digest());
const state = b64url(crypto.randomBytes(12));
const nonce = b64url(crypto.randomBytes(12));
const auth = new URL(discovery.authorization_endpoint);
Object.entries({
  response_type: 'code', client_id: clientId, redirect_uri: redirectUri,
  scope: 'openid email profile', state, nonce,
  code_challenge: challenge, code_challenge_method: 'S256',
}).forEach(([k, v]) => auth.searchParams.set(k, v));

// 1. Authorization request -> /interaction/<uid> (the login form).
let { location } = await step(auth.toString());
let callback;
for (let hops = 0; hops < 10 && !callback; hops += 1) {
  if (!location) fail('redirect chain ended without reaching the redirect URI');
  if (location.startsWith(redirectUri)) { callback = new URL(location); break; }
  const { res, location: next } = await step(location);
  if (next) { location = next; continue; }
  // 2. A page with a form: the login form (prompt=login) or, should it show, consent.
  const html = await res.text();
  const action = html.match(/<form[^>]*action="([^"]+)"/)?.[1];
  const prompt = html.match(/name="prompt" value="([^"]+)"/)?.[1];
  if (!action || !prompt) fail(`no form on ${location}`);
  const body = new URLSearchParams(prompt === 'login' ? { prompt, login, password } : { prompt });
  ({ location } = await step(new URL(action, location).toString(), {
    method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' },
  }));
}
if (!callback) fail('too many redirects');
const code = callback.searchParams.get('code');
if (!code) fail(`no code in ${callback}`);
if (callback.searchParams.get('state') !== state) fail('state mismatch');

// 3. Token request with the PKCE verifier (client_secret_basic, or client_secret_post).
const usePost = process.env.OIDC_CLIENT_AUTH === 'post';
const form = {
  grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier,
};
const headers = { 'content-type': 'application/x-www-form-urlencoded' };
if (usePost) {
  Object.assign(form, { client_id: clientId, client_secret: clientSecret });
} else {
  const basic = `${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`;
  headers.authorization = `Basic ${Buffer.from(basic).toString('base64')}`;
}
const tokenRes = await fetch(discovery.token_endpoint, {
  method: 'POST', headers, body: new URLSearchParams(form),
});
const tokens = await tokenRes.json();
if (!tokenRes.ok) fail(`token endpoint ${tokenRes.status}: ${JSON.stringify(tokens)}`);
const claims = JSON.parse(Buffer.from(tokens.id_token.split('.')[1], 'base64url').toString());
console.log(`POST ${discovery.token_endpoint} -> ${tokenRes.status}`);
console.log(`id_token claims: ${JSON.stringify(claims)}`);
if (claims.nonce !== nonce || claims.email_verified !== true || !claims.email) fail('unexpected claims');
console.log('OK');
