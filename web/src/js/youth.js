// Youth mode (docs/YOUTH.md): the state and why, today's usage against the limits, the curfew in
// the user's time zone; an adult turns it on with a youth-mode password (and a zone) and off with
// the same password; a minor is told that only the guardian path turns it off.
import { api, session } from './api.js';
import { readable } from './errors.js';
import { $, say, showAccount } from './page.js';

const REASONS = {
  minor: 'Youth mode is on because you are a minor. It stays on.',
  chosen: 'Youth mode is on: you turned it on.',
  guardian_off: 'Youth mode is off: your guardian turned it off.',
  off: 'Youth mode is off.',
};

let current = null;

function minutes(seconds) {
  return Math.floor(seconds / 60);
}

function usage(u) {
  return `${minutes(u.usedSeconds)} of ${u.limitMinutes} minutes used`;
}

function render(status) {
  current = status;
  const state = $('youth-state');
  state.textContent = REASONS[status.reason] || (status.enabled ? 'Youth mode is on.' : 'Youth mode is off.');
  state.dataset.enabled = String(status.enabled);
  $('usage-live').textContent = usage(status.live);
  $('usage-ai').textContent = usage(status.ai);
  $('curfew-window').textContent = `${status.curfew.start} to ${status.curfew.end} (${status.timeZone})`;
  $('curfew-now').textContent = status.curfew.now ? 'The curfew is on now.' : '';
  $('zone-current').textContent = status.timeZone;
  $('minor').hidden = !status.minor;
  $('minor-on').hidden = !status.minor || status.enabled;
  $('adult').hidden = status.minor;
  $('youth-zone').hidden = status.enabled;
  $('youth-zone').previousElementSibling.hidden = status.enabled;
  $('switch-submit').textContent = status.enabled ? 'Turn youth mode off' : 'Turn youth mode on';
  $('switch-help').textContent = status.enabled
    ? 'Enter the youth-mode password you set when you turned it on.'
    : 'Choose a password that the person using this device does not know: it is needed to turn youth mode off.';
  $('youth-password').autocomplete = status.enabled ? 'current-password' : 'new-password';
}

async function load() {
  render(await api('GET', '/api/v1/me/youth-mode', { auth: true }));
}

async function change(body, done) {
  say('');
  try {
    render(await api('PUT', '/api/v1/me/youth-mode', { auth: true, body }));
    say(done, 'info');
    $('youth-password').value = '';
  } catch (e) {
    // rate_limited here means too many wrong passwords (5 per 15 minutes).
    say(e.code === 'rate_limited' ? 'Too many wrong passwords. Wait 15 minutes and try again.' : readable(e));
  }
}

function submit(event) {
  event.preventDefault();
  const password = $('youth-password').value;
  if (current.enabled) {
    change({ enabled: false, password }, 'Youth mode is off.');
    return;
  }
  const body = { enabled: true, password };
  const zone = $('youth-zone').value.trim();
  if (zone) {
    body.timeZone = zone;
  }
  change(body, 'Youth mode is on.');
}

async function start() {
  showAccount();
  if (!session()) {
    $('signed-out').hidden = false;
    return;
  }
  $('private').hidden = false;
  $('switch-form').addEventListener('submit', submit);
  $('minor-on').addEventListener('click', () => change({ enabled: true }, 'Youth mode is on.'));
  try {
    await load();
  } catch (e) {
    if (e.status === 401) {
      $('private').hidden = true;
      $('signed-out').hidden = false;
      return;
    }
    say('Youth mode could not be loaded: ' + readable(e));
  }
}

start();
