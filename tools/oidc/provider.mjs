// A real OpenID Connect provider for the OIDC login tests (oidc-provider, a certified
// implementation). The test gives it its signing keys and clients, so it can also craft tokens the
// provider would never mint (expired, forged) with the same keys. Sign-in has no login page: the
// interaction signs in the subject named by login_hint and grants the requested scopes, which is
// what a user clicking through would do. Not for anything but tests.
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

// Signs in login_hint's subject and grants what the client asked for.
async function finishInteraction(req, res) {
  const details = await provider.interactionDetails(req, res);
  const accountId = details.params.login_hint || 'alice';
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
