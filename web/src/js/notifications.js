// Notifications: the inbox (newest first, paged), the unread count, mark read (one or all),
// delete, and the settings (per kind in-app and push, quiet hours). New items arrive live as
// publications on the personal channel (PROTOCOL.md, "Notifications").
import { api, session, freshAccessToken } from './api.js';
import { Centrifuge } from './centrifuge.js';
import { readable } from './errors.js';
import { $, say, showAccount } from './page.js';

const KIND_NAMES = {
  going_live: 'A followed host goes live',
  new_follower: 'New follower',
  gift_received: 'Gift received',
  moderation: 'Moderation in a room',
  export_ready: 'Data export ready',
  cancellation_scheduled: 'Account cancellation scheduled',
  post_comment: 'Comment on your post',
  post_like: 'Like on your post',
  post_share: 'Your post shared',
};

let cursor = null;
let unread = 0;

function describe(n) {
  const who = n.actor?.nickname ?? 'Someone';
  switch (n.kind) {
    case 'going_live': return who + ' is live now.';
    case 'new_follower': return who + ' started following you.';
    case 'gift_received': return who + ' sent you ' + (n.payload.count ?? 1) + ' gift(s).';
    case 'moderation': return 'You were ' + ({ mute: 'muted', kick: 'kicked', ban: 'banned' }[n.payload.action] ?? 'restricted') + ' in a room.';
    case 'export_ready': return 'Your data export is ready on the privacy page.';
    case 'cancellation_scheduled': return 'Your account cancellation is scheduled.';
    default: return KIND_NAMES[n.kind] ?? n.kind;
  }
}

function setUnread(count) {
  unread = Math.max(0, count);
  $('unread-count').textContent = String(unread);
}

function item(n) {
  const li = document.createElement('li');
  li.className = 'notification';
  li.dataset.id = String(n.id);
  li.dataset.kind = n.kind;
  li.dataset.read = String(n.read);
  const text = document.createElement('span');
  text.className = 'text';
  text.textContent = describe(n);
  const when = document.createElement('time');
  when.dateTime = n.createdAt;
  when.textContent = new Date(n.createdAt).toLocaleString();
  const read = document.createElement('button');
  read.type = 'button';
  read.className = 'secondary read';
  read.textContent = 'Mark read';
  read.hidden = n.read;
  read.addEventListener('click', () => markRead(li, read));
  const del = document.createElement('button');
  del.type = 'button';
  del.className = 'secondary delete';
  del.textContent = 'Delete';
  del.addEventListener('click', () => remove(li));
  li.append(text, ' ', when, ' ', read, ' ', del);
  return li;
}

async function markRead(li, button) {
  try {
    await api('POST', '/api/v1/me/notifications/' + li.dataset.id + '/read', { auth: true });
    if (li.dataset.read !== 'true') {
      setUnread(unread - 1);
    }
    li.dataset.read = 'true';
    button.hidden = true;
  } catch (e) {
    say('The notification could not be marked read: ' + readable(e));
  }
}

async function remove(li) {
  try {
    await api('DELETE', '/api/v1/me/notifications/' + li.dataset.id, { auth: true });
    li.remove();
    await loadUnread();
    $('empty').hidden = $('items').children.length > 0;
  } catch (e) {
    say('The notification could not be deleted: ' + readable(e));
  }
}

async function loadPage(first) {
  const query = '?limit=20' + (first || !cursor ? '' : '&cursor=' + cursor);
  const page = await api('GET', '/api/v1/me/notifications' + query, { auth: true });
  const rows = (page.items || []).map(item);
  if (first) {
    $('items').replaceChildren(...rows);
  } else {
    $('items').append(...rows);
  }
  cursor = page.nextCursor ?? null;
  $('more').hidden = !cursor;
  $('empty').hidden = $('items').children.length > 0;
}

async function loadUnread() {
  const body = await api('GET', '/api/v1/me/notifications/unread-count', { auth: true });
  setUnread(body.count);
}

async function readAll() {
  try {
    await api('POST', '/api/v1/me/notifications/read-all', { auth: true });
    for (const li of $('items').children) {
      li.dataset.read = 'true';
      li.querySelector('button.read').hidden = true;
    }
    setUnread(0);
  } catch (e) {
    say('The notifications could not be marked read: ' + readable(e));
  }
}

function toggle(kind, flag, on) {
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.name = kind + '.' + flag;
  box.checked = on;
  box.setAttribute('aria-label', (KIND_NAMES[kind] ?? kind) + ': ' + (flag === 'inApp' ? 'in the app' : 'push'));
  const cell = document.createElement('td');
  cell.append(box);
  return cell;
}

async function loadSettings() {
  const s = await api('GET', '/api/v1/me/notification-settings', { auth: true });
  const rows = Object.entries(s.kinds).map(([kind, flags]) => {
    const tr = document.createElement('tr');
    const name = document.createElement('th');
    name.scope = 'row';
    name.textContent = KIND_NAMES[kind] ?? kind;
    tr.append(name, toggle(kind, 'inApp', flags.inApp), toggle(kind, 'push', flags.push));
    return tr;
  });
  $('kinds').replaceChildren(...rows);
  $('quiet-on').checked = Boolean(s.quietHours);
  $('quiet-start').value = s.quietHours?.start ?? '22:00';
  $('quiet-end').value = s.quietHours?.end ?? '07:00';
  $('quiet-zone').value = s.quietHours?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

async function saveSettings(event) {
  event.preventDefault();
  const kinds = {};
  for (const box of $('kinds').querySelectorAll('input[type=checkbox]')) {
    const [kind, flag] = box.name.split('.');
    kinds[kind] = { ...(kinds[kind] || {}), [flag]: box.checked };
  }
  const quietHours = $('quiet-on').checked
    ? { start: $('quiet-start').value, end: $('quiet-end').value, timeZone: $('quiet-zone').value.trim() } : null;
  try {
    await api('PUT', '/api/v1/me/notification-settings', { auth: true, body: { kinds, quietHours } });
    say('Settings saved.', 'info');
  } catch (e) {
    say('The settings could not be saved: ' + readable(e));
  }
}

/** A publication on the personal channel: only notifications are ours here. */
function onPublication(data) {
  if (data?.type !== 'notification' || $('items').querySelector("li[data-id='" + data.notification.id + "']")) {
    return;
  }
  $('items').prepend(item(data.notification));
  $('empty').hidden = true;
  if (!data.notification.read) {
    setUnread(unread + 1);
  }
}

function connect() {
  const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/connection/websocket';
  const c = new Centrifuge(url, { token: session().accessToken, getToken: freshAccessToken });
  const state = (s, text) => {
    $('connection').dataset.state = s;
    $('connection').textContent = text;
  };
  c.on('connecting', () => state('connecting', 'Connecting…'));
  c.on('connected', () => state('connected', 'Connected: new notifications appear here.'));
  c.on('disconnected', (ctx) => state('disconnected', 'Disconnected: ' + (ctx.reason || 'closed') + '.'));
  // The personal channel is a server-side subscription: its publications come on the client.
  c.on('publication', (ctx) => onPublication(ctx.data));
  c.connect();
}

async function start() {
  showAccount();
  if (!session()) {
    $('signed-out').hidden = false;
    $('connection').hidden = true;
    return;
  }
  $('inbox').hidden = false;
  $('settings').hidden = false;
  $('read-all').addEventListener('click', readAll);
  $('more').addEventListener('click', () => loadPage(false).catch((e) => say('Older notifications could not be loaded: ' + readable(e))));
  $('settings-form').addEventListener('submit', saveSettings);
  connect();
  try {
    await Promise.all([loadPage(true), loadUnread(), loadSettings()]);
  } catch (e) {
    say('Your notifications could not be loaded: ' + readable(e));
  }
  document.body.dataset.ready = 'true';
}

start();
