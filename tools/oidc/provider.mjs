// A real OpenID Connect provider for the OIDC login tests (oidc-provider, a certified
// implementation). The test gives it its signing keys and clients, so it can also craft tokens the
// provider would never mint (expired, forged) with the same keys. With a login_hint, the
// interaction signs in the subject it names and grants the requested scopes at once, which is what
// a user clicking through would do. Without one, it shows a small HTML login form (a login name,
// "Sign in" and "Cancel"), for the browser tests to fill in like a user. Not for anything but tests.
//
// Environment: PORT, ISSUER, SETUP (a JSON file: {"keys": [private JWK...], "rotatedKeys": [...],
// "clients": [oidc-provider client metadata...]}).
// Test endpoints: POST /test/rotate switches to rotatedKeys (the provider signs with the first);
// GET /test/stats answers {"jwksFetches": n}.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const issuer = process.env.ISSUER;
const setup = JSON.parse(readFileSync(process.env.SETUP, 'utf8'));

let jwksFetches = 0;
let provider = build(setup.keys);

function build(keys) {
  const p = new Provider(issuer, {
    clients: setup.clients,
    jwks: { keys },
    cookies: { keys: ['liveroom-test-cookie-key'] },
    // Scope claims go into the ID token too, as Google's do (the mobile flow reads email there).
    conformIdTokenClaims: false,
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (ctx, sub) => ({
      accountId: sub,
      claims: () => ({
        sub,
        name: `Test ${sub}`,
        email: `${sub}@example.test`,
        email_verified: !sub.startsWith('unverified'),
      }),
    }),
  });
  p.on('server_error', (ctx, err) => console.error('server_error', err));
  return p;
}

function loginForm(uid, clientId) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test provider sign-in</title></head>
<body><h1>Sign in to the test provider</h1><p>${clientId.replace(/[^\w-]/g, '')} asks you to sign in.</p>
<form method="post" action="/interaction/${uid}"><label for="login">Login name</label>
<input id="login" name="login" autocomplete="username" required>
<button type="submit" name="action" value="login">Sign in</button>
<button type="submit" name="action" value="cancel" formnovalidate>Cancel</button></form></body></html>`;
}

async function formBody(req) {
  let raw = '';
  for await (const chunk of req) {
    raw += chunk;
  }
  return new URLSearchParams(raw);
}

// Signs in login_hint's subject (or the login form's) and grants what the client asked for; the
// form's Cancel answers the client with access_denied, as a user saying no at a provider does.
async function finishInteraction(req, res) {
  const details = await provider.interactionDetails(req, res);
  let accountId = details.params.login_hint;
  if (!accountId && req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginForm(details.uid, details.params.client_id));
    return;
  }
  if (!accountId) {
    const form = await formBody(req);
    if (form.get('action') === 'cancel' || !form.get('login')) {
      await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'The user cancelled.' },
        { mergeWithLastSubmission: false });
      return;
    }
    accountId = form.get('login');
  }
  const grant = details.grantId ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId, clientId: details.params.client_id });
  grant.addOIDCScope(details.params.scope);
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId } },
    { mergeWithLastSubmission: false });
}

const server = http.createServer((req, res) => {
  const path = req.url.split('?')[0];
  if (req.method === 'POST' && path === '/test/rotate') {
    provider = build(setup.rotatedKeys);
    res.writeHead(204).end();
    return;
  }
  if (req.method === 'GET' && path === '/test/stats') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ jwksFetches }));
    return;
  }
  if (path.startsWith('/interaction/')) {
    finishInteraction(req, res).catch((err) => {
      console.error('interaction failed', err);
      res.writeHead(500).end(String(err));
    });
    return;
  }
  if (path === '/jwks') {
    jwksFetches += 1;
  }
  provider.callback()(req, res);
});

server.listen(port, '127.0.0.1', () => console.log(`oidc-provider ready at ${issuer}`));
