// Local OpenID Connect provider for Parley development and tests.
//
// Built on the certified `oidc-provider` package. Any login name signs in with any password:
// `alice` becomes sub `alice`, email `alice@example.com` (verified), name `Alice`; a login that
// contains `@` is used as the email; one that starts with `unverified` has email_verified false.
// Consent is granted automatically. Plain http, localhost only.
//
// Env: OIDC_PORT (default 9000), OIDC_REDIRECT_URIS (comma separated, default
// http://localhost:8080/auth/oidc/callback), OIDC_CLIENT_ID / OIDC_CLIENT_SECRET (default
// parley-local / parley-local-secret). The token endpoint takes client_secret_basic and, for
// convenience, client_secret_post too (turned into basic before the provider sees it).
import http from 'node:http';
import querystring from 'node:querystring';
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT || 9000);
const issuer = `http://localhost:${port}`;
const clientId = process.env.OIDC_CLIENT_ID || 'parley-local';
const clientSecret = process.env.OIDC_CLIENT_SECRET || 'parley-local-secret';
const redirectUris = (process.env.OIDC_REDIRECT_URIS || 'http://localhost:8080/auth/oidc/callback')
  .split(',').map((s) => s.trim()).filter(Boolean);

// The login name is normalized (trimmed, lower case) before it becomes the account id: `Alice`
// and `alice` are the same person, with sub `alice`.
const normalizeLogin = (login) => String(login ?? '').trim().toLowerCase();

function profileFor(sub) {
  const email = sub.includes('@') ? sub : `${sub}@example.com`;
  const local = email.split('@')[0];
  // Logins starting with "unverified" stand for a provider that has not confirmed the address.
  return {
    sub, email, email_verified: !sub.startsWith('unverified'), name: local.charAt(0).toUpperCase() + local.slice(1),
  };
}

const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: redirectUris,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  responseTypes: ['code'],
  pkce: { required: () => true },
  scopes: ['openid', 'email', 'profile'],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  // Put the scope's claims (email, name) in the ID token, not only in userinfo.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true } },
  ttl: {
    AccessToken: 3600, AuthorizationCode: 600, IdToken: 3600, Interaction: 3600,
    Grant: 14 * 24 * 3600, Session: 14 * 24 * 3600,
  },
  cookies: { keys: ['parley-local-oidc-dev-cookie-key-not-a-secret'] },
  async findAccount(ctx, id) {
    const claims = profileFor(id);
    return { accountId: id, async claims() { return claims; } };
  },
  // Auto-grant everything the client asks for, so the consent page never shows.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    let grant = grantId ? await ctx.oidc.provider.Grant.find(grantId) : undefined;
    if (!grant) {
      grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
    }
    grant.addOIDCScope('openid email profile');
    grant.addOIDCClaims(['email', 'email_verified', 'name']);
    await grant.save();
    return grant;
  },
});

// Read form bodies ourselves for two routes (the provider accepts an already parsed body):
// the login form, to normalize the login name, and the token endpoint, to accept
// client_secret_post by turning it into client_secret_basic.
async function readForm(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > 64 * 1024) throw new Error('request entity too large');
    chunks.push(chunk);
  }
  return querystring.parse(Buffer.concat(chunks).toString('utf8'));
}
provider.use(async (ctx, next) => {
  // Always show the login form, even with a live provider session, so that after signing out
  // of Parley one can sign in as someone else in the same browser.
  if (ctx.path === '/auth' && ctx.method === 'GET' && ctx.query.prompt === undefined) {
    ctx.query = { ...ctx.query, prompt: 'login' };
  }
  if (ctx.method === 'POST' && ctx.is('application/x-www-form-urlencoded')) {
    if (ctx.path.startsWith('/interaction/')) {
      const body = await readForm(ctx.req);
      if (body.prompt === 'login') body.login = normalizeLogin(body.login);
      ctx.req.body = body;
    } else if (ctx.path === '/token' && !ctx.headers.authorization) {
      const body = await readForm(ctx.req);
      if (typeof body.client_id === 'string' && typeof body.client_secret === 'string') {
        const enc = (v) => encodeURIComponent(v);
        ctx.headers.authorization = `Basic ${Buffer.from(`${enc(body.client_id)}:${enc(body.client_secret)}`).toString('base64')}`;
        delete body.client_secret;
      }
      ctx.req.body = body;
    }
  }
  await next();
});

// `localhost` may resolve to ::1 or 127.0.0.1: listen on both loopback addresses.
const handler = provider.callback();
const listenOn = (host) => new Promise((resolve, reject) => {
  const server = http.createServer(handler);
  server.once('error', reject);
  server.listen(port, host, () => resolve(server));
});

const servers = [await listenOn('127.0.0.1')];
try {
  servers.push(await listenOn('::1'));
} catch (err) {
  if (err.code !== 'EADDRNOTAVAIL' && err.code !== 'EAFNOSUPPORT') throw err;
}
console.log(`oidc-provider ready at ${issuer} (client ${clientId}, redirect_uris ${redirectUris.join(' ')})`);

const stop = () => { servers.forEach((s) => s.close()); process.exit(0); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
