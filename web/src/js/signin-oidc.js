// Sign-in with OpenID Connect providers and with a verified email, on the sign-in page. The
// buttons come from GET /api/v1/auth/oidc/providers (which also says whether email login is on).
// A button sends the browser through the server's web flow; the server's callback sends it back
// here with a single-use exchange code in the URL fragment (never the tokens), which this module
// swaps for the session with a POST, or with an error code to put into words.
import { api } from './api.js';
import { readable } from './errors.js';
import { $, say } from './page.js';

const START = (provider, policyVersion) => '/api/v1/auth/oidc/' + encodeURIComponent(provider) + '/start'
  + (policyVersion ? '?policyVersion=' + encodeURIComponent(policyVersion) : '');

let providers = [];

/** Wires the providers, the email form and the callback's answer; {@code policyLoaded} resolves to the policy or null. */
export async function initOidc(policyLoaded, signedIn) {
  const answer = takeFragment();
  try {
    const options = await api('GET', '/api/v1/auth/oidc/providers');
    providers = options.providers || [];
    showButtons();
    showEmailLogin(options.emailLogin === true, signedIn);
  } catch {
    // Nothing to offer beyond phone sign-in; the phone forms still work.
  }
  if (answer.get('oidc')) {
    await exchange(answer.get('oidc'), signedIn);
  } else if (answer.get('oidc_error')) {
    await showError(answer, await policyLoaded);
  }
  document.body.dataset.oidc = 'ready';
}

/** The callback's answer, removed from the address bar (and history) before anything else. */
function takeFragment() {
  const params = new URLSearchParams(location.hash.slice(1));
  if (params.has('oidc') || params.has('oidc_error')) {
    history.replaceState(null, '', location.pathname + location.search);
  }
  return params;
}

function nameOf(id) {
  return providers.find((p) => p.id === id)?.name || id;
}

function showButtons() {
  $('oidc-buttons').replaceChildren(...providers.map((p) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'secondary';
    button.textContent = 'Continue with ' + p.name;
    button.addEventListener('click', () => { location.href = START(p.id); });
    return button;
  }));
  $('oidc').hidden = providers.length === 0;
}

async function exchange(code, signedIn) {
  say('Signing you in…', 'info');
  try {
    signedIn(await api('POST', '/api/v1/auth/oidc/exchange', { body: { code } }));
  } catch (e) {
    say(readable(e));
  }
}

async function showError(answer, policy) {
  const code = answer.get('oidc_error');
  const provider = answer.get('provider') || '';
  if (code === 'oidc_policy_required' && policy) {
    askPolicy(provider, policy);
    return;
  }
  if (code === 'oidc_token_invalid' && answer.get('reason') === 'denied') {
    say('You cancelled the sign-in at ' + nameOf(provider) + '. Nothing was changed; you can try again.');
    return;
  }
  say(readable({ code }));
}

/** A first sign-in creates an account: show the policy's acceptance, then run the flow again with it. */
function askPolicy(provider, policy) {
  say(readable({ code: 'oidc_policy_required' }), 'info');
  $('oidc-policy-provider').textContent = nameOf(provider);
  $('oidc-policy').hidden = false;
  $('oidc-policy').addEventListener('submit', (event) => {
    event.preventDefault();
    if (!$('oidc-accept').checked) {
      say('Please read and accept the privacy policy to create an account.');
      $('oidc-accept').focus();
      return;
    }
    location.href = START(provider, policy.version);
  });
  $('oidc-accept').focus();
}

function showEmailLogin(on, signedIn) {
  $('email-login').hidden = !on;
  if (!on) {
    return;
  }
  $('email-login').addEventListener('submit', async (event) => {
    event.preventDefault();
    say('');
    const body = { email: $('email-address').value.trim(), password: $('email-password').value };
    try {
      signedIn(await api('POST', '/api/v1/auth/email-login', { body }));
    } catch (e) {
      say(e.code === 'invalid_credentials' ? 'Wrong email or password.' : readable(e));
    }
  });
}
