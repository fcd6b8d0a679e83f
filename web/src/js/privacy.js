// Privacy center: the policy version, consents and their history, data export, and account
// cancellation with its withdrawal. Everything goes through the public API (api.js).
import { api, session, saveSession, clearSession } from './api.js';
import { readable } from './errors.js';
import { $, say, showAccount } from './page.js';

const PURPOSES = {
  location: {
    title: 'Location (Nearby)',
    explain: 'Used only to show rooms near you in Nearby. Your position is snapped to a coarse grid '
      + 'before it is stored, never kept exact.',
  },
  personalized_recommendations: {
    title: 'Personalized recommendations',
    explain: 'Uses what you watch to suggest rooms you may like.',
  },
  marketing_notifications: {
    title: 'Marketing notifications',
    explain: 'News and offers from Liveroom. Service messages are sent either way.',
  },
};
/** How often the page asks for the export's status while it is being prepared. */
const EXPORT_POLL_MS = 1000;

let policyVersion = null;

async function loadPolicy() {
  const policy = await api('GET', '/api/v1/policy');
  policyVersion = policy.version;
  $('policy-current').textContent = policy.version;
  $('policy-date').textContent = policy.effectiveDate ? `(effective ${policy.effectiveDate})` : '';
  if (policy.url) {
    $('policy-link').href = policy.url;
    $('policy-link-line').hidden = false;
  }
}

async function loadAccepted() {
  const me = await api('GET', '/api/v1/me', { auth: true });
  $('policy-accepted').textContent = me.policyVersion || 'none';
  $('policy-accepted-line').hidden = false;
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '';
}

function consentItem(decision) {
  const info = PURPOSES[decision.purpose] || { title: decision.purpose, explain: '' };
  const li = document.createElement('li');
  li.className = 'consent';
  li.dataset.purpose = decision.purpose;
  li.dataset.granted = String(decision.granted);
  const title = document.createElement('strong');
  title.textContent = info.title;
  const explain = document.createElement('p');
  explain.textContent = info.explain;
  const state = document.createElement('p');
  state.className = 'consent-state';
  state.textContent = !decision.at ? 'Not granted'
    : `${decision.granted ? 'Granted' : 'Withdrawn'} on ${when(decision.at)}`;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = decision.granted ? 'secondary' : '';
  button.textContent = decision.granted ? 'Withdraw' : 'Grant';
  button.addEventListener('click', () => decide(decision.purpose, !decision.granted));
  li.append(title, explain, state, button);
  return li;
}

function historyItem(record) {
  const li = document.createElement('li');
  li.dataset.purpose = record.purpose;
  li.dataset.granted = String(record.granted);
  const title = PURPOSES[record.purpose]?.title || record.purpose;
  li.textContent = `${when(record.at)}: ${title} ${record.granted ? 'granted' : 'withdrawn'}`
    + ` (policy ${record.policyVersion}, via ${record.source})`;
  return li;
}

async function loadConsents() {
  const [current, history] = await Promise.all([
    api('GET', '/api/v1/me/consents', { auth: true }),
    api('GET', '/api/v1/me/consents/history', { auth: true }),
  ]);
  $('consent-list').replaceChildren(...current.consents.map(consentItem));
  // The server lists the ledger oldest first; newest first reads as "what changed lately".
  const records = [...history.records].reverse();
  $('consent-history').replaceChildren(...records.map(historyItem));
}

async function decide(purpose, granted) {
  say('');
  try {
    await api('PUT', '/api/v1/me/consents/' + encodeURIComponent(purpose),
      { auth: true, body: { granted, policyVersion, source: 'web' } });
    await loadConsents();
  } catch (e) {
    say('The consent could not be changed: ' + readable(e));
  }
}

function showExport(exp) {
  const status = $('export-status');
  status.dataset.status = exp.status;
  const words = { pending: 'Preparing your data…', generating: 'Preparing your data…', ready: 'Your data is ready.',
    failed: 'The export failed. Please request a new one.', expired: 'That export expired. Request a new one.' };
  status.textContent = words[exp.status] || `Export ${exp.status}.`;
  const link = $('export-download');
  link.hidden = !exp.downloadUrl;
  if (exp.downloadUrl) {
    link.href = exp.downloadUrl;
  }
}

async function requestExport() {
  say('');
  $('export-request').disabled = true;
  try {
    const exp = await api('POST', '/api/v1/me/exports', { auth: true });
    showExport(exp);
    await pollExport(exp.id);
  } catch (e) {
    say('The export could not be requested: ' + readable(e));
  } finally {
    $('export-request').disabled = false;
  }
}

async function pollExport(id) {
  for (;;) {
    const exp = await api('GET', '/api/v1/me/exports/' + encodeURIComponent(id), { auth: true });
    showExport(exp);
    if (exp.status !== 'pending' && exp.status !== 'generating') {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, EXPORT_POLL_MS));
  }
}

function showPending(requestedAt, eraseAfter) {
  const days = Math.round((Date.parse(eraseAfter) - Date.parse(requestedAt)) / 86_400_000);
  $('cooling-off').textContent = days === 1 ? '1 day' : `${days} days`;
  $('erase-after').textContent = when(eraseAfter);
  $('cancel-form').hidden = true;
  $('cancel-pending').hidden = false;
  $('cancel-state').hidden = false;
  $('signed-out').hidden = true;
  for (const id of ['consents', 'export']) {
    $(id).hidden = true;
  }
}

async function cancelAccount(event) {
  event.preventDefault();
  say('');
  try {
    const r = await api('POST', '/api/v1/me/cancellation',
      { auth: true, body: { password: $('cancel-password').value } });
    $('cancel-password').value = '';
    // The account is frozen and its sessions end: keeping them would only produce 401s.
    clearSession();
    showAccount();
    showPending(r.requestedAt, r.eraseAfter);
    say('Your account is frozen. You can still keep it until the date below.', 'info');
  } catch (e) {
    say('The account could not be cancelled: ' + readable(e));
  }
}

/**
 * Withdrawing proves the login again: the frozen account's login answers cancellation_pending with
 * a one-time withdrawal token, which the DELETE spends; then the login succeeds as before.
 */
async function withdrawCancellation(event) {
  event.preventDefault();
  say('');
  const credentials = { phone: $('withdraw-phone').value.trim(), password: $('withdraw-password').value };
  try {
    let token = null;
    try {
      saveSession(await api('POST', '/api/v1/auth/login', { body: credentials }));
    } catch (e) {
      if (e.code !== 'cancellation_pending' || !e.problem.withdrawalToken) {
        throw e;
      }
      token = e.problem.withdrawalToken;
    }
    if (token) {
      await api('DELETE', '/api/v1/me/cancellation', { headers: { 'X-Withdrawal-Token': token } });
      saveSession(await api('POST', '/api/v1/auth/login', { body: credentials }));
    }
    $('withdraw-password').value = '';
    say('Cancellation withdrawn. Your account is active again.', 'info');
    showSignedIn();
  } catch (e) {
    say('The cancellation could not be withdrawn: ' + readable(e));
  }
}

function showSignedIn() {
  showAccount();
  $('private').hidden = false;
  $('signed-out').hidden = true;
  $('cancel-pending').hidden = true;
  for (const id of ['consents', 'export', 'cancel-form']) {
    $(id).hidden = false;
  }
  Promise.all([loadAccepted(), loadConsents()]).catch((e) => {
    if (e.status === 401) {
      showSignedOut();
      return;
    }
    say('Your privacy settings could not be loaded: ' + readable(e));
  });
}

/** Signed out, only the withdrawal shows: a frozen account cannot sign in, but it can keep itself. */
function showSignedOut() {
  $('signed-out').hidden = false;
  $('private').hidden = false;
  for (const id of ['consents', 'export', 'cancel-form', 'cancel-state']) {
    $(id).hidden = true;
  }
  $('cancel-pending').hidden = false;
  showAccount();
}

$('export-request').addEventListener('click', requestExport);
$('cancel-form').addEventListener('submit', cancelAccount);
$('withdraw-form').addEventListener('submit', withdrawCancellation);
loadPolicy().catch((e) => say('The policy could not be loaded: ' + readable(e)));
if (session()) {
  showSignedIn();
} else {
  showSignedOut();
}
