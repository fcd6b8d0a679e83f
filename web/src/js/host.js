// The host console: create a room, go live and end, the stream key (shown only on creation or
// rotation) with a Copy button and the RTMP URL template, and live stats, over the HTTP API;
// moderation is js/hostmod.js, chat and room events come through js/hostfeed.js. The
// room is named by ?id= so the console can be bookmarked (the API lists no "my rooms").
import { api, session } from './api.js';
import { readable } from './errors.js';
import { $, say, showAccount } from './page.js';
import { openFeed } from './hostfeed.js';
import { wireModeration } from './hostmod.js';

// Sentences for the refusals a host meets here; anything else falls back to errors.js.
const HOST_ERRORS = {
  host_not_verified: 'Only identity-verified users can host. Verify your identity with your real name and ID number first; you can still watch and chat.',
  not_room_staff: 'Only this room\'s host or its moderators can do that.',
  room_closed: 'This room was closed by the platform and cannot go live again.',
  room_not_live: 'The room is not live right now.',
  message_not_found: 'That message is not saved yet. Try again in a moment.',
  room_busy: 'The room is very busy. Try again shortly.',
  rate_limited: 'You are doing that too often. Wait a moment and try again.',
  forbidden: 'You are not allowed to do that.',
  conflict: 'The room changed meanwhile. Reload the page and try again.',
  policy_acceptance_required: 'The privacy policy changed. Accept the new version on the Privacy page first.',
};
// The stream name is the whole key: the media server's publish webhook reads it from the RTMP URL
// (OpenAPI, handleMediaPublish). The API does not know the media server's address, so it stays a placeholder.
const RTMP_TEMPLATE = 'rtmp://<your media server>/live/<stream key>';
const STATS_EVERY_MS = 3000;

const params = new URLSearchParams(location.search);
let room = null;
let feed = null;
let statsTimer = null;
let gifts = 0;

function sentence(e) {
  return (typeof e?.code === 'string' && HOST_ERRORS[e.code]) || readable(e);
}

/** Runs an action from a button or form: clears the message, shows a failure as a sentence. */
async function act(what) {
  say('');
  try {
    await what();
  } catch (e) {
    say(sentence(e));
  }
}

function roomPath(suffix = '') {
  return '/api/v1/rooms/' + room.id + suffix;
}

function setStatus(status) {
  const labels = { live: 'Live', idle: 'Not live', closed: 'Closed' };
  $('room-status').textContent = labels[status] || status;
  $('room-status').dataset.status = status;
  room.status = status;
  $('go-live').disabled = status !== 'idle';
  $('end-live').disabled = status !== 'live';
  if (status === 'live' && statsTimer === null) {
    statsTimer = setInterval(refreshStats, STATS_EVERY_MS);
  } else if (status !== 'live' && statsTimer !== null) {
    clearInterval(statsTimer);
    statsTimer = null;
  }
  refreshStats();
}

async function refreshStats() {
  try {
    const stats = await api('GET', roomPath('/stats'), { auth: true });
    $('peak-viewers').textContent = String(stats.peakViewers);
    $('total-likes').textContent = String(stats.totalLikes);
    $('message-count').textContent = String(stats.messageCount);
  } catch {
    // The next tick retries; stats are informative.
  }
  feed?.refreshAudience();
}

function showKey(reply) {
  $('stream-key').textContent = reply.streamKey;
  $('key-notice').textContent = reply.streamKeyNotice || '';
  $('key-box').hidden = false;
  $('key-hidden').hidden = true;
  $('copy-key').dataset.state = 'idle';
  $('copy-key').textContent = 'Copy key';
  $('copy-state').textContent = '';
}

async function copyKey() {
  const button = $('copy-key');
  try {
    await navigator.clipboard.writeText($('stream-key').textContent);
    button.dataset.state = 'copied';
    button.textContent = 'Copied';
    $('copy-state').textContent = 'The stream key is on your clipboard.';
  } catch {
    // No clipboard access (an old browser, or permission refused): select it for a manual copy.
    getSelection().selectAllChildren($('stream-key'));
    button.dataset.state = 'failed';
    $('copy-state').textContent = 'Copying was refused by the browser: the key is selected, copy it by hand.';
  }
}

async function sendChat(event) {
  event.preventDefault();
  const input = $('chat-text');
  const text = input.value.trim();
  if (!text) {
    return;
  }
  await act(async () => {
    await feed.sendChat(text);
    input.value = '';
  });
}

function wireConsole() {
  $('go-live').addEventListener('click', () => act(async () => {
    setStatus((await api('POST', roomPath('/start'), { auth: true })).status);
  }));
  $('end-live').addEventListener('click', () => act(async () => {
    setStatus((await api('POST', roomPath('/end'), { auth: true })).status);
  }));
  $('rotate-key').addEventListener('click', () => {
    if (confirm('Rotate the stream key? The current key stops working at once.')) {
      act(async () => showKey(await api('POST', roomPath('/stream-key'), { auth: true })));
    }
  });
  $('copy-key').addEventListener('click', copyKey);
  $('chat-form').addEventListener('submit', sendChat);
}

function showConsole(loaded) {
  room = loaded;
  document.title = room.title + ' · Host console · Liveroom';
  $('room-title').textContent = room.title;
  $('room-id').textContent = String(room.id);
  $('viewer-link').href = '/room.html?id=' + room.id;
  $('rtmp-template').textContent = RTMP_TEMPLATE;
  $('create-form').hidden = true;
  $('console').hidden = false;
  wireConsole();
  const moderation = wireModeration(roomPath, act);
  moderation.showPinned(room.pinned);
  feed = openFeed(room, {
    onPin: moderation.pin,
    onPinned: moderation.showPinned,
    onStatus: (status) => { if (status !== room.status) { setStatus(status); } },
    onLikes: (total) => { $('total-likes').textContent = String(total); },
    onGift: () => { gifts += 1; $('gift-count').textContent = String(gifts); },
    onSlowMode: moderation.showSlowMode,
  });
  setStatus(room.status);
}

async function createRoom(event) {
  event.preventDefault();
  const tags = $('create-tags').value.split(',').map((t) => t.trim()).filter(Boolean);
  await act(async () => {
    const created = await api('POST', '/api/v1/rooms', { auth: true, body: {
      title: $('create-title').value.trim(), category: $('create-category').value.trim(), tags,
    } });
    history.replaceState(null, '', '/host.html?id=' + created.room.id);
    showConsole(created.room);
    showKey(created);
  });
}

function notAllowed(text) {
  $('not-allowed').textContent = text;
  $('not-allowed').hidden = false;
}

async function openRoom(id, me) {
  const loaded = await api('GET', '/api/v1/rooms/' + id, { auth: true });
  if (loaded.hostId !== me.id) {
    notAllowed('This room belongs to another host. You can watch it on its viewer page.');
    return;
  }
  showConsole(loaded);
}

async function start() {
  showAccount();
  if (!session()) {
    $('signed-out').hidden = false;
    return;
  }
  await act(async () => {
    const me = await api('GET', '/api/v1/me', { auth: true });
    if (!me.identityVerified) {
      notAllowed(HOST_ERRORS.host_not_verified);
      return;
    }
    const id = Number(params.get('id'));
    if (Number.isInteger(id) && id > 0) {
      await openRoom(id, me);
      return;
    }
    $('create-form').hidden = false;
    $('create-form').addEventListener('submit', createRoom);
  });
}

start();
