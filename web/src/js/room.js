// The room viewer: the room's channel through centrifuge-js (chat, likes, room events, presence),
// with the connection's state shown: connecting, reconnecting after a drop, and recovered once
// the SDK has resubscribed and the server replayed what was missed (docs/PROTOCOL.md, History
// and recovery). Errors from the socket show as readable sentences (errors.js). Gifts, the wallet
// and the leaderboards are in gifts.js; the staff's controls on chat lines in moderation.js.
import { Centrifuge } from './centrifuge.js';
import { api, session, freshAccessToken } from './api.js';
import { readable } from './errors.js';
import { $, say, showAccount } from './page.js';
import { setUpGifts, giftLine, giftArrived, sessionStarted } from './gifts.js';
import { setUpModeration, controlsFor, moderationNotice } from './moderation.js';

const roomId = Number(new URLSearchParams(location.search).get('id'));
const seen = new Set();
let everConnected = false;
let subscription = null;
let client = null;

function setConnection(state, text) {
  const el = $('connection');
  el.dataset.state = state;
  el.textContent = text;
}

function setStatus(status) {
  const labels = { live: 'Live', idle: 'Not live yet', closed: 'Closed', ended: 'Ended' };
  $('room-status').textContent = labels[status] || status;
  $('room-status').dataset.status = status;
}

function time(ts) {
  return new Date(ts).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function addLine(kind, parts, id, extra = null) {
  if (id) {
    if (seen.has(id)) {
      return;
    }
    seen.add(id);
  }
  const li = document.createElement('li');
  li.className = kind;
  if (id) {
    li.dataset.id = id;
  }
  for (const [cls, text] of parts) {
    const span = document.createElement('span');
    span.className = cls;
    span.textContent = text;
    li.append(span, ' ');
  }
  if (extra) {
    li.append(extra);
  }
  const log = $('chat-log');
  log.append(li);
  log.scrollTop = log.scrollHeight;
}

function showPinned(message) {
  $('pinned').hidden = !message;
  $('pinned').textContent = message ? 'Pinned: ' + message.text : '';
}

/** One publication on room:{id}; every one has a type (docs/PROTOCOL.md, Publications). */
function onPublication(data) {
  switch (data.type) {
    case 'chat':
      addLine('chat', [['time', time(data.ts)], ['sender', data.sender?.nickname ?? '?'], ['text', data.text]], data.id,
        controlsFor(data));
      break;
    case 'likes':
      $('like-total').textContent = String(data.total);
      break;
    case 'started':
      setStatus('live');
      sessionStarted(data.sessionId);
      addLine('event', [['text', 'The host went live.']]);
      break;
    case 'ended':
      setStatus('ended');
      addLine('event', [['text', 'The live session ended.']]);
      break;
    case 'removed':
      document.querySelector(`#chat-log li[data-id="${CSS.escape(data.id)}"]`)?.remove();
      break;
    case 'pinned':
      showPinned(data.message);
      break;
    case 'unpinned':
      showPinned(null);
      break;
    case 'gift':
      addLine('event gift', giftLine(data), 'gift-' + data.transactionId);
      giftArrived();
      break;
    case 'moderation': {
      const notice = moderationNotice(data);
      if (notice) {
        addLine('event', [['text', notice]]);
      }
      break;
    }
    default:
      break;
  }
}

async function updatePresence() {
  if (!subscription || subscription.state !== 'subscribed') {
    return;
  }
  try {
    const stats = await subscription.presenceStats();
    $('presence-count').textContent = String(stats.numUsers);
  } catch {
    // Presence is informative; the next update retries.
  }
}

async function loadHistory() {
  try {
    const page = await subscription.history({ limit: 30, reverse: true });
    page.publications.slice().reverse().forEach((p) => onPublication(p.data));
  } catch {
    // Older chat is a convenience: live chat works without it.
  }
}

function onSubscribed(ctx) {
  if (ctx.wasRecovering && ctx.recovered) {
    setConnection('recovered', 'Reconnected: missed messages recovered.');
  } else if (ctx.wasRecovering) {
    setConnection('unrecovered', 'Reconnected, but some messages could not be recovered.');
    loadHistory();
  } else {
    setConnection('connected', 'Connected.');
    loadHistory();
  }
  updatePresence();
}

function connect(room) {
  const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/connection/websocket';
  client = new Centrifuge(url, { token: session().accessToken, getToken: freshAccessToken });
  client.on('connecting', (ctx) => {
    setConnection(everConnected ? 'reconnecting' : 'connecting', everConnected ? 'Reconnecting…' : 'Connecting…');
    if (ctx.code >= 3000 && ctx.reason) {
      console.info('connection', ctx.code, ctx.reason);
    }
  });
  client.on('connected', () => { everConnected = true; });
  client.on('disconnected', (ctx) => setConnection('disconnected', 'Disconnected: ' + (ctx.reason || 'closed') + '.'));
  subscription = client.newSubscription(room.channel);
  subscription.on('publication', (ctx) => onPublication(ctx.data));
  subscription.on('subscribed', onSubscribed);
  subscription.on('join', updatePresence);
  subscription.on('leave', updatePresence);
  subscription.on('error', (ctx) => say(readable(ctx.error)));
  subscription.on('unsubscribed', (ctx) => {
    // 0 is our own unsubscribe; anything else is the server's (a refusal, a kick or a ban).
    if (ctx.code !== 0) {
      const sentence = readable({ code: ctx.code, message: 'You left the room: ' + ctx.reason + '.' });
      say(sentence);
      if (ctx.code === 2050 || ctx.code === 2051) {
        setConnection('youth-stopped', sentence); // youth mode ended the watching: not resubscribed
      }
    }
  });
  subscription.subscribe();
  client.connect();
  setInterval(updatePresence, 5000);
}

async function sendChat(event) {
  event.preventDefault();
  const input = $('chat-text');
  const text = input.value.trim();
  if (!text) {
    return;
  }
  say('');
  try {
    await subscription.publish({ text });
    input.value = '';
  } catch (e) {
    say(readable(e));
  }
}

// Taps within 300 ms go as one room.like call, as the protocol asks of clients.
let pendingLikes = 0;
let likeTimer = null;

function tapLike() {
  pendingLikes += 1;
  if (likeTimer === null) {
    likeTimer = setTimeout(flushLikes, 300);
  }
}

async function flushLikes() {
  const count = Math.min(pendingLikes, 100);
  pendingLikes -= count;
  likeTimer = pendingLikes > 0 ? setTimeout(flushLikes, 300) : null;
  try {
    const reply = await client.rpc('room.like', { roomId, count });
    $('like-total').textContent = String(reply.data.total);
  } catch (e) {
    say(readable(e));
  }
}

async function start() {
  showAccount();
  if (!session()) {
    location.href = '/signin.html';
    return;
  }
  if (!Number.isInteger(roomId) || roomId <= 0) {
    say('No room was given. Pick one from the live list.');
    return;
  }
  let room;
  let me;
  try {
    // Who the viewer is decides the staff controls and the gift buttons; the room works without it.
    [room, me] = await Promise.all([api('GET', '/api/v1/rooms/' + roomId, { auth: true }),
      api('GET', '/api/v1/me', { auth: true }).catch(() => null)]);
  } catch (e) {
    say(readable(e));
    return;
  }
  document.title = room.title + ' · Liveroom';
  $('room-title').textContent = room.title;
  setStatus(room.status);
  showPinned(room.pinned);
  // An account opened with a sign-in provider has no phone yet; say so before a refusal does.
  $('phone-note').hidden = !me || Boolean(me.phone);
  $('chat-form').addEventListener('submit', sendChat);
  $('like').addEventListener('click', tapLike);
  await setUpModeration(room, me);
  connect(room);
  await setUpGifts(room, (method, data) => client.rpc(method, data), me?.id !== room.hostId);
}

start();
