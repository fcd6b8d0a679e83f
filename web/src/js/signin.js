// Sign up (phone + SMS code + password, with the current policy accepted) and sign in (code or
// password). In development the node's SMS sender is a stand-in whose outbox the API exposes;
// the page shows its code under a banner. In production that endpoint does not exist (404), and
// the page shows nothing.
import { api, saveSession } from './api.js';
import { readable } from './errors.js';
import { $, say } from './page.js';
import { initOidc } from './signin-oidc.js';

let policy = null;

async function loadPolicy() {
  try {
    policy = await api('GET', '/api/v1/policy');
  } catch (e) {
    say('The privacy policy could not be loaded: ' + readable(e));
    return null;
  }
  $('policy-version').textContent = policy.version;
  document.querySelectorAll('.policy-version').forEach((el) => { el.textContent = policy.version; });
  $('policy-date').textContent = policy.effectiveDate;
  $('policy-changes').replaceChildren(...(policy.changes || []).map((c) => {
    const li = document.createElement('li');
    li.textContent = c;
    return li;
  }));
  if (policy.url && /^https?:\/\//.test(policy.url)) {
    $('policy-url').href = policy.url;
    $('policy-link').hidden = false;
  }
  if (policy.text) {
    $('policy-text').textContent = policy.text;
    $('policy-text').hidden = false;
  }
  return policy;
}

async function sendCode(phone, purpose) {
  say('');
  $('dev-banner').hidden = true;
  if (!phone) {
    say('Enter your phone number first.');
    return;
  }
  try {
    await api('POST', '/api/v1/auth/sms-codes', { body: { phone, purpose } });
  } catch (e) {
    say(readable(e));
    return;
  }
  say('A code is on its way to ' + phone + '.', 'info');
  await showDevCode(phone, purpose);
}

/**
 * The dev outbox exists only with the dev-outbox SMS sender; any failure means "not here". The
 * body's data-outbox says what the check found (shown or absent), for people and tests alike.
 */
async function showDevCode(phone, purpose) {
  let box = null;
  try {
    box = await api('GET', '/api/v1/dev/sms-outbox?phone=' + encodeURIComponent(phone));
  } catch {
    // Production: no outbox.
  }
  const message = (box?.messages || []).find((m) => m.purpose === purpose);
  if (box?.sender === 'dev-outbox' && message) {
    $('dev-code').textContent = message.code;
    $('dev-banner').hidden = false;
  }
  document.body.dataset.outbox = $('dev-banner').hidden ? 'absent' : 'shown';
}

function signedIn(auth) {
  if (auth.guardianConsentRequired) {
    say('Your account was created. A guardian must consent before you can use it.', 'info');
    return;
  }
  saveSession(auth);
  location.href = '/';
}

async function signUp(event) {
  event.preventDefault();
  say('');
  if (!policy) {
    say('The privacy policy could not be loaded, so you cannot sign up yet.');
    return;
  }
  if (!$('signup-accept').checked) {
    say('Please read and accept the privacy policy to create an account.');
    $('signup-accept').focus();
    return;
  }
  const body = {
    phone: $('signup-phone').value.trim(), code: $('signup-code').value.trim(),
    nickname: $('signup-nickname').value.trim(), password: $('signup-password').value,
    policyVersion: policy.version,
  };
  try {
    signedIn(await api('POST', '/api/v1/auth/register', { body }));
  } catch (e) {
    say(readable(e));
  }
}

async function signIn(event) {
  event.preventDefault();
  say('');
  const phone = $('signin-phone').value.trim();
  const byCode = document.querySelector('input[name="method"]:checked').value === 'code';
  const body = byCode ? { phone, code: $('signin-code').value.trim() } : { phone, password: $('signin-password').value };
  try {
    signedIn(await api('POST', '/api/v1/auth/login', { body }));
  } catch (e) {
    say(readable(e));
  }
}

/** Tabs per the WAI-ARIA pattern: arrow keys move between them, one panel shows. */
function selectTab(tab) {
  for (const t of document.querySelectorAll('[role="tab"]')) {
    const on = t === tab;
    t.setAttribute('aria-selected', String(on));
    t.tabIndex = on ? 0 : -1;
    $(t.getAttribute('aria-controls')).hidden = !on;
  }
  tab.focus();
  say('');
  $('dev-banner').hidden = true;
}

function wire() {
  const tabs = [$('tab-signup'), $('tab-signin')];
  tabs.forEach((t, i) => {
    t.addEventListener('click', () => selectTab(t));
    t.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
        selectTab(tabs[(i + 1) % tabs.length]);
      }
    });
  });
  $('signup-send').addEventListener('click', () => sendCode($('signup-phone').value.trim(), 'register'));
  $('signin-send').addEventListener('click', () => sendCode($('signin-phone').value.trim(), 'login'));
  for (const radio of document.querySelectorAll('input[name="method"]')) {
    radio.addEventListener('change', () => {
      const byCode = radio.value === 'code' && radio.checked;
      $('signin-code-row').hidden = !byCode;
      $('signin-password-row').hidden = byCode;
    });
  }
  $('signup').addEventListener('submit', signUp);
  $('signin').addEventListener('submit', signIn);
}

wire();
initOidc(loadPolicy(), signedIn);
